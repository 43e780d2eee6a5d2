package org.filtermx.application;

import org.filtermx.health.NodeHealth;

/**
 * Whether the parts of this node the mail path needs are working ({@link NodeHealth}, declared in
 * the EAR's {@code lib/} for the MicroProfile Health checks there): the API's {@code /health} and
 * the management interface's {@code /health/ready} ask the same.
 */
public interface HealthCheck extends NodeHealth {}
