package org.filtermx.bench;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a corpus message was delivered, so that the benchmark can train on older mail and test on
 * newer mail, as a filter meets it. The first of these that parses wins:
 *
 * <ol>
 *   <li>the date of the mbox {@code From } line (the time the mailbox stored it, asctime format,
 *       read as UTC since the line carries no zone);
 *   <li>the {@code Delivery-Date:} field a local delivery agent writes in place of that line;
 *   <li>the date after the last {@code ;} of the topmost {@code Received:} field (RFC 5322 section
 *       3.6.7: the receiving host's clock, the last hop before the mailbox);
 *   <li>{@code Date:} (RFC 5322 section 3.6.1), last because the sender writes it and spam often
 *       forges it.
 * </ol>
 *
 * Parsing is a linear scan of whitespace-separated tokens over at most {@link #MAX_HEADER} bytes of
 * header, tolerant of the obsolete forms of RFC 5322 section 4.3 (two-digit years, named zones,
 * comments, a missing weekday or seconds) and of asctime order ({@code Thu Oct 10 12:32:37 2002}).
 */
final class DeliveryTime {

    /** The header section read; the rest of a message never holds a delivery time. */
    static final int MAX_HEADER = 64 * 1024;

    /** Dates outside these years are clocks gone wrong or forgeries, not delivery times. */
    private static final int MIN_YEAR = 1980;

    private static final int MAX_YEAR = 2100;

    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };

    /** Where a message's time came from, for the report. */
    enum Source {
        MBOX_FROM_LINE,
        DELIVERY_DATE,
        RECEIVED,
        DATE
    }

    /** A delivery time and where it was read. */
    record Stamp(Instant time, Source source) {}

    private DeliveryTime() {}

    /** The delivery time of a message as stored in the corpus (mbox {@code From } line kept). */
    static Optional<Stamp> of(byte[] file) {
        String head =
                new String(file, 0, Math.min(file.length, MAX_HEADER), StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < head.length()) {
            int end = head.indexOf('\n', start);
            if (end < 0) {
                end = head.length();
            }
            String line = head.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            start = end + 1;
            if (line.isEmpty()) {
                break;
            }
            lines.add(line);
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("From ")) {
            Optional<Instant> t = parse(lines.get(0).substring(5));
            if (t.isPresent()) {
                return Optional.of(new Stamp(t.get(), Source.MBOX_FROM_LINE));
            }
            lines.remove(0);
        }
        List<String[]> fields = unfold(lines);
        Optional<Instant> t = field(fields, "Delivery-Date").flatMap(DeliveryTime::parse);
        if (t.isPresent()) {
            return Optional.of(new Stamp(t.get(), Source.DELIVERY_DATE));
        }
        t = field(fields, "Received").flatMap(DeliveryTime::receivedDate);
        if (t.isPresent()) {
            return Optional.of(new Stamp(t.get(), Source.RECEIVED));
        }
        return field(fields, "Date")
                .flatMap(DeliveryTime::parse)
                .map(i -> new Stamp(i, Source.DATE));
    }

    /** The date of a {@code Received:} value: what follows its last semicolon. */
    static Optional<Instant> receivedDate(String value) {
        int semicolon = value.lastIndexOf(';');
        return semicolon < 0 ? Optional.empty() : parse(value.substring(semicolon + 1));
    }

    /**
     * A date in RFC 5322 form, obsolete forms included, or in asctime order; empty when it lacks a
     * day, month, year or time, or names an impossible one. No zone means UTC.
     */
    static Optional<Instant> parse(String text) {
        String s = withoutComments(text);
        int day = -1;
        int month = -1;
        int year = -1;
        int[] time = null;
        int offsetMinutes = 0;
        for (String token : s.split("[\\s,]+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (time == null && token.indexOf(':') > 0) {
                time = clock(token);
                if (time == null) {
                    return Optional.empty();
                }
            } else if ((token.charAt(0) == '+' || token.charAt(0) == '-')
                    && token.length() == 5
                    && digits(token.substring(1))) {
                int hhmm = Integer.parseInt(token.substring(1));
                int minutes = hhmm / 100 * 60 + hhmm % 100;
                offsetMinutes = token.charAt(0) == '-' ? -minutes : minutes;
            } else if (digits(token) && token.length() <= 4) {
                int n = Integer.parseInt(token);
                if (token.length() <= 2 && day < 0 && month < 0 && year < 0
                        || token.length() <= 2 && day < 0 && month >= 0 && year < 0) {
                    day = n;
                } else if (year < 0) {
                    year = fullYear(n, token.length());
                }
            } else if (Character.isLetter(token.charAt(0))) {
                String lower = token.toLowerCase(Locale.ROOT);
                int m = monthOf(lower);
                if (m >= 0 && month < 0) {
                    month = m;
                } else {
                    Integer zone = namedZone(lower);
                    if (zone != null) {
                        offsetMinutes = zone * 60;
                    }
                }
            }
        }
        if (day < 1 || month < 0 || year < MIN_YEAR || year > MAX_YEAR || time == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    LocalDateTime.of(year, month + 1, day, time[0], time[1], time[2])
                            .toInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Header fields, folded lines joined (RFC 5322 section 2.2.3), as name and value. */
    private static List<String[]> unfold(List<String> lines) {
        List<String[]> fields = new ArrayList<>();
        for (String line : lines) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                String[] last = fields.get(fields.size() - 1);
                last[1] = last[1] + " " + line.strip();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.add(
                        new String[] {line.substring(0, colon).strip(), line.substring(colon + 1)});
            }
        }
        return fields;
    }

    /** The topmost field of that name. */
    private static Optional<String> field(List<String[]> fields, String name) {
        return fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).map(f -> f[1]).findFirst();
    }

    /** The text with parenthesized comments (nested ones too) replaced by spaces. */
    private static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
                continue;
            }
            out.append(' ');
        }
        return out.toString();
    }

    /** {@code h:mm} or {@code h:mm:ss} as hour, minute, second; null when not a clock time. */
    private static int[] clock(String token) {
        String[] parts = token.split(":");
        if (parts.length < 2 || parts.length > 3) {
            return null;
        }
        int[] hms = new int[3];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 2 || !digits(parts[i])) {
                return null;
            }
            hms[i] = Integer.parseInt(parts[i]);
        }
        // RFC 5322 allows a leap second; LocalDateTime does not.
        hms[2] = Math.min(hms[2], 59);
        return hms[0] < 24 && hms[1] < 60 ? hms : null;
    }

    /** RFC 5322 section 4.3: two digits are 1950-2049, three digits add 1900. */
    private static int fullYear(int n, int length) {
        if (length == 2) {
            return n < 50 ? 2000 + n : 1900 + n;
        }
        return length == 3 ? 1900 + n : n;
    }

    private static int monthOf(String lower) {
        if (lower.length() < 3) {
            return -1;
        }
        String prefix = lower.substring(0, 3);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** The zone names of RFC 5322 section 4.3, hours east of UTC; null for any other word. */
    private static Integer namedZone(String lower) {
        return switch (lower) {
            case "ut", "gmt", "utc", "z" -> 0;
            case "edt" -> -4;
            case "est", "cdt" -> -5;
            case "cst", "mdt" -> -6;
            case "mst", "pdt" -> -7;
            case "pst" -> -8;
            default -> null;
        };
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
