package org.filtermx.testmail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates ham and spam messages, reproducibly from a seed: ordinary correspondence (meetings,
 * projects, family, travel, mailing lists, replies with quotes) and the usual kinds of spam
 * (pharmacy, loans, prizes, investment schemes, phishing, fake invoices, dating), in the shapes
 * mail takes (plain text, quoted-printable, base64, multipart/alternative, attachments, encoded
 * words in headers, Received chains). Every word list is written for this class.
 *
 * <p>Each {@link Mail} says what it holds (kind, attachment names, a phrase of its text body), so a
 * parser test can check the parse against it.
 */
public final class SyntheticMail {

    /** One generated message and what was put into it. */
    public record Mail(
            byte[] bytes, boolean spam, String from, List<String> attachments, String bodyPhrase) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private static final String[] FIRST = {
        "Anna", "Ben", "Carla", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaito",
        "Lena", "Marco", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomas", "Ulla",
        "Victor", "Wen", "Yusuf", "Zoe"
    };
    private static final String[] LAST = {
        "Albers",
        "Brandt",
        "Costa",
        "Dubois",
        "Eriksen",
        "Fischer",
        "Garcia",
        "Hansen",
        "Ito",
        "Jansen",
        "Keller",
        "Lindqvist",
        "Moreau",
        "Novak",
        "Olsen",
        "Petrov",
        "Quist",
        "Rossi",
        "Schmidt",
        "Tanaka",
        "Ulrich",
        "Vogel",
        "Weber",
        "Yilmaz",
        "Zeller"
    };
    private static final String[] HAM_DOMAINS = {
        "northwind.example",
        "harbour-works.example",
        "lindenhof.example",
        "kestrel.example",
        "uni-feldberg.example",
        "orchard-labs.example",
        "mail.example.net"
    };
    private static final String[] LISTS = {
        "dev-announce", "photo-club", "cycling-group", "parents-council", "jazz-listeners"
    };

    private static final String[][] HAM_TOPICS = {
        {
            "meeting",
            "agenda",
            "minutes",
            "thursday",
            "room",
            "calendar",
            "colleagues",
            "schedule",
            "notes",
            "quarterly",
            "review",
            "afternoon",
            "postpone",
            "attend",
            "slides",
            "discussion"
        },
        {
            "project",
            "milestone",
            "deadline",
            "repository",
            "release",
            "branch",
            "tests",
            "deployment",
            "ticket",
            "estimate",
            "design",
            "feedback",
            "prototype",
            "documentation",
            "migration",
            "build"
        },
        {
            "family",
            "birthday",
            "dinner",
            "weekend",
            "kids",
            "grandma",
            "garden",
            "recipe",
            "holiday",
            "photos",
            "visit",
            "cousins",
            "picnic",
            "school",
            "soccer",
            "rehearsal"
        },
        {
            "travel",
            "train",
            "flight",
            "hotel",
            "itinerary",
            "luggage",
            "museum",
            "booking",
            "platform",
            "arrival",
            "conference",
            "taxi",
            "passport",
            "departure",
            "sightseeing",
            "ferry"
        },
        {
            "club",
            "newsletter",
            "members",
            "season",
            "concert",
            "exhibition",
            "volunteers",
            "rehearsal",
            "tickets",
            "tour",
            "lecture",
            "library",
            "workshop",
            "registration",
            "potluck",
            "raffle"
        },
    };
    private static final String[] HAM_COMMON = {
        "thanks",
        "please",
        "could",
        "would",
        "tomorrow",
        "yesterday",
        "attached",
        "question",
        "let",
        "know",
        "think",
        "maybe",
        "later",
        "week",
        "next",
        "earlier",
        "sorry",
        "reply",
        "sure",
        "fine",
        "update",
        "plan",
        "again",
        "hope",
        "talk",
        "soon"
    };
    private static final String[] HAM_OPENERS = {
        "Hi %s,", "Hello %s,", "Dear %s,", "%s,", "Morning %s,"
    };
    private static final String[] HAM_CLOSERS = {
        "Best,", "Cheers,", "Thanks,", "Kind regards,", "See you,"
    };

