package org.filtermx.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class run by Arquillian against the gateway it started (see {@code arquillian.xml}), which
 * first waits until the gateway reports itself healthy ({@link HealthyGateway}): a test before it
 * may have restarted the server or its database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ArquillianExtension.class)
@ExtendWith(HealthyGateway.class)
@interface GatewayTest {}
