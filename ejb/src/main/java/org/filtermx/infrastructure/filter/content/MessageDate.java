package org.filtermx.infrastructure.filter.content;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Reads RFC 5322 date-time values (section 3.3) as senders actually write them, including the
 * obsolete two-digit years and US zone names of section 4.3 and two forms real MTAs put in Received
 * fields (C {@code asctime()} and numeric day/month/year), so a date is judged only when it is
 * really unreadable.
 */
final class MessageDate {

    /** Longer values are not dates; bounds the regular expression's work. */
    private static final int MAX_LENGTH = 200;

    private static final Pattern DATE =
            Pattern.compile(
                    "(\\d{1,2})[\\s-]*([A-Za-z]{3})[A-Za-z]*\\.?[\\s-]*(\\d{2,4})\\s+"
                            + "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?(?:\\.\\d+)?\\s*"
                            + "(?:([+-])(\\d{2}):?(\\d{2})|([A-Za-z]{1,5}))?");

    /** {@code Wed Sep 25 10:24:48 2002 -0400}, as asctime() writes it. */
    private static final Pattern ASCTIME =
            Pattern.compile(
                    "[A-Za-z]{3}\\s+([A-Za-z]{3})\\s+(\\d{1,2})\\s+"
                            + "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?\\s+(\\d{4})"
                            + "(?:\\s*([+-])(\\d{2}):?(\\d{2}))?");

    /** {@code 26/08/2002 09:28:01}, local time of unknown zone, read as UTC. */
    private static final Pattern NUMERIC =
            Pattern.compile(
                    "(\\d{1,2})/(\\d{1,2})/(\\d{4})\\s+(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?");

    private static final Map<String, Integer> MONTHS =
            Map.ofEntries(
                    Map.entry("jan", 1),
                    Map.entry("feb", 2),
                    Map.entry("mar", 3),
                    Map.entry("apr", 4),
                    Map.entry("may", 5),
                    Map.entry("jun", 6),
                    Map.entry("jul", 7),
                    Map.entry("aug", 8),
                    Map.entry("sep", 9),
                    Map.entry("oct", 10),
                    Map.entry("nov", 11),
                    Map.entry("dec", 12));

    /** RFC 5322 section 4.3 obs-zone; other letters (military zones) read as -0000. */
    private static final Map<String, Integer> ZONE_HOURS =
            Map.ofEntries(
                    Map.entry("ut", 0),
                    Map.entry("gmt", 0),
                    Map.entry("z", 0),
                    Map.entry("est", -5),
                    Map.entry("edt", -4),
                    Map.entry("cst", -6),
                    Map.entry("cdt", -5),
                    Map.entry("mst", -7),
                    Map.entry("mdt", -6),
                    Map.entry("pst", -8),
                    Map.entry("pdt", -7));

    private MessageDate() {}

    static Optional<Instant> parse(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String text = withoutComments(value);
        try {
            Matcher m = DATE.matcher(text);
            if (m.find()) {
                return at(year(m.group(3)), month(m.group(2)), m.group(1), m, 4, offset(m, 7));
            }
            m = ASCTIME.matcher(text);
            if (m.find()) {
                int year = Integer.parseInt(m.group(6));
                return at(year, month(m.group(1)), m.group(2), m, 3, offset(m, 7));
            }
            m = NUMERIC.matcher(text);
            if (m.find()) {
                int year = Integer.parseInt(m.group(3));
                int month = Integer.parseInt(m.group(2));
                return at(year, month, m.group(1), m, 4, ZoneOffset.UTC);
            }
        } catch (DateTimeException | NumberFormatException invalid) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The instant of a match whose hour, minute and optional second start at group {@code h}. */
    private static Optional<Instant> at(
            int year, int month, String day, Matcher m, int h, ZoneOffset offset) {
        // A leap second (RFC 5322 section 3.3 allows 60) counts as 59.
        int second = m.group(h + 2) == null ? 0 : Math.min(59, Integer.parseInt(m.group(h + 2)));
        LocalDateTime local =
                LocalDateTime.of(
                        year,
                        month,
                        Integer.parseInt(day),
                        Integer.parseInt(m.group(h)),
                        Integer.parseInt(m.group(h + 1)),
                        second);
        return Optional.of(local.toInstant(offset));
    }

    private static int month(String name) {
        Integer month = MONTHS.get(LowerCase.of(name));
        if (month == null) {
            throw new DateTimeException("no month: " + name);
        }
        return month;
    }

    /** RFC 5322 section 4.3: two-digit years below 50 are 20xx, three-digit ones add 1900. */
    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (digits.length() == 2) {
            return year < 50 ? 2000 + year : 1900 + year;
        }
        return digits.length() == 3 ? 1900 + year : year;
    }

    /** The zone from group {@code g} (sign), {@code g+1}, {@code g+2} (digits), {@code g+3}. */
    private static ZoneOffset offset(Matcher m, int g) {
        if (m.group(g) != null) {
            int sign = m.group(g).equals("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(
                    sign * Integer.parseInt(m.group(g + 1)),
                    sign * Integer.parseInt(m.group(g + 2)));
        }
        String zone =
                m.groupCount() < g + 3 || m.group(g + 3) == null
                        ? ""
                        : LowerCase.of(m.group(g + 3));
        return ZoneOffset.ofHours(ZONE_HOURS.getOrDefault(zone, 0));
    }

    private static String withoutComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
