package org.filtermx.web.api;

import java.net.URI;
import java.util.Set;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Whether a state-changing API request may have come from a page of another site, judged by the
 * headers browsers add and scripts do not: {@code Sec-Fetch-Site} (W3C Fetch Metadata) and {@code
 * Origin} (RFC 6454 section 7). A request without either (curl, scripts) is not a browser's and
 * passes; a browser's passes only when it names this API's own origin.
 */
final class SameOriginRule {

    /**
     * Body types a page on another site can send without a CORS preflight (Fetch, "CORS-safelisted
     * request-header").
     */
    static final Set<String> FORM_TYPES =
            Set.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data");

    private SameOriginRule() {}

    /**
     * Why the request is refused, or null. {@code ownOrigins} are the origins this API is reached
     * at: the request's own scheme, host and port, and the configured public address.
     */
    static String refusal(String fetchSite, String origin, Set<String> ownOrigins) {
        if (fetchSite != null) {
            String site = LowerCase.of(fetchSite.strip());
            if (!site.equals("same-origin") && !site.equals("none")) {
                return "the browser reports this request came from another site (Sec-Fetch-Site: "
                        + clip(site)
                        + ")";
            }
        }
        if (origin == null) {
            return null;
        }
        String o = normalize(origin);
        if (o == null || !ownOrigins.contains(o)) {
            return "requests from pages of "
                    + clip(origin.strip())
                    + " may not change anything here";
        }
        return null;
    }

    /**
     * {@code scheme://host[:port]} in lower case, the default port left out; null if not an origin.
     */
    static String normalize(String url) {
        if (url == null || url.length() > 512) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return null;
            }
            scheme = LowerCase.of(scheme);
            int port = uri.getPort();
            boolean defaultPort =
                    port < 0
                            || (scheme.equals("http") && port == 80)
                            || (scheme.equals("https") && port == 443);
            return scheme + "://" + LowerCase.of(host) + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** Whether a Content-Type header names a type an HTML form or a no-preflight fetch can send. */
    static boolean formType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type =
                LowerCase.of(
                        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                                .strip());
        return FORM_TYPES.contains(type);
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
