package org.filtermx.smtp.server.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.filtermx.smtp.api.Reply;

/**
 * One SMTP AUTH exchange (RFC 4954 section 4) for the two password mechanisms clients use: PLAIN
 * (RFC 4616) and LOGIN (the draft-murchison-sasl-login exchange). It turns the client's base64
 * lines into a username and password, or into the reply that ends the exchange; the passwords it
 * handles are never logged nor kept after the step that carries them.
 */
final class SaslExchange {

    /** RFC 4954 section 4: PLAIN's challenge is empty ("334" and a space). */
    private static final Reply EMPTY_CHALLENGE = Reply.of(334, "", "");

    /** LOGIN's challenges, as every server sends them: base64 of "Username:" and "Password:". */
    private static final Reply USERNAME_CHALLENGE = Reply.of(334, "", "VXNlcm5hbWU6");

    private static final Reply PASSWORD_CHALLENGE = Reply.of(334, "", "UGFzc3dvcmQ6");

    private final boolean plain;
    private String username;

    private SaslExchange(boolean plain) {
        this.plain = plain;
    }

    /**
     * Starts an exchange for the argument of {@code AUTH}: the mechanism and an optional initial
     * response. Returns the step to take and, through {@code started}, the exchange that awaits the
     * client's next line (none when the step already ends it).
     */
    static Start start(String argument) {
        String trimmed = argument.trim();
        if (trimmed.isEmpty()) {
            return new Start(null, new Step.Respond(SmtpReplies.AUTH_SYNTAX));
        }
        String[] words = trimmed.split(" ", -1);
        if (words.length > 2) {
            return new Start(null, new Step.Respond(SmtpReplies.AUTH_SYNTAX));
        }
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        if (!mechanism.equals("PLAIN") && !mechanism.equals("LOGIN")) {
            return new Start(null, new Step.Respond(SmtpReplies.UNSUPPORTED_MECHANISM));
        }
        SaslExchange exchange = new SaslExchange(mechanism.equals("PLAIN"));
        if (words.length == 1) {
            return new Start(
                    exchange,
                    new Step.Respond(exchange.plain ? EMPTY_CHALLENGE : USERNAME_CHALLENGE));
        }
        // RFC 4954 section 4: "=" as the initial response stands for an empty one.
        String initial = words[1].equals("=") ? "" : words[1];
        Step step = exchange.respond(initial, false);
        return new Start(isChallenge(step) ? exchange : null, step);
    }

    /** The exchange (or none when it has ended) and what to do now. */
    record Start(SaslExchange exchange, Step step) {}

    /** Whether {@code step} asks the client for another line, so that the exchange goes on. */
    static boolean isChallenge(Step step) {
        return step instanceof Step.Respond r && r.reply().code() == 334;
    }

    /** Takes the client's answer to a challenge. */
    Step respond(String line) {
        return respond(line, true);
    }

    private Step respond(String line, boolean mayCancel) {
        // RFC 4954 section 4: a lone "*" cancels the exchange with a 501.
        if (mayCancel && line.equals("*")) {
            return new Step.Respond(SmtpReplies.AUTH_CANCELLED);
        }
        String decoded = decode(line);
        if (decoded == null) {
            return new Step.Respond(SmtpReplies.BAD_BASE64);
        }
        if (plain) {
            return plainMessage(decoded);
        }
        if (username == null) {
            username = decoded;
            return new Step.Respond(PASSWORD_CHALLENGE);
        }
        return credentials(username, decoded);
    }

    /**
     * RFC 4616 section 2: {@code [authzid] NUL authcid NUL passwd}. An authorization identity other
     * than the authentication identity would let one account act as another: refused.
     */
    private static Step plainMessage(String message) {
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (second < 0 || message.indexOf('\0', second + 1) >= 0) {
            return new Step.Respond(SmtpReplies.BAD_PLAIN_MESSAGE);
        }
        String authzid = message.substring(0, first);
        String authcid = message.substring(first + 1, second);
        if (!authzid.isEmpty() && !authzid.equals(authcid)) {
            return new Step.Respond(SmtpReplies.INVALID_CREDENTIALS);
        }
        return credentials(authcid, message.substring(second + 1));
    }

    /** RFC 4616 section 2: authcid and passwd are at least one character; else refused here. */
    private static Step credentials(String username, String password) {
        if (username.isEmpty() || password.isEmpty()) {
            return new Step.Respond(SmtpReplies.INVALID_CREDENTIALS);
        }
        return new Step.Authenticate(username, password);
    }

    /** Strict base64 of strict UTF-8 (RFC 4616 section 2), or {@code null}. */
    private static String decode(String line) {
        try {
            byte[] bytes = Base64.getDecoder().decode(line);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }
}
