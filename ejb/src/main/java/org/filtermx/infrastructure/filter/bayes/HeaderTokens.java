package org.filtermx.infrastructure.filter.bayes;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Tokens from the header that describe the sender's habits rather than the site that received the
 * mail: the Subject's words; From's address, display name, host and registered domain; Reply-To's
 * registered domain and whether it differs from From's; the shape of the recipients (how many,
 * undisclosed, the sender's own address) but not who they are; whether the Message-ID's host is the
 * sender's; the declared type, transfer encoding and charset; the mailer (its words and its name
 * without versions); and which fields are present at all.
 *
 * <p>Fields that mail acquires on its way (Received, Return-Path, Delivered-To and the like),
 * fields a mailing list or the receiving site adds (List-*, Sender, Precedence, X-BeenThere, ...)
 * and other filters' verdicts (X-Spam-*, X-Virus-*, X-MailScanner*) are left out: they describe the
 * path and the receiving systems, not the sender's message, and upstream verdicts can be forged.
 * Learning from them, or from the recipients' addresses and the hosts in Message-IDs, teaches the
 * classifier who collected the training mail ("this site's lists are ham"), which is wrong at every
 * other site. The registered domain comes from the Public Suffix List ({@link HostTokens}).
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

    /** Fields a mailing list or the receiving site adds: they name the site, not the sender. */
    private static final Set<String> SITE =
            Set.of(
                    "sender",
                    "errors-to",
                    "precedence",
                    "mailing-list",
                    "x-mailing-list",
                    "x-beenthere",
                    "x-mailman-version",
                    "x-loop",
                    "x-list",
                    "x-listmember",
                    "x-authentication-warning",
                    "x-mime-autoconverted",
                    "x-rcpt-to",
                    "x-original-date",
                    "approved-by",
                    "x-acceptlanguage");

    /** Prefixes of the names of list and site fields. */
    private static final String[] SITE_PREFIXES = {
        "list-",
        "resent-",
        "x-list-",
        "x-ml-",
        "x-egroups-",
        "x-yahoo-",
        "x-razor",
        "x-pyzor",
        "x-dcc",
        "x-scanned",
        "x-filtered",
        "x-amavis",
        "x-antivirus",
        "x-scanner"
    };

    /** RFC 5322 section 3.6.8 field names, at most 40 characters. */
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]{1,40}");

    /** Characters of the mailer's name kept in its version-free token. */
    private static final int MAX_MAILER = 40;

    private HeaderTokens() {}

    static void add(TokenSet sink, ParsedMessage message) {
        subject(sink, message.header("Subject"));
        Optional<String> from = message.header("From");
        from.ifPresentOrElse(
                v -> AddressTokens.addField(sink, "from", v), () -> sink.add("from:absent"));
        String fromAddress = from.map(HeaderTokens::firstAddress).orElse("");
        String fromDomain = domainOf(fromAddress);
        recipients(sink, message, fromAddress);
        message.header("Reply-To")
                .ifPresent(
                        v -> {
                            String domain = domainOf(firstAddress(v));
                            if (domain.isEmpty()) {
                                sink.add("reply-to:none");
                                return;
                            }
                            HostTokens.add(sink, "reply-to:domain:", domain);
                            sink.add(
                                    domain.equals(fromDomain)
                                            ? "reply-to:same-domain"
                                            : "reply-to:other-domain");
                        });
        message.header("Message-ID")
                .ifPresentOrElse(
                        v -> messageId(sink, v, fromDomain), () -> sink.add("message-id:absent"));
        message.header("Content-Type")
                .ifPresent(v -> ContentTypeTokens.add(sink, "content-type", v));
        message.header("Content-Transfer-Encoding")
                .ifPresent(v -> sink.add("cte:" + LowerCase.of(v.strip())));
        Optional<String> mailer = message.header("X-Mailer").or(() -> message.header("User-Agent"));
        mailer.ifPresentOrElse(
                v -> {
                    WordTokens.add(sink, "x-mailer:", v);
                    sink.add("x-mailer:name:" + mailerName(v));
                },
                () -> sink.add("x-mailer:absent"));
        for (String required : new String[] {"Date", "MIME-Version", "To"}) {
            if (message.header(required).isEmpty()) {
                sink.add("header:" + LowerCase.of(required) + ":absent");
            }
        }
        for (HeaderField field : message.headers()) {
            String name = LowerCase.of(field.name());
            if (isSenders(name) && FIELD_NAME.matcher(name).matches()) {
                sink.add("header:" + name);
            }
        }
    }

    /**
     * The recipients' shape, never their names: how many (bucketed), none, undisclosed, or the
     * sender writing to the sender's own address (a habit of bulk mailers).
     */
    private static void recipients(TokenSet sink, ParsedMessage message, String fromAddress) {
        int count = 0;
        boolean toSelf = false;
        boolean undisclosed = false;
        for (String name : new String[] {"To", "Cc"}) {
            for (String value : message.headers(name)) {
                String lower = LowerCase.of(value);
                undisclosed |= lower.contains("undisclosed") || lower.contains("recipient list");
                int[] found = {0};
                boolean[] self = {false};
                AddressTokens.forEachAddress(
                        value,
                        (start, end) -> {
                            found[0]++;
                            self[0] |=
                                    LowerCase.of(value.substring(start, end)).equals(fromAddress);
                        });
                count += found[0];
                toSelf |= self[0];
            }
        }
        sink.add("to:count:" + (count <= 2 ? String.valueOf(count) : count <= 5 ? "3-5" : "6+"));
        if (undisclosed) {
            sink.add("to:undisclosed");
        }
        if (toSelf && !fromAddress.isEmpty()) {
            sink.add("to:from-self");
        }
    }

    /** Whether the Message-ID was made by the sender's domain, a numeric host or none at all. */
    private static void messageId(TokenSet sink, String value, String fromDomain) {
        String address = messageIdAsAddress(value);
        if (address.equals("invalid@invalid")) {
            sink.add("message-id:nohost");
            return;
        }
        String host = HostTokens.withoutTrailingDots(domainPart(address));
        if (host.isEmpty() || host.indexOf('.') < 0) {
            sink.add("message-id:short-host");
        } else if (HostTokens.isNumeric(host)) {
            sink.add("message-id:ip");
        } else if (HostTokens.registered(host).equals(fromDomain)) {
            sink.add("message-id:from-domain");
        } else {
            sink.add("message-id:other-domain");
        }
    }

    /** The mailer's name without versions, numbers or punctuation: {@code microsoft outlook}. */
    static String mailerName(String value) {
        StringBuilder name = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < value.length() && name.length() < MAX_MAILER; i++) {
            char c = Character.toLowerCase(value.charAt(i));
            if (c == '(' || c == '[') {
                break;
            }
            if (Character.isLetter(c)) {
                if (space && name.length() > 0) {
                    name.append(' ');
                }
                space = false;
                name.append(c);
            } else {
                space = true;
            }
        }
        return name.length() == 0 ? "none" : name.toString();
    }

    /** The first address in a field's value, lower case; empty when there is none. */
    private static String firstAddress(String value) {
        String[] first = {""};
        AddressTokens.forEachAddress(
                value,
                (start, end) -> {
                    if (first[0].isEmpty()) {
                        first[0] = LowerCase.of(value.substring(start, end));
                    }
                });
        return first[0];
    }

    private static String domainPart(String address) {
        return LowerCase.of(address.substring(address.lastIndexOf('@') + 1));
    }

    /** The registered domain of an address, empty for none. */
    private static String domainOf(String address) {
        if (address.isEmpty()) {
            return "";
        }
        String host = HostTokens.withoutTrailingDots(domainPart(address));
        return host.isEmpty() ? "" : HostTokens.registered(host);
    }

    /**
     * Whether the sender wrote the field (its lower-case name): authored, and not one a mailing
     * list or the receiving site adds.
     */
    static boolean isSenders(String name) {
        if (!isAuthored(name) || SITE.contains(name)) {
            return false;
        }
        for (String prefix : SITE_PREFIXES) {
            if (name.startsWith(prefix)) {
                return false;
            }
        }
        return true;
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
