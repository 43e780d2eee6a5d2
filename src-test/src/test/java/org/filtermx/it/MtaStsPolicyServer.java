package org.filtermx.it;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An MTA-STS policy host (RFC 8461 section 3.3) in the test JVM: HTTPS on loopback with the test
 * CA's certificate (which names {@code mta-sts.<d>} of the MTA-STS test domains), serving one
 * policy at {@code /.well-known/mta-sts.txt}. The gateway connects to it on FILTERMX_MTA_STS_PORT,
 * which scripts/it-env.sh sets one above the MX port.
 */
final class MtaStsPolicyServer implements AutoCloseable {

    /** The port the gateway fetches policies from (FILTERMX_MTA_STS_PORT in scripts/it-env.sh). */
    static final int PORT = Gateway.MX_PORT + 1;

    private final HttpsServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private MtaStsPolicyServer(String policy) throws IOException {
        server =
                HttpsServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 0);
        server.setHttpsConfigurator(
                new HttpsConfigurator(TestCertificates.TRUSTED.serverContext()));
        byte[] body = policy.getBytes(StandardCharsets.US_ASCII);
        server.createContext(
                "/.well-known/mta-sts.txt",
                exchange -> {
                    requests.incrementAndGet();
                    exchange.getResponseHeaders().add("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
    }

    /** Serves {@code policy} (the file's text, CRLF line ends) until closed. */
    static MtaStsPolicyServer serving(String policy) throws IOException {
        return new MtaStsPolicyServer(policy);
    }

    /** A policy file in {@code mode} with one mx pattern and a day's max_age. */
    static String policy(String mode, String mx) {
        return "version: STSv1\r\nmode: " + mode + "\r\nmx: " + mx + "\r\nmax_age: 86400\r\n";
    }

    /** How many times the policy was fetched. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
