package org.filtermx.web.mtasts;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.PostureService;

/**
 * {@code /.well-known/mta-sts.txt} (RFC 8461 section 3.3): the policy of a hosted domain whose
 * customer picked a mode, answered when the request's host is {@code mta-sts.<that domain>} (the
 * customer's CNAME points there), without a login, as {@code text/plain}. Any other host gets 404.
 * Senders fetch it over HTTPS only: the certificate for {@code mta-sts.<domain>} is the operator's
 * (on the TLS listener or a reverse proxy in front of it).
 */
@WebServlet("/.well-known/mta-sts.txt")
public class MtaStsPolicyServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(MtaStsPolicyServlet.class.getName());

    @Inject private transient PostureService posture;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        Optional<String> policy;
        try {
            // getServerName() is the Host header's name, without the port.
            policy = posture.hostedPolicy(request.getServerName());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MTA-STS policy lookup failed", e);
            response.setHeader("Cache-Control", "no-store");
            response.sendError(503);
            return;
        }
        if (policy.isEmpty()) {
            response.setHeader("Cache-Control", "no-store");
            response.sendError(404);
            return;
        }
        byte[] body = policy.get().getBytes(StandardCharsets.US_ASCII);
        // Section 3.3: text/plain; senders cache by the TXT record's id, so a short HTTP cache.
        response.setContentType("text/plain");
        response.setCharacterEncoding("US-ASCII");
        response.setHeader("Cache-Control", "max-age=300");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
