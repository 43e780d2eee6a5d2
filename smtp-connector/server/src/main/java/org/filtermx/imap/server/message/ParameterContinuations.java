package org.filtermx.imap.server.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins RFC 2231 section 3 parameter continuations ({@code name*0=...; name*1=...}) into one
 * parameter, as Dovecot does for BODYSTRUCTURE: plain segments give {@code name}, a value with an
 * encoded segment gives {@code name*} with the {@code charset'language'} prefix of segment 0 kept
 * and plain segments percent-encoded. Values are not decoded: clients do that.
 */
final class ParameterContinuations {

    /** Segments beyond this number are ignored. */
    static final int MAX_SEGMENTS = 100;

    private ParameterContinuations() {}

    private static final class Joined {
        final String name;
        final TreeMap<Integer, MimeValue.Param> segments = new TreeMap<>();
        boolean extended;

        Joined(String name) {
            this.name = name;
        }
    }

    static List<MimeValue.Param> join(List<MimeValue.Param> params) {
        boolean any = false;
        for (MimeValue.Param p : params) {
            if (segment(p.name()) >= 0) {
                any = true;
                break;
            }
        }
        if (!any) {
            return params;
        }
        // Output order: each plain parameter where it stands, each joined one at its first segment.
        List<Object> order = new ArrayList<>();
        Map<String, Joined> joined = new LinkedHashMap<>();
        for (MimeValue.Param p : params) {
            int n = segment(p.name());
            if (n < 0) {
                order.add(p);
                continue;
            }
            String base = p.name().substring(0, p.name().indexOf('*'));
            Joined j = joined.get(base.toLowerCase(Locale.ROOT));
            if (j == null) {
                j = new Joined(base);
                joined.put(base.toLowerCase(Locale.ROOT), j);
                order.add(j);
            }
            if (n < MAX_SEGMENTS) {
                j.segments.putIfAbsent(n, p);
                j.extended |= p.name().endsWith("*");
            }
        }
        List<MimeValue.Param> out = new ArrayList<>(order.size());
        for (Object o : order) {
            out.add(o instanceof MimeValue.Param p ? p : value((Joined) o));
        }
        return out;
    }

    private static MimeValue.Param value(Joined j) {
        StringBuilder sb = new StringBuilder();
        int expected = 0;
        for (Map.Entry<Integer, MimeValue.Param> e : j.segments.entrySet()) {
            if (e.getKey() != expected++) {
                break; // RFC 2231: a gap ends the value
            }
            MimeValue.Param p = e.getValue();
            if (!j.extended || p.name().endsWith("*")) {
                sb.append(p.value());
            } else if (e.getKey() == 0) {
                sb.append("''").append(percentEncoded(p.value()));
            } else {
                sb.append(percentEncoded(p.value()));
            }
        }
        return new MimeValue.Param(j.extended ? j.name + "*" : j.name, sb.toString());
    }

    /** The segment number of {@code name*N} or {@code name*N*}, else -1. */
    static int segment(String name) {
        int star = name.indexOf('*');
        if (star <= 0) {
            return -1;
        }
        int end =
                name.endsWith("*") && name.length() > star + 1 ? name.length() - 1 : name.length();
        if (end - star - 1 < 1 || end - star - 1 > 3) {
            return -1;
        }
        int n = 0;
        for (int i = star + 1; i < end; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** RFC 2231 section 7: everything but attribute-chars percent-encoded. */
    private static String percentEncoded(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x20 && c < 0x7f && "*'%()<>@,;:\\\"/[]?=".indexOf(c) < 0) {
                sb.append(c);
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)));
                sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
