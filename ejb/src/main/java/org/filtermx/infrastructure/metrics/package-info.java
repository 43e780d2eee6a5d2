/**
 * The application's {@code Metrics} port on Micrometer, whose registry WildFly's micrometer
 * subsystem serves to Prometheus at the management interface's {@code /metrics}.
 */
package org.filtermx.infrastructure.metrics;
