package org.filtermx.application;

import java.util.List;
import java.util.Set;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * What a caller may see and act on: {@code domains} null means every domain (administrators);
 * {@code address} non-null limits an email user to its own mail.
 */
public record Visibility(Set<String> domains, String address) {

    public static final Visibility EVERYTHING = new Visibility(null, null);

    public Visibility {
        domains = domains == null ? null : Set.copyOf(domains);
    }

    /** Whether mail of {@code domain} is visible. */
    public boolean covers(String domain) {
        return domains == null || (domain != null && domains.contains(domain));
    }

    /** Whether a message of {@code domain} addressed to {@code recipients} is visible. */
    public boolean covers(String domain, Iterable<String> recipients) {
        if (!covers(domain)) {
            return false;
        }
        if (address == null) {
            return true;
        }
        for (String r : recipients) {
            if (r.equals(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The recipients of a message this caller may see: all of them, or for an email user only its
     * own address. The other recipients of a message are its Bcc as far as each one knows (RFC 5322
     * section 3.6.3), so no email user learns who else received it.
     */
    public List<String> shownRecipients(List<String> recipients) {
        if (address == null || recipients == null) {
            return recipients;
        }
        for (String r : recipients) {
            if (address.equalsIgnoreCase(r)) {
                return List.of(address);
            }
        }
        return List.of();
    }

    /**
     * {@code text} (a delivery reply, a log reason, an audit note) with the addresses of a
     * message's other recipients replaced by "another recipient" when the caller is an email user.
     * A plain case-insensitive scan, no pattern: the text comes from remote servers.
     */
    public String redact(String text, List<String> recipients) {
        if (address == null || text == null || recipients == null) {
            return text;
        }
        String result = text;
        for (String r : recipients) {
            if (r != null && !r.isEmpty() && !r.equalsIgnoreCase(address)) {
                result = replaceIgnoringCase(result, r, "another recipient");
            }
        }
        return result;
    }

    /**
     * Whether a history line is about another recipient's copy ({@code "carol@example.com: 250
     * ok"}, as delivery attempts are logged), so an email user is not shown it at all.
     */
    public boolean aboutAnotherRecipient(String detail, List<String> recipients) {
        if (address == null || detail == null || recipients == null) {
            return false;
        }
        for (String r : recipients) {
            if (r != null
                    && !r.equalsIgnoreCase(address)
                    && detail.regionMatches(true, 0, r + ":", 0, r.length() + 1)) {
                return true;
            }
        }
        return false;
    }

    private static String replaceIgnoringCase(String text, String needle, String replacement) {
        String lowerText = LowerCase.of(text);
        String lowerNeedle = LowerCase.of(needle);
        if (lowerText.length() != text.length()) {
            // Case folding changed lengths (rare non-ASCII text): fall back to an exact match.
            return text.replace(needle, replacement);
        }
        int at = lowerText.indexOf(lowerNeedle);
        if (at < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        while (at >= 0) {
            sb.append(text, from, at).append(replacement);
            from = at + needle.length();
            at = lowerText.indexOf(lowerNeedle, from);
        }
        return sb.append(text, from, text.length()).toString();
    }
}
