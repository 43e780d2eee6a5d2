package org.filtermx.imap.server.message;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Reads a Date field (RFC 5322 section 3.3) leniently, obsolete forms of section 4.3 included: no
 * weekday, two- and three-digit years, named zones (UT, GMT, EST...), comments, and the asctime
 * order "Jan 1 10:00:00 2020". Hand-written over tokens; null when no date can be read.
 */
final class DateFieldParser {

    /** Only the start of a long value is looked at. */
    private static final int MAX_LENGTH = 256;

    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };

    private int day = -1;
    private int month = -1;
    private int year = -1;
    private int hour;
    private int minute;
    private int second;
    private boolean timeSeen;
    private int offsetMinutes;
    private boolean zoneSeen;

    private DateFieldParser() {}

    static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        String s = value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
        return new DateFieldParser().read(withoutComments(s));
    }

    private static String withoutComments(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
                sb.append(' ');
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private Instant read(String s) {
        int pos = 0;
        int n = s.length();
        while (pos < n) {
            while (pos < n && separator(s.charAt(pos))) {
                pos++;
            }
            int start = pos;
            while (pos < n && !separator(s.charAt(pos))) {
                pos++;
            }
            if (pos > start) {
                token(s.substring(start, pos));
            }
        }
        if (day < 1 || month < 0 || year < 0) {
            return null;
        }
        try {
            LocalDateTime t =
                    LocalDateTime.of(year, month + 1, day, hour, minute, Math.min(second, 59));
            return t.toInstant(ZoneOffset.UTC).minusSeconds(offsetMinutes * 60L);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',';
    }

    private void token(String t) {
        char first = t.charAt(0);
        if (t.indexOf('/') >= 0) {
            slashed(t);
        } else if (t.indexOf(':') >= 0) {
            if (!timeSeen) {
                time(t);
            }
        } else if ((first == '+' || first == '-') && t.length() == 5 && digits(t, 1)) {
            if (!zoneSeen) {
                int hh = Integer.parseInt(t.substring(1, 3));
                int mm = Integer.parseInt(t.substring(3, 5));
                offsetMinutes = (first == '-' ? -1 : 1) * (hh * 60 + mm);
                zoneSeen = true;
            }
        } else if (digits(t, 0)) {
            number(t);
        } else if (letters(t)) {
            word(t.toLowerCase(Locale.ROOT));
        }
    }

    private void number(String t) {
        if (t.length() > 4) {
            return;
        }
        int v = Integer.parseInt(t);
        if (t.length() <= 2 && day < 0 && year < 0) {
            day = v;
        } else if (year < 0) {
            // RFC 5322 section 4.3: two digits are 1950-2049, three digits add 1900.
            if (t.length() <= 2) {
                year = v < 50 ? 2000 + v : 1900 + v;
            } else if (t.length() == 3) {
                year = 1900 + v;
            } else {
                year = v;
            }
        } else if (day < 0 && t.length() <= 2) {
            day = v; // "2020 Jan 1"
        }
    }

    private void word(String w) {
        if (month < 0 && w.length() >= 3) {
            for (int i = 0; i < MONTHS.length; i++) {
                if (w.startsWith(MONTHS[i])) {
                    month = i;
                    return;
                }
            }
        }
        if (zoneSeen) {
            return;
        }
        Integer hours = zoneHours(w);
        if (hours != null) {
            offsetMinutes = hours * 60;
            zoneSeen = true;
        }
    }

    /** RFC 5322 section 4.3 obsolete zones; military letters count as -0000 (unknown). */
    private static Integer zoneHours(String w) {
        switch (w) {
            case "ut":
            case "utc":
            case "gmt":
            case "z":
                return 0;
            case "edt":
                return -4;
            case "est":
            case "cdt":
                return -5;
            case "cst":
            case "mdt":
                return -6;
            case "mst":
            case "pdt":
                return -7;
            case "pst":
                return -8;
            default:
                return w.length() == 1 ? 0 : null;
        }
    }

    /** Not RFC 5322 but seen in the wild: "2002/09/14" (year first) or "09/14/2002" (US order). */
    private void slashed(String t) {
        int a = t.indexOf('/');
        int b = t.indexOf('/', a + 1);
        if (b < 0 || t.indexOf('/', b + 1) >= 0 || day >= 0 || month >= 0 || year >= 0) {
            return;
        }
        String p1 = t.substring(0, a);
        String p2 = t.substring(a + 1, b);
        String p3 = t.substring(b + 1);
        if (!digits(p1, 0)
                || !digits(p2, 0)
                || !digits(p3, 0)
                || p1.length() > 4
                || p2.length() > 2
                || p3.length() > 4) {
            return;
        }
        boolean yearFirst = p1.length() == 4;
        if (!yearFirst && p3.length() != 4) {
            return;
        }
        year = Integer.parseInt(yearFirst ? p1 : p3);
        month = Integer.parseInt(yearFirst ? p2 : p1) - 1;
        day = Integer.parseInt(yearFirst ? p3 : p2);
        if (month < 0 || month > 11) {
            day = month = year = -1;
        }
    }

    private void time(String t) {
        int[] parts = new int[3];
        int count = 0;
        int start = 0;
        for (int i = 0; i <= t.length(); i++) {
            if (i == t.length() || t.charAt(i) == ':') {
                if (count >= 3
                        || i == start
                        || i - start > 2
                        || !digits(t.substring(start, i), 0)) {
                    return;
                }
                parts[count++] = Integer.parseInt(t.substring(start, i));
                start = i + 1;
            }
        }
        if (count < 2 || parts[0] > 23 || parts[1] > 59 || parts[2] > 60) {
            return;
        }
        hour = parts[0];
        minute = parts[1];
        second = parts[2];
        timeSeen = true;
    }

    private static boolean digits(String t, int from) {
        if (from >= t.length()) {
            return false;
        }
        for (int i = from; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean letters(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
