/** Probes of this node's local resources for the health checks: disk space and writability. */
package org.filtermx.infrastructure.health;
