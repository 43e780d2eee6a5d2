package org.filtermx.web.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Lets a bulk training upload ({@code application/mbox}, {@code multipart/mixed}) be larger than
 * the server's request limit (Undertow's {@code max-post-size}, 10 MB), up to {@value
 * #MAX_UPLOAD_BYTES} bytes, and only that: every other request keeps the server's limit. The upload
 * is read as a stream ({@link TrainingResource}), so its size costs no memory. Undertow takes the
 * new limit only before the body is read, hence a servlet filter; it is reached by reflection so
 * that the web module needs no build dependency on the server.
 */
@WebFilter(urlPatterns = "/api/v1/training/*")
public class TrainingUploads implements Filter {

    private static final Logger LOG = Logger.getLogger(TrainingUploads.class.getName());

    /** The largest bulk upload, in bytes. */
    static final long MAX_UPLOAD_BYTES = 1L << 30;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http
                && "POST".equals(http.getMethod())
                && bulk(http.getContentType())) {
            raiseLimit();
        }
        chain.doFilter(request, response);
    }

    private static boolean bulk(String type) {
        if (type == null) {
            return false;
        }
        String t = type.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("application/mbox") || t.startsWith("multipart/mixed");
    }

    private static void raiseLimit() {
        try {
            Class<?> context =
                    Class.forName(
                            "io.undertow.servlet.handlers.ServletRequestContext",
                            false,
                            TrainingUploads.class.getClassLoader());
            Object current = context.getMethod("current").invoke(null);
            if (current == null) {
                return;
            }
            Object exchange = context.getMethod("getExchange").invoke(current);
            Method set = exchange.getClass().getMethod("setMaxEntitySize", long.class);
            set.invoke(exchange, MAX_UPLOAD_BYTES);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // Another server, or the body was already read: the server's own limit stays.
            LOG.fine("bulk training upload keeps the server's size limit: " + e);
        }
    }
}
