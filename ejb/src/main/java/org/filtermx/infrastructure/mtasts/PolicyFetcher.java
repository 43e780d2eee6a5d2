package org.filtermx.infrastructure.mtasts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.smtp.CertificateCheck;
import org.filtermx.infrastructure.smtp.OpportunisticTls;

/**
 * Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} as RFC 8461 section 3.3 asks: a
 * certificate that chains to a trust anchor and names the policy host (checked before the request
 * is sent), HTTP 200 only (redirects are not followed), {@code text/plain}, at most 64 KiB, within
 * a connect timeout and an overall deadline. A minimal HTTP/1.1 client on a plain socket, because
 * the JDK's clients resolve names through the system resolver and this one must connect to the
 * address the gateway's own DNS gave.
 */
final class PolicyFetcher {

    static final String PATH = "/.well-known/mta-sts.txt";

    /** Longest status line plus header section read. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private final CertificateCheck certificates;
    private final OpportunisticTls tls = new OpportunisticTls();
    private final Duration connectTimeout;
    private final Duration deadline;

    PolicyFetcher(CertificateCheck certificates, Duration connectTimeout, Duration deadline) {
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.connectTimeout = connectTimeout;
        this.deadline = deadline;
    }

    /** Thrown with a short description of why there is no policy text. */
    static final class FetchFailed extends Exception {
        private static final long serialVersionUID = 1L;

        FetchFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** The body of the policy file served by {@code host} at {@code address}:{@code port}. */
    String fetch(String host, InetAddress address, int port) throws FetchFailed {
        long end = System.nanoTime() + deadline.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
            plain.setSoTimeout((int) Math.max(1, deadline.toMillis()));
            try (SSLSocket socket = tls.upgrade(plain, host, port)) {
                Optional<String> problem =
                        certificates.problem(socket.getSession().getPeerCertificates(), host);
                if (problem.isPresent()) {
                    throw new FetchFailed("https://" + host + ": " + problem.get());
                }
                OutputStream out = socket.getOutputStream();
                out.write(
                        ("GET "
                                        + PATH
                                        + " HTTP/1.1\r\nHost: "
                                        + host
                                        + "\r\nUser-Agent: FilterMX\r\nAccept: text/plain\r\n"
                                        + "Connection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return response(new Bounded(socket.getInputStream(), end), host);
            }
        } catch (SocketTimeoutException e) {
            throw new FetchFailed("https://" + host + PATH + ": timed out");
        } catch (IOException e) {
            throw new FetchFailed("https://" + host + PATH + ": " + e.getMessage());
        }
    }

    private static String response(Bounded in, String host) throws IOException, FetchFailed {
        String status = in.line(MAX_HEADER_BYTES);
        // HTTP/1.1 200 OK
        if (status == null || !status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new FetchFailed("https://" + host + PATH + ": not an HTTP response");
        }
        String code = status.substring(9, 12);
        if (!code.equals("200")) {
            throw new FetchFailed(
                    "https://"
                            + host
                            + PATH
                            + ": HTTP status "
                            + code
                            + " (only 200 is accepted, redirects are not followed)");
        }
        long contentLength = -1;
        boolean chunked = false;
        String contentType = null;
        int headerBytes = status.length();
        String line;
        while ((line = in.line(MAX_HEADER_BYTES)) != null && !line.isEmpty()) {
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new FetchFailed("https://" + host + PATH + ": header section too large");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = LowerCase.of(line.substring(0, colon).strip());
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> contentLength = contentLength(value, host);
                case "transfer-encoding" -> chunked = LowerCase.of(value).contains("chunked");
                case "content-type" -> contentType = LowerCase.of(value);
                default -> {}
            }
        }
        if (contentType == null || !contentType.startsWith("text/plain")) {
            throw new FetchFailed(
                    "https://" + host + PATH + ": content type is not text/plain: " + contentType);
        }
        byte[] body;
        if (chunked) {
            body = chunked(in, host);
        } else if (contentLength >= 0) {
            if (contentLength > MtaStsPolicyParser.MAX_POLICY_BYTES) {
                throw tooLarge(host);
            }
            body = in.exactly((int) contentLength);
        } else {
            body = in.upTo(MtaStsPolicyParser.MAX_POLICY_BYTES + 1);
            if (body.length > MtaStsPolicyParser.MAX_POLICY_BYTES) {
                throw tooLarge(host);
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static long contentLength(String value, String host) throws FetchFailed {
        if (value.isEmpty() || value.length() > 18) {
            throw new FetchFailed("https://" + host + PATH + ": bad Content-Length");
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new FetchFailed("https://" + host + PATH + ": bad Content-Length");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** RFC 9112 section 7.1, the chunk extensions and trailer fields skipped, within the cap. */
    private static byte[] chunked(Bounded in, String host) throws IOException, FetchFailed {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = in.line(1024);
            if (sizeLine == null) {
                throw new FetchFailed("https://" + host + PATH + ": chunked body cut short");
            }
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (hex.isEmpty() || hex.length() > 8) {
                throw new FetchFailed("https://" + host + PATH + ": bad chunk size");
            }
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new FetchFailed("https://" + host + PATH + ": bad chunk size");
            }
            if (size == 0) {
                return body.toByteArray();
            }
            if (size < 0 || body.size() + (long) size > MtaStsPolicyParser.MAX_POLICY_BYTES) {
                throw tooLarge(host);
            }
            body.write(in.exactly(size));
            in.line(2); // the CRLF after the chunk
        }
    }

    private static FetchFailed tooLarge(String host) {
        return new FetchFailed(
                "https://"
                        + host
                        + PATH
                        + ": policy larger than "
                        + MtaStsPolicyParser.MAX_POLICY_BYTES
                        + " bytes");
    }

    /** Reads with an overall deadline, so a server trickling bytes cannot hold a worker. */
    private static final class Bounded {
        private final InputStream in;
        private final long end;

        Bounded(InputStream in, long end) {
            this.in = in;
            this.end = end;
        }

        private int read() throws IOException {
            if (System.nanoTime() > end) {
                throw new SocketTimeoutException("deadline passed");
            }
            return in.read();
        }

        /** One line without CRLF (LF alone accepted), null at end of stream; at most max bytes. */
        String line(int max) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = read()) != '\n') {
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
                }
                if (line.size() >= max) {
                    throw new IOException("line longer than " + max + " bytes");
                }
                line.write(b);
            }
            String s = line.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        byte[] exactly(int n) throws IOException {
            byte[] bytes = upTo(n);
            if (bytes.length < n) {
                throw new IOException("body cut short");
            }
            return bytes;
        }

        byte[] upTo(int n) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (out.size() < n) {
                if (System.nanoTime() > end) {
                    throw new SocketTimeoutException("deadline passed");
                }
                int r = in.read(buffer, 0, Math.min(buffer.length, n - out.size()));
                if (r < 0) {
                    break;
                }
                out.write(buffer, 0, r);
            }
            return out.toByteArray();
        }
    }
}