    private static final String[][] SPAM_TOPICS = {
        {
            "pharmacy",
            "pills",
            "prescription",
            "discount",
            "generic",
            "tablets",
            "overnight",
            "shipping",
            "meds",
            "dosage",
            "viagra",
            "cialis",
            "refill",
            "wholesale",
            "pharmacist",
            "capsules"
        },
        {
            "loan",
            "credit",
            "approved",
            "mortgage",
            "refinance",
            "debt",
            "instant",
            "lender",
            "rates",
            "cash",
            "guaranteed",
            "application",
            "funds",
            "payday",
            "consolidate",
            "eligible"
        },
        {
            "winner",
            "lottery",
            "prize",
            "claim",
            "jackpot",
            "million",
            "selected",
            "beneficiary",
            "award",
            "congratulations",
            "notification",
            "sweepstakes",
            "transfer",
            "inheritance",
            "barrister",
            "remit"
        },
        {
            "investment",
            "profit",
            "crypto",
            "bitcoin",
            "returns",
            "trading",
            "portfolio",
            "signals",
            "double",
            "opportunity",
            "exclusive",
            "wealth",
            "insider",
            "shares",
            "explode",
            "stock"
        },
        {
            "account",
            "suspended",
            "verify",
            "password",
            "security",
            "unusual",
            "login",
            "confirm",
            "locked",
            "billing",
            "update",
            "immediately",
            "restore",
            "validation",
            "credentials",
            "urgent"
        },
        {
            "invoice",
            "overdue",
            "payment",
            "remittance",
            "outstanding",
            "statement",
            "wire",
            "settlement",
            "balance",
            "receipt",
            "courier",
            "parcel",
            "customs",
            "delivery",
            "fee",
            "tracking"
        },
        {
            "singles",
            "lonely",
            "dating",
            "hot",
            "meet",
            "tonight",
            "profile",
            "photos",
            "chat",
            "flirt",
            "discreet",
            "members",
            "nearby",
            "match",
            "girls",
            "webcam"
        },
    };
    private static final String[] SPAM_COMMON = {
        "free",
        "offer",
        "limited",
        "click",
        "now",
        "today",
        "act",
        "fast",
        "risk",
        "money",
        "save",
        "best",
        "price",
        "order",
        "unsubscribe",
        "deal",
        "cheap",
        "bonus",
        "amazing",
        "hurry",
        "special",
        "guarantee",
        "winner",
        "dollars"
    };
    private static final String[] SPAM_SENDER_DOMAINS = {
        "best-offers-4u.example",
        "pharma-direct.example",
        "secure-verify-center.example",
        "lucky-draw-intl.example",
        "cashfast.example",
        "meet-tonight.example",
        "trade-signals.example"
    };
    private static final String[] SPAM_SUBJECTS = {
        "LIMITED TIME: %s %s now!!!",
        "Re: your %s is %s",
        "You have been selected for a %s %s",
        "%s %s - act today",
        "URGENT: %s %s required",
        "Save 80%% on %s %s",
        "Fw: %s %s waiting"
    };

    private final Random random;
    private int counter;

