package org.filtermx.infrastructure.filter.external;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.filtermx.domain.model.filter.MessageUnderScan;

/** Messages under scan for the engine tests: the raw bytes and envelope are all clients send. */
final class Messages {

    private Messages() {}

    static MessageUnderScan of(String raw) {
        return of(raw.getBytes(StandardCharsets.UTF_8));
    }

    static MessageUnderScan of(byte[] raw) {
        return new MessageUnderScan(
                "192.0.2.1",
                "mx.example.org",
                "alice@example.org",
                List.of("bob@example.net", "carol@example.net"),
                "example.net",
                raw,
                null);
    }
}
