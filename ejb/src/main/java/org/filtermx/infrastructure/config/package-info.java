/** Installation settings read from the environment, with the defaults the operator guide lists. */
package org.filtermx.infrastructure.config;
