package org.filtermx.infrastructure.filter.bayes;

import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.ParsedMessage;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tokens from the header: the Subject's words, the addresses and display names of From, To, Cc and
 * Reply-To, the message's declared type and mailer, and which fields are present at all.
 *
 * <p>Fields that mail acquires on its way (Received, Return-Path, Delivered-To and the like) and
 * other filters' verdicts (X-Spam-*, X-Virus-*, X-MailScanner*) are left out: they describe the
 * path and the receiving systems, not the sender's message, and upstream verdicts can be forged.
 * Learning from them teaches the classifier who collected the training mail.
 */
final class HeaderTokens {

    private static final Set<String> TRANSIT =
            Set.of(
                    "received",
                    "return-path",
                    "delivered-to",
                    "delivery-date",
                    "x-original-to",
                    "envelope-to",
                    "x-envelope-to",
                    "x-envelope-from",
                    "x-apparently-to",
                    "x-delivery-agent",
                    "x-originalarrivaltime",
                    "x-received",
                    "status",
                    "x-status",
                    "x-keywords",
                    "x-uid",
                    "lines",
                    "content-length");

    /** RFC 5322 section 3.6.8 field names, at most 40 characters. */
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]{1,40}");

    private HeaderTokens() {}

    static void add(TokenSet sink, ParsedMessage message) {
        subject(sink, message.header("Subject"));
        message.header("From")
                .ifPresentOrElse(
                        v -> AddressTokens.addField(sink, "from", v),
                        () -> sink.add("from:absent"));
        for (String name : new String[] {"To", "Cc"}) {
            message.headers(name).forEach(v -> AddressTokens.addField(sink, "to", v));
        }
        message.header("Reply-To").ifPresent(v -> AddressTokens.addField(sink, "reply-to", v));
        message.header("Message-ID")
                .ifPresentOrElse(
                        v -> AddressTokens.addDomain(sink, "message-id", messageIdAsAddress(v)),
                        () -> sink.add("message-id:absent"));
        message.header("Content-Type")
                .ifPresent(v -> ContentTypeTokens.add(sink, "content-type", v));
        message.header("Content-Transfer-Encoding")
                .ifPresent(v -> sink.add("cte:" + v.strip().toLowerCase(Locale.ROOT)));
        Optional<String> mailer = message.header("X-Mailer").or(() -> message.header("User-Agent"));
        mailer.ifPresentOrElse(
                v -> WordTokens.add(sink, "x-mailer:", v), () -> sink.add("x-mailer:absent"));
        for (String required : new String[] {"Date", "MIME-Version", "To"}) {
            if (message.header(required).isEmpty()) {
                sink.add("header:" + required.toLowerCase(Locale.ROOT) + ":absent");
            }
        }
        for (HeaderField field : message.headers()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (isAuthored(name) && FIELD_NAME.matcher(name).matches()) {
                sink.add("header:" + name);
            }
        }
    }

    /**
     * Whether the field (its lower-case name) is the sender's: not added on the way, not another
     * filter's verdict.
     */
    static boolean isAuthored(String name) {
        return !TRANSIT.contains(name) && !isVerdict(name);
    }

    /** Another filter's verdict: SpamAssassin's, a virus scanner's, MailScanner's. */
    private static boolean isVerdict(String name) {
        return name.startsWith("x-spam")
                || name.startsWith("x-virus")
                || name.startsWith("x-mailscanner");
    }

    private static void subject(TokenSet sink, Optional<String> subject) {
        if (subject.isEmpty() || subject.get().isBlank()) {
            sink.add("subject:absent");
            return;
        }
        String s = subject.get();
        WordTokens.add(sink, "subject:", s);
        long letters = s.chars().filter(Character::isLetter).count();
        if (letters >= 3 && s.chars().noneMatch(Character::isLowerCase)) {
            sink.add("subject:allcaps");
        }
    }

    /** {@code <id@host>} as {@code id@host}, so its host counts like a domain. */
    private static String messageIdAsAddress(String value) {
        String v = value.strip();
        if (v.startsWith("<")) {
            v = v.substring(1);
        }
        int close = v.indexOf('>');
        String id = close < 0 ? v : v.substring(0, close);
        return id.indexOf('@') < 0 ? "invalid@invalid" : id;
    }
}
