package org.filtermx.smtp.api;

import java.util.Objects;

/**
 * One SMTP reply: a three-digit code (RFC 5321 section 4.2), an enhanced status code (RFC 3463) and
 * a line of text. The connector writes it as {@code code enhanced text}.
 */
public record Reply(int code, String enhancedCode, String text) {

    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        Objects.requireNonNull(enhancedCode, "enhancedCode");
        if (!enhancedCode.isEmpty() && enhancedCode.charAt(0) != Integer.toString(code).charAt(0)) {
            throw new IllegalArgumentException(
                    "enhanced code " + enhancedCode + " does not match reply " + code);
        }
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reply text must be one line");
        }
    }

    /** A temporary local failure: the client keeps the message and tries again later. */
    public static final Reply TEMPORARY_FAILURE =
            new Reply(451, "4.3.0", "Temporary local problem, please try again later");

    public static Reply ok(String text) {
        return new Reply(250, "2.0.0", text);
    }

    public static Reply of(int code, String enhancedCode, String text) {
        return new Reply(code, enhancedCode, text);
    }

    public boolean positive() {
        return code < 300;
    }

    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    /** The reply as it goes on the wire, without the trailing CRLF. */
    public String line() {
        return enhancedCode.isEmpty() ? code + " " + text : code + " " + enhancedCode + " " + text;
    }
}
