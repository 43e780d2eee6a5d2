package org.filtermx.web.release;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.Brand;
import org.filtermx.application.BrandingService;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.QuarantineService;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.web.http.ClientAddress;

/**
 * {@code /release/<token>}. A GET only shows what the link names and a button: mail security
 * scanners and link previewers fetch every link in a message, and must release nothing. The release
 * happens on the button's POST. The signed token is the only credential, so no login and no session
 * are involved; a forged, altered or expired token gets a page that says so.
 */
@WebServlet("/release/*")
public class ReleaseLinkServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ReleaseLinkServlet.class.getName());

    @Inject private transient QuarantineService quarantine;
    @Inject private transient ClientAddress clientAddress;
    @Inject private transient BrandingService brands;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String token = token(request);
        Brand brand = hostBrand(request);
        try {
            QuarantineService.ReleaseLinkTarget link = quarantine.inspectLink(token);
            brand = recipientBrand(link.recipient(), brand);
            if (link.alreadyReleased()) {
                page(
                        response,
                        brand,
                        200,
                        "Already released",
                        "<p>This message was already released to "
                                + Html.escape(link.recipient())
                                + ". It is not delivered twice.</p>");
                return;
            }
            page(
                    response,
                    brand,
                    200,
                    "Release this message?",
                    "<table>"
                            + row("From", link.sender().isEmpty() ? "(no sender)" : link.sender())
                            + row("To", link.recipient())
                            + row("Subject", link.subject())
                            + row("Received", link.receivedAt())
                            + "</table>"
                            + "<p>The message was held because it looked like spam. Release it only if you"
                            + " trust the sender.</p>"
                            + "<form method=\"post\" action=\""
                            + Html.escape(request.getRequestURI())
                            + "\">"
                            + "<button type=\"submit\">Release to my mailbox</button></form>");
        } catch (InvalidRequest e) {
            page(
                    response,
                    brand,
                    400,
                    "This link cannot be used",
                    "<p>" + Html.escape(e.getMessage()) + "</p>");
        } catch (TemporaryFailure e) {
            page(
                    response,
                    brand,
                    503,
                    "Please try again",
                    "<p>The service is briefly unavailable. Try the link again in a minute.</p>");
        } catch (RuntimeException e) {
            failed(response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String token = token(request);
        Brand brand = hostBrand(request);
        try {
            brand = recipientBrand(quarantine.inspectLink(token).recipient(), brand);
        } catch (RuntimeException e) {
            // The release below reports what is wrong with the link.
        }
        try {
            QuarantineService.Outcome outcome =
                    quarantine.releaseByLink(token, clientAddress.of(request));
            if (outcome.done()) {
                page(
                        response,
                        brand,
                        200,
                        "Released",
                        "<p>The message is on its way to your mailbox.</p>");
            } else {
                page(
                        response,
                        brand,
                        200,
                        "Already released",
                        "<p>This message was already released. It is not delivered twice.</p>");
            }
        } catch (InvalidRequest e) {
            page(
                    response,
                    brand,
                    400,
                    "This link cannot be used",
                    "<p>" + Html.escape(e.getMessage()) + "</p>");
        } catch (TemporaryFailure e) {
            page(
                    response,
                    brand,
                    503,
                    "Please try again",
                    "<p>The service is briefly unavailable. Nothing was released; try again in a minute.</p>");
        } catch (RuntimeException e) {
            failed(response, e);
        }
    }

    /** The brand of the host the browser asked for (a login host name), else the cluster's. */
    private Brand hostBrand(HttpServletRequest request) {
        try {
            return brands.ofLoginHost(request.getServerName());
        } catch (RuntimeException e) {
            return Brand.CLUSTER;
        }
    }

    /** The brand of the recipient's domain, else {@code fallback}. */
    private Brand recipientBrand(String recipient, Brand fallback) {
        if (recipient == null || recipient.indexOf('@') < 0) {
            return fallback;
        }
        try {
            Brand b = brands.ofDomain(recipient.substring(recipient.lastIndexOf('@') + 1), false);
            return b.version() == null ? fallback : b;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static String token(HttpServletRequest request) {
        String path = request.getPathInfo();
        return path == null || path.length() < 2 ? "" : path.substring(1);
    }

    private static String row(String name, String value) {
        return "<tr><th>" + name + "</th><td>" + Html.escape(value) + "</td></tr>";
    }

    private static void failed(HttpServletResponse response, RuntimeException e)
            throws IOException {
        LOG.log(Level.WARNING, "release link failed", e);
        page(
                response,
                500,
                "Something went wrong",
                "<p>Nothing was released. Please try again later.</p>");
    }

    static void page(HttpServletResponse response, int status, String title, String body)
            throws IOException {
        page(response, Brand.CLUSTER, status, title, body);
    }

    /**
     * A page in {@code brand}: its product name in the title, its logo (same origin, {@code img-src
     * 'self'}), its colours (validated {@code #rrggbb}) and its support address.
     */
    static void page(
            HttpServletResponse response, Brand brand, int status, String title, String body)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        // The token is in the URL: no referrer, no caching, no framing, no scripts.
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        PrintWriter out = response.getWriter();
        out.print(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        + "<title>"
                        + Html.escape(title)
                        + " - "
                        + Html.escape(brand.productName())
                        + "</title><style>"
                        + "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2937}"
                        + "h1{font-size:1.4rem}th{text-align:left;padding-right:1rem;vertical-align:top;color:#6b7280}"
                        + "td{word-break:break-word}button{font-size:1rem;padding:.6rem 1.2rem;border:0;border-radius:.4rem;"
                        + "background:"
                        + brand.accentOr("#2563eb")
                        + ";color:#fff;cursor:pointer}"
                        + ".brand{font-weight:bold;color:"
                        + brand.primaryOr("#1f2937")
                        + "}.brand img{display:block;max-height:48px;max-width:240px}"
                        + ".support{color:#6b7280;font-size:.9rem;margin-top:2rem}"
                        + "</style></head><body>"
                        + header(brand)
                        + "<h1>"
                        + Html.escape(title)
                        + "</h1>"
                        + body
                        + support(brand)
                        + "</body></html>");
    }

    /** The brand's logo and name above the title; nothing for the cluster's brand. */
    private static String header(Brand brand) {
        if (brand.version() == null) {
            return "";
        }
        String logo =
                brand.hasLogo()
                        ? "<img id=\"brandLogo\" src=\""
                                + Html.escape(brand.logoPath())
                                + "\" alt=\"\">"
                        : "";
        return "<div class=\"brand\" id=\"brand\">"
                + logo
                + "<span id=\"productName\">"
                + Html.escape(brand.productName())
                + "</span></div>";
    }

    private static String support(Brand brand) {
        if (brand.supportAddress() == null) {
            return "";
        }
        return "<p class=\"support\" id=\"support\">Questions? Write to "
                + Html.escape(brand.supportAddress())
                + "</p>";
    }
}
