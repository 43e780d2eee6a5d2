package org.filtermx.domain.model.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * A webhook's target, checked when it is registered: an absolute {@code https} URL without user
 * information or fragment, at most 2000 characters. Plain {@code http} is allowed only to a
 * loopback host ({@code localhost}, 127.0.0.0/8, {@code [::1]}): a receiver on the same machine, as
 * in tests, sends nothing over a network; anything else would carry the signed events in clear
 * text.
 */
public record WebhookUrl(URI uri) {

    public static final int MAX_LENGTH = 2000;

    /** The URL in {@code text}; {@link IllegalArgumentException} with a reason otherwise. */
    public static WebhookUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("url is required");
        }
        String t = text.strip();
        if (t.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "the url is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the url is not valid: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : LowerCase.of(uri.getScheme());
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the url must be absolute, with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "the url may not have user information or a fragment");
        }
        if (scheme.equals("http")) {
            if (!loopback(uri.getHost())) {
                throw new IllegalArgumentException(
                        "the url must use https (http only to localhost, for tests)");
            }
        } else if (!scheme.equals("https")) {
            throw new IllegalArgumentException("the url must use https");
        }
        return new WebhookUrl(uri);
    }

    /** localhost, 127.x.y.z or [::1], by name only: nothing is looked up in the DNS. */
    static boolean loopback(String host) {
        String h = LowerCase.of(host);
        if (h.equals("localhost") || h.equals("[::1]") || h.equals("::1")) {
            return true;
        }
        if (!h.startsWith("127.")) {
            return false;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    public String text() {
        return uri.toString();
    }
}
