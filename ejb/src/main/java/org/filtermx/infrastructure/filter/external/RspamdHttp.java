package org.filtermx.infrastructure.filter.external;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.filtermx.domain.model.filter.ScannerUnavailable;

/**
 * Posts a message to one of rspamd's HTTP workers within the time budget, one connection per
 * request as rspamd's own clients do. It speaks the little HTTP/1.1 rspamd needs itself, rather
 * than through {@code java.net.http}, because the JDK client refuses rspamd's {@code 204} replies
 * to learn requests (they carry a Content-Length) and hides the reason phrase in which rspamd
 * explains them.
 */
final class RspamdHttp {

    private final Duration connectTimeout;
    private final Duration budget;

    RspamdHttp(Duration connectTimeout, Duration budget) {
        this.connectTimeout = connectTimeout;
        this.budget = budget;
    }

    /**
     * rspamd's reply to {@code body} posted at {@code uri}.
     *
     * @param headers rspamd's request headers; a list value is sent as repeated headers
     */
    RspamdResponse post(URI uri, Map<String, List<String>> headers, byte[] body)
            throws ScannerUnavailable {
        String host = uri.getHost().replaceAll("^\\[|\\]$", "");
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String engine = "rspamd at " + uri;
        try (EngineConnection connection =
                EngineConnection.open(
                        engine,
                        InetSocketAddress.createUnresolved(host, port),
                        connectTimeout,
                        budget)) {
            try {
                OutputStream out = connection.output();
                out.write(head(uri, headers, body.length));
                out.write(body);
                out.flush();
                return RspamdResponse.read(connection.input());
            } catch (IOException e) {
                throw connection.failure(e);
            }
        }
    }

    private static byte[] head(URI uri, Map<String, List<String>> headers, int length) {
        String path =
                uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(uri.getRawAuthority()).append("\r\n");
        head.append("Connection: close\r\n");
        head.append("Content-Length: ").append(length).append("\r\n");
        headers.forEach(
                (name, values) ->
                        values.forEach(
                                v -> head.append(name).append(": ").append(v).append("\r\n")));
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
