package org.filtermx.web.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The size of a request body, decided per request before anything reads it. The HTTP listener's own
 * limit ({@code max-post-size}) is as large as the largest upload taken anywhere: the bulk training
 * form, which is read as a stream and trained in batches. Every other request may carry at most
 * {@link #DEFAULT_LIMIT} bytes, and a larger one is answered here, with a JSON error for the API,
 * instead of by the listener cutting the connection or answering a bare 400.
 *
 * <p>A declared length over the limit is refused at once (RFC 9110 section 15.5.14, 413 Content Too
 * Large). A chunked body (no length declared) to anything but the bulk form is refused with 411
 * Length Required (RFC 9110 section 15.5.12): browsers and API clients declare the length of forms
 * and JSON. A body of unknown length that gets through (HTTP/2 without {@code content-length}) is
 * counted as it is read, and reading past the limit fails.
 */
public class RequestBodyLimit implements Filter {

    /** What a form, a JSON body or a single message may weigh: 10 MiB. */
    public static final long DEFAULT_LIMIT = 10L * 1024 * 1024;

    private static final String API = "/api/v1/";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (bulkUpload(request)) {
            chain.doFilter(req, res);
            return;
        }
        long length = request.getContentLengthLong();
        if (length > DEFAULT_LIMIT) {
            refuse(
                    request,
                    response,
                    413,
                    "Content Too Large",
                    "the request body is larger than " + DEFAULT_LIMIT + " bytes");
            return;
        }
        if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            refuse(
                    request,
                    response,
                    411,
                    "Length Required",
                    "send the request body with a Content-Length header");
            return;
        }
        chain.doFilter(length < 0 ? new Counted(request) : request, res);
    }

    /**
     * {@code POST /api/v1/training/spam} or {@code /ham} with an mbox or multipart body: the one
     * request read as a stream, bounded by its message count and the listener's limit.
     */
    static boolean bulkUpload(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String path = path(request);
        if (!path.equals(API + "training/spam") && !path.equals(API + "training/ham")) {
            return false;
        }
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        String t = LowerCase.of(type.strip());
        return t.startsWith("application/mbox") || t.startsWith("multipart/mixed");
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static void refuse(
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String error,
            String detail)
            throws IOException {
        // The body is not read here; the server discards it (up to its listener limit) so that
        // the client, still sending, gets this answer.
        response.setStatus(status);
        byte[] body;
        if (path(request).startsWith(API)) {
            response.setContentType("application/json");
            body =
                    ("{\"error\":\"" + error + "\",\"detail\":\"" + detail + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("text/plain;charset=UTF-8");
            body = (error + ": " + detail + "\n").getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Reading past the limit of a body of unknown length. */
    public static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super("the request body is larger than " + DEFAULT_LIMIT + " bytes");
        }
    }

    /** A request whose body is counted as it is read. */
    private static final class Counted extends HttpServletRequestWrapper {
        private ServletInputStream counted;

        Counted(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountingStream(super.getInputStream());
            }
            return counted;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private long read;

        CountingStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > DEFAULT_LIMIT) {
                throw new BodyTooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
