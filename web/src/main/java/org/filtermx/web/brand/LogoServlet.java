package org.filtermx.web.brand;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.BrandingService;
import org.filtermx.application.BrandingService.Logo;

/**
 * {@code /brand/<version>/logo}: a reseller's logo, without a login (the login page and the release
 * pages show it). The version is a random token that every change of the brand replaces, so the
 * response may be cached for a year and cannot be guessed from a reseller's name. Only PNG and JPEG
 * were ever accepted, and the Content-Type is the one the stored bytes were checked to be, with
 * {@code nosniff} and a policy that runs nothing.
 */
@WebServlet("/brand/*")
public class LogoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(LogoServlet.class.getName());

    @Inject private transient BrandingService brands;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String version = version(request.getPathInfo());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        Optional<Logo> logo;
        try {
            logo = version == null ? Optional.empty() : brands.logo(version);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "logo lookup failed", e);
            response.setHeader("Cache-Control", "no-store");
            response.sendError(503);
            return;
        }
        if (logo.isEmpty()) {
            response.setHeader("Cache-Control", "no-store");
            response.sendError(404);
            return;
        }
        response.setContentType(logo.get().contentType());
        response.setContentLength(logo.get().bytes().length);
        response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        response.getOutputStream().write(logo.get().bytes());
    }

    /** The version of {@code /<32 hex digits>/logo}, or null for any other path. */
    static String version(String path) {
        if (path == null || path.length() != 1 + 32 + 5 || !path.endsWith("/logo")) {
            return null;
        }
        String version = path.substring(1, 33);
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        return version;
    }
}
