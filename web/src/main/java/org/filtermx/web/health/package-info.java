/**
 * MicroProfile Health checks, served by WildFly on the management interface at {@code /health/live}
 * and {@code /health/ready}.
 */
package org.filtermx.web.health;