    public SyntheticMail(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} messages, ham and spam alternating, starting with ham. */
    public List<Mail> mixed(int count) {
        List<Mail> mails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            mails.add(i % 2 == 0 ? ham() : spam());
        }
        return mails;
    }

    public Mail ham() {
        counter++;
        String[] topic = HAM_TOPICS[random.nextInt(HAM_TOPICS.length)];
        String fromName = pick(FIRST) + " " + pick(LAST);
        String toName = pick(FIRST);
        String domain = pick(HAM_DOMAINS);
        String from = address(fromName, domain);
        boolean list = random.nextInt(5) == 0;
        boolean reply = !list && random.nextInt(3) == 0;
        String subject =
                (reply ? "Re: " : "")
                        + capitalise(pick(topic))
                        + " "
                        + pick(topic)
                        + (random.nextBoolean() ? "" : " " + pick(HAM_COMMON));
        StringBuilder body = new StringBuilder();
        body.append(String.format(pick(HAM_OPENERS), toName)).append("\n\n");
        int paragraphs = 1 + random.nextInt(3);
        String phrase = null;
        for (int p = 0; p < paragraphs; p++) {
            String paragraph = paragraph(topic, HAM_COMMON, 2 + random.nextInt(3), false);
            phrase = phrase == null ? firstWords(paragraph) : phrase;
            body.append(wrap(paragraph)).append("\n\n");
        }
        if (reply) {
            body.append("On ")
                    .append(DATE.format(date(-3)))
                    .append(", ")
                    .append(pick(FIRST))
                    .append(" wrote:\n");
            for (String line : wrap(paragraph(topic, HAM_COMMON, 2, false)).split("\n")) {
                body.append("> ").append(line).append('\n');
            }
            body.append('\n');
        }
        body.append(pick(HAM_CLOSERS)).append('\n').append(fromName.split(" ")[0]).append('\n');
        if (list) {
            body.append("\n--\nYou receive this as a member of the list. Settings: https://lists.")
                    .append(domain)
                    .append("/options\n");
        }
        Headers h = new Headers();
        received(h, domain, "192.0.2." + (10 + random.nextInt(200)));
        h.add(
                "From",
                random.nextInt(6) == 0
                        ? encodedWord(fromName.replace("o", "ö")) + " <" + from + ">"
                        : "\"" + fromName + "\" <" + from + ">");
        h.add(
                "To",
                toName + " <" + toName.toLowerCase(Locale.ROOT) + "@" + pick(HAM_DOMAINS) + ">");
        h.add("Subject", subject);
        h.add("Date", DATE.format(date(0)));
        h.add(
                "Message-ID",
                "<" + Long.toHexString(random.nextLong()) + "." + counter + "@" + domain + ">");
        if (reply) {
            h.add("In-Reply-To", "<" + Long.toHexString(random.nextLong()) + "@" + domain + ">");
        }
        if (list) {
            String name = pick(LISTS);
            h.add("List-Id", name + " <" + name + ".lists." + domain + ">");
            h.add("List-Unsubscribe", "<mailto:" + name + "-leave@lists." + domain + ">");
            h.add("Precedence", "list");
        }
        h.add("MIME-Version", "1.0");
        List<String> attachments = new ArrayList<>();
        String text = body.toString();
        switch (random.nextInt(4)) {
            case 0 -> plain(h, text, "quoted-printable");
            case 1 -> {
                String name =
                        pick(topic)
                                + "-"
                                + (1 + random.nextInt(9))
                                + (random.nextBoolean() ? ".pdf" : ".ics");
                attachments.add(name);
                mixed(
                        h,
                        text,
                        name,
                        name.endsWith(".pdf") ? "application/pdf" : "text/calendar",
                        name.endsWith(".pdf") ? fakePdf() : calendar(subject));
            }
            default -> plain(h, text, "7bit");
        }
        return new Mail(h.bytes(), false, from, attachments, phrase);
    }

    public Mail spam() {
        counter++;
        String[] topic = SPAM_TOPICS[random.nextInt(SPAM_TOPICS.length)];
        String domain = pick(SPAM_SENDER_DOMAINS);
        String from =
                pick(new String[] {"info", "noreply", "support", "offers", "service", "admin"})
                        + random.nextInt(1000)
                        + "@"
                        + domain;
        String subject = String.format(pick(SPAM_SUBJECTS), pick(topic), pick(topic));
        String url =
                "http://"
                        + pick(topic)
                        + "-"
                        + pick(SPAM_COMMON)
                        + "."
                        + domain
                        + "/?id="
                        + random.nextInt(99999);
        StringBuilder text = new StringBuilder();
        String phrase = null;
        int paragraphs = 2 + random.nextInt(3);
        for (int p = 0; p < paragraphs; p++) {
            String paragraph = paragraph(topic, SPAM_COMMON, 2 + random.nextInt(2), true);
            phrase = phrase == null ? firstWords(paragraph) : phrase;
            text.append(wrap(paragraph)).append("\n\n");
        }
        text.append("Click here: ").append(url).append("\n\n");
        text.append("Only $")
                .append(9 + random.nextInt(90))
                .append(".")
                .append(10 + random.nextInt(89))
                .append(" - ")
                .append(pick(SPAM_COMMON).toUpperCase(Locale.ROOT))
                .append("!\n\n");
        text.append("To unsubscribe reply with REMOVE in the subject.\n");
        Headers h = new Headers();
        received(h, domain, "203.0.113." + (1 + random.nextInt(250)));
        h.add(
                "From",
                "\""
                        + capitalise(pick(topic))
                        + " "
                        + capitalise(pick(SPAM_COMMON))
                        + "\" <"
                        + from
                        + ">");
        h.add(
                "To",
                random.nextBoolean()
                        ? "undisclosed-recipients:;"
                        : pick(FIRST).toLowerCase(Locale.ROOT) + "@" + pick(HAM_DOMAINS));
        h.add("Subject", random.nextInt(4) == 0 ? encodedWord(subject + " ★") : subject);
        h.add("Date", DATE.format(date(random.nextInt(5) - 2)));
        h.add(
                "Message-ID",
                "<" + Integer.toHexString(random.nextInt()) + "$" + counter + "@" + domain + ">");
        if (random.nextBoolean()) {
            h.add(
                    "X-Mailer",
                    pick(new String[] {"Mass Mailer Pro 7.1", "QuickSend 3", "BulkPost Deluxe"}));
        }
        h.add("MIME-Version", "1.0");
        List<String> attachments = new ArrayList<>();
        switch (random.nextInt(4)) {
            case 0 -> alternative(h, text.toString(), html(text.toString(), url));
            case 1 -> plain(h, text.toString(), "base64");
            case 2 -> {
                String name = pick(topic) + "_" + (1000 + random.nextInt(9000)) + ".zip";
                attachments.add(name);
                mixed(h, text.toString(), name, "application/zip", fakeZip());
            }
            default -> plain(h, text.toString(), "7bit");
        }
        return new Mail(h.bytes(), true, from, attachments, phrase);
    }

    // ---- bodies

    private String paragraph(String[] topic, String[] common, int sentences, boolean shouty) {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            int words = 6 + random.nextInt(9);
            StringBuilder sentence = new StringBuilder();
            for (int w = 0; w < words; w++) {
                String word =
                        random.nextInt(10) < 6
                                ? pick(topic)
                                : random.nextInt(3) == 0 ? pick(FILLER) : pick(common);
                if (shouty && random.nextInt(12) == 0) {
                    word = word.toUpperCase(Locale.ROOT);
                }
                sentence.append(w == 0 ? capitalise(word) : word).append(w + 1 < words ? " " : "");
            }
            sb.append(sentence).append(shouty && random.nextInt(3) == 0 ? "!! " : ". ");
        }
        return sb.toString().strip();
    }

    private static final String[] FILLER = {
        "the", "a", "and", "to", "of", "for", "with", "on", "in", "this", "that", "your", "our",
        "we", "you", "is", "are", "at", "from", "it"
    };

    private static String firstWords(String paragraph) {
        String[] words = paragraph.split(" ");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(4, words.length)));
    }

    private static String wrap(String paragraph) {
        StringBuilder sb = new StringBuilder();
        int column = 0;
        for (String word : paragraph.split(" ")) {
            if (column > 0 && column + word.length() > 70) {
                sb.append('\n');
                column = 0;
            } else if (column > 0) {
                sb.append(' ');
                column++;
            }
            sb.append(word);
            column += word.length();
        }
        return sb.toString();
    }

    private static String html(String text, String url) {
        StringBuilder sb =
                new StringBuilder("<html><body bgcolor=\"#ffffff\"><table width=\"600\"><tr><td>");
        for (String paragraph : text.split("\n\n")) {
            sb.append("<p><font size=\"4\" color=\"#cc0000\">")
                    .append(paragraph.replace("\n", " "))
                    .append("</font></p>\n");
        }
        sb.append("<a href=\"")
                .append(url)
                .append("\"><b>CLICK HERE</b></a></td></tr></table></body></html>\n");
        return sb.toString();
    }

    private String calendar(String subject) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//FilterMX tests//EN\r\nBEGIN:VEVENT\r\nUID:"
                + Long.toHexString(random.nextLong())
                + "\r\nDTSTART:20261203T090000Z\r\nSUMMARY:"
                + subject
                + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    private String fakePdf() {
        return "%PDF-1.4\n% generated for tests\n1 0 obj << /Type /Catalog >> endobj\n% "
                + Long.toHexString(random.nextLong())
                + "\n%%EOF\n";
    }

    private String fakeZip() {
        byte[] bytes = new byte[64 + random.nextInt(64)];
        random.nextBytes(bytes);
        bytes[0] = 'P';
        bytes[1] = 'K';
        bytes[2] = 3;
        bytes[3] = 4;
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    // ---- MIME shapes

    private static void plain(Headers h, String text, String encoding) {
        h.add(
                "Content-Type",
                "text/plain; charset=" + (encoding.equals("7bit") ? "us-ascii" : "utf-8"));
        h.add("Content-Transfer-Encoding", encoding);
        h.body(encode(text, encoding));
    }

    private void alternative(Headers h, String text, String html) {
        String boundary = "----=_Alt_" + Long.toHexString(random.nextLong());
        h.add("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        h.body(
                "This is a multi-part message in MIME format.\r\n\r\n"
                        + "--"
                        + boundary
                        + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                        + encode(text, "quoted-printable")
                        + "\r\n"
                        + "--"
                        + boundary
                        + "\r\nContent-Type: text/html; charset=utf-8\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + encode(html, "base64")
                        + "\r\n"
                        + "--"
                        + boundary
                        + "--\r\n");
    }

    private void mixed(Headers h, String text, String name, String type, String content) {
        String boundary = "=_mixed_" + Long.toHexString(random.nextLong());
        h.add("Content-Type", "multipart/mixed; boundary=\"" + boundary + "\"");
        byte[] raw = content.getBytes(StandardCharsets.ISO_8859_1);
        h.body(
                "--"
                        + boundary
                        + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                        + encode(text, "7bit")
                        + "\r\n"
                        + "--"
                        + boundary
                        + "\r\nContent-Type: "
                        + type
                        + "; name=\""
                        + name
                        + "\"\r\n"
                        + "Content-Disposition: attachment; filename=\""
                        + name
                        + "\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(raw)
                        + "\r\n"
                        + "--"
                        + boundary
                        + "--\r\n");
    }

    private static String encode(String text, String encoding) {
        String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
        return switch (encoding) {
            case "base64" ->
                    Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(crlf.getBytes(StandardCharsets.UTF_8));
            case "quoted-printable" -> quotedPrintable(crlf);
            default -> crlf;
        };
    }

    /** RFC 2045 section 6.7, soft line breaks at 76. */
    private static String quotedPrintable(String crlfText) {
        StringBuilder out = new StringBuilder();
        for (String line : crlfText.split("\r\n", -1)) {
            int column = 0;
            for (byte b : line.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                String piece =
                        (c >= 33 && c <= 126 && c != '=') || c == ' '
                                ? String.valueOf((char) c)
                                : String.format("=%02X", c);
                if (column + piece.length() > 75) {
                    out.append("=\r\n");
                    column = 0;
                }
                out.append(piece);
                column += piece.length();
            }
            out.append("\r\n");
        }
        return out.substring(0, out.length() - 2);
    }

    /** RFC 2047 B encoding of a UTF-8 phrase. */
    private static String encodedWord(String text) {
        return "=?UTF-8?B?"
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
                + "?=";
    }

    // ---- headers

    private void received(Headers h, String domain, String ip) {
        int hops = 1 + random.nextInt(3);
        for (int i = 0; i < hops; i++) {
            h.add(
                    "Received",
                    "from mx"
                            + (i + 1)
                            + "."
                            + domain
                            + " (["
                            + ip
                            + "])\r\n\tby relay"
                            + (i + 1)
                            + ".filtermx.test with ESMTP id "
                            + Long.toHexString(random.nextLong())
                            + ";\r\n\t"
                            + DATE.format(date(0)));
        }
    }

    private Instant date(int daysOffset) {
        return Instant.parse("2026-11-02T08:00:00Z")
                .plusSeconds((long) daysOffset * 86_400 + random.nextInt(20 * 86_400));
    }

    private String pick(String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static String capitalise(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String address(String name, String domain) {
        return name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@" + domain;
    }

    /** Header fields in order, then the body; CRLF line ends throughout (RFC 5322). */
    private static final class Headers {
        private final StringBuilder text = new StringBuilder();
        private String body = "";

        void add(String name, String value) {
            text.append(name).append(": ").append(value).append("\r\n");
        }

        void body(String body) {
            this.body = body;
        }

        byte[] bytes() {
            return (text + "\r\n" + body + (body.endsWith("\r\n") ? "" : "\r\n"))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
