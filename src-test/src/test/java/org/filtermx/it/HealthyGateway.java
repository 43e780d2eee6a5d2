package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Waits, before a test class, until {@code GET /health} answers 200: the isolation between a test
 * that disturbed the gateway (and restored it) and the next one, whatever their order.
 */
final class HealthyGateway implements BeforeAllCallback {

    static final Duration START_UP = Duration.ofSeconds(120);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assertThat(Gateway.awaitHealthy(START_UP))
                .as("gateway healthy before %s", context.getDisplayName())
                .isTrue();
    }
}
