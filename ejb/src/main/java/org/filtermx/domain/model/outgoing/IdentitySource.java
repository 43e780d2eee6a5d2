package org.filtermx.domain.model.outgoing;

import org.filtermx.domain.model.shared.LowerCase;

/**
 * Where a smarthost account's real sender comes from, so that limits and locks apply to each sender
 * behind one customer server: {@code mail-from} (the envelope sender, RFC 5321 section 4.1.1.2) or
 * {@code header:<Field-Name>} (the first such header field of the message, e.g. {@code header:From}
 * or {@code header:X-Authenticated-Sender}). {@link #NONE}: an ordinary account.
 *
 * @param header the header field name, or null for MAIL FROM
 */
public record IdentitySource(String text, String header) {

    public static final IdentitySource NONE = new IdentitySource("", null);

    /** Longest header field name accepted (RFC 5322 allows 998; real ones are short). */
    public static final int MAX_FIELD_NAME = 64;

    /**
     * Reads {@code mail-from}, {@code header:Field-Name} or an empty text (no smarthost); anything
     * else is an {@link IllegalArgumentException} naming the two forms.
     */
    public static IdentitySource parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("none")) {
            return NONE;
        }
        if (t.equalsIgnoreCase("mail-from")) {
            return new IdentitySource("mail-from", null);
        }
        if (t.regionMatches(true, 0, "header:", 0, 7)) {
            String name = t.substring(7).strip();
            if (fieldName(name)) {
                return new IdentitySource("header:" + name, name);
            }
        }
        throw new IllegalArgumentException(
                "the smarthost identity is 'mail-from' or 'header:<Field-Name>' (e.g."
                        + " header:X-Authenticated-Sender), or empty for none");
    }

    /** RFC 5322 section 3.6.8: printable US-ASCII except ':'; capped. */
    private static boolean fieldName(String name) {
        if (name.isEmpty() || name.length() > MAX_FIELD_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                return false;
            }
        }
        return true;
    }

    public boolean smarthost() {
        return !text.isEmpty();
    }

    /** Whether the identity is known at MAIL FROM already. */
    public boolean fromEnvelope() {
        return smarthost() && header == null;
    }

    /**
     * The identity in an envelope sender or header field value: the address inside the last {@code
     * <...>} if there is one, else the trimmed text; lower case, capped at 320 characters. Empty
     * when there is nothing.
     */
    public static String identityOf(String value) {
        if (value == null) {
            return "";
        }
        String v = value.length() > 2000 ? value.substring(0, 2000) : value;
        int close = v.lastIndexOf('>');
        int open = close < 0 ? -1 : v.lastIndexOf('<', close);
        String address = open >= 0 ? v.substring(open + 1, close) : v;
        address = LowerCase.of(address.strip());
        return address.length() > 320 ? address.substring(0, 320) : address;
    }
}
