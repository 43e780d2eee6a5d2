/**
 * This node's health as the MicroProfile Health checks report it: the view the application gives
 * ({@link org.filtermx.health.NodeHealth}) and the checks WildFly serves at the management
 * interface's {@code /health/ready} and {@code /health/live}.
 */
package org.filtermx.health;
