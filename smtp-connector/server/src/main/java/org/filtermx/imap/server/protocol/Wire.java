package org.filtermx.imap.server.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.filtermx.imap.api.ImapFlags;

/**
 * How values are written on the wire (RFC 3501 section 9): flag lists, strings as quoted strings or
 * literals, dates; and the few date forms clients send, parsed by hand.
 */
public final class Wire {

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private Wire() {}

    /** A flag list, e.g. {@code (\Seen \Flagged)} (RFC 3501 section 2.3.2). */
    public static String flags(int bits) {
        StringBuilder out = new StringBuilder("(");
        append(out, bits, ImapFlags.SEEN, "\\Seen");
        append(out, bits, ImapFlags.ANSWERED, "\\Answered");
        append(out, bits, ImapFlags.FLAGGED, "\\Flagged");
        append(out, bits, ImapFlags.DELETED, "\\Deleted");
        append(out, bits, ImapFlags.DRAFT, "\\Draft");
        return out.append(')').toString();
    }

    private static void append(StringBuilder out, int bits, int flag, String name) {
        if ((bits & flag) != 0) {
            if (out.length() > 1) {
                out.append(' ');
            }
            out.append(name);
        }
    }

    /** The bit of a system flag, 0 for keywords and {@code \Recent} (not kept). */
    public static int flag(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "\\SEEN" -> ImapFlags.SEEN;
            case "\\ANSWERED" -> ImapFlags.ANSWERED;
            case "\\FLAGGED" -> ImapFlags.FLAGGED;
            case "\\DELETED" -> ImapFlags.DELETED;
            case "\\DRAFT" -> ImapFlags.DRAFT;
            default -> 0;
        };
    }

    /**
     * A string as a quoted string when that is possible, else as a literal (RFC 3501 section 4.3):
     * CR, LF, NUL and 8-bit text go in literals.
     */
    public static String string(String value) {
        boolean quotable = value.length() < 1024;
        for (int i = 0; quotable && i < value.length(); i++) {
            char c = value.charAt(i);
            quotable = c >= 0x20 && c < 0x7f;
        }
        if (quotable) {
            StringBuilder out = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            return out.append('"').toString();
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return "{" + bytes.length + "}\r\n" + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** INTERNALDATE (RFC 3501 date-time), in UTC. */
    public static String dateTime(Instant instant) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        return String.format(
                Locale.ROOT,
                "\"%02d-%s-%04d %02d:%02d:%02d +0000\"",
                t.getDayOfMonth(),
                MONTHS[t.getMonthValue() - 1],
                t.getYear(),
                t.getHour(),
                t.getMinute(),
                t.getSecond());
    }

    /** A SEARCH date ({@code d-Mon-yyyy}, RFC 3501 {@code date}). */
    public static LocalDate date(String text) throws BadCommand {
        int first = text.indexOf('-');
        int second = first < 0 ? -1 : text.indexOf('-', first + 1);
        if (first < 1 || first > 2 || second != first + 4 || text.length() != second + 5) {
            throw new BadCommand("Invalid date");
        }
        try {
            int day = digits(text, 0, first);
            int month = month(text.substring(first + 1, second));
            int year = digits(text, second + 1, text.length());
            return LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            throw new BadCommand("Invalid date");
        }
    }

    /** APPEND's date-time: {@code "dd-Mon-yyyy hh:mm:ss +zzzz"}, the day maybe space-padded. */
    public static Instant dateTime(String text) throws BadCommand {
        String t = text.startsWith(" ") ? "0" + text.substring(1) : text;
        if (t.length() != 26 || t.charAt(11) != ' ' || t.charAt(20) != ' ') {
            throw new BadCommand("Invalid date-time");
        }
        LocalDate date = date(t.substring(0, 11));
        int hour = digits(t, 12, 14);
        int minute = digits(t, 15, 17);
        int second = digits(t, 18, 20);
        if (t.charAt(14) != ':' || t.charAt(17) != ':') {
            throw new BadCommand("Invalid date-time");
        }
        char sign = t.charAt(21);
        int zone = digits(t, 22, 24) * 60 + digits(t, 24, 26);
        if (sign != '+' && sign != '-') {
            throw new BadCommand("Invalid date-time");
        }
        try {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((sign == '-' ? -zone : zone) * 60);
            return date.atTime(hour, minute, second).atOffset(offset).toInstant();
        } catch (java.time.DateTimeException e) {
            throw new BadCommand("Invalid date-time");
        }
    }

    private static int digits(String text, int from, int to) throws BadCommand {
        if (to - from < 1 || to - from > 4) {
            throw new BadCommand("Invalid date");
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadCommand("Invalid date");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int month(String name) throws BadCommand {
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equalsIgnoreCase(name)) {
                return i + 1;
            }
        }
        throw new BadCommand("Invalid month");
    }
}
