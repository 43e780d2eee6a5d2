package org.filtermx.infrastructure.filter.auth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Expands the macros of a domain-spec (RFC 7208 section 7): {@code %{s}}, {@code %{l}}, {@code
 * %{o}}, {@code %{d}}, {@code %{i}}, {@code %{p}}, {@code %{v}}, {@code %{h}} with the digit and
 * {@code r} transformers and delimiters, and the escapes {@code %%}, {@code %_}, {@code %-}.
 *
 * @param sender the full sender, {@code postmaster@domain} when it had no local-part
 * @param domain the current domain, which changes with include and redirect
 */
record SpfMacro(String sender, String domain, InetAddress ip, String helo) {

    /** Section 7.3: a longer expanded name loses labels from the left. */
    private static final int MAX_NAME_LENGTH = 253;

    private static final String DELIMITERS = ".-+,/_=";

    /** Fails with permerror unless every macro in {@code spec} is well formed. */
    static void validate(String spec) throws SpfException {
        new SpfMacro("postmaster@invalid", "invalid", InetAddress.getLoopbackAddress(), "invalid")
                .expand(spec);
    }

    SpfMacro withDomain(String newDomain) {
        return new SpfMacro(sender, newDomain, ip, helo);
    }

    /** The expanded domain-spec, shortened to the length DNS allows. */
    String expandDomain(String spec) throws SpfException {
        String name = expand(spec);
        while (name.length() > MAX_NAME_LENGTH && name.indexOf('.') >= 0) {
            name = name.substring(name.indexOf('.') + 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    String expand(String spec) throws SpfException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw SpfException.permanent("invalid character in " + spec);
            }
            if (c != '%') {
                out.append(c);
                continue;
            }
            char next = i + 1 < spec.length() ? spec.charAt(i + 1) : ' ';
            switch (next) {
                case '%':
                    out.append('%');
                    i++;
                    break;
                case '_':
                    out.append(' ');
                    i++;
                    break;
                case '-':
                    out.append("%20");
                    i++;
                    break;
                case '{':
                    int close = spec.indexOf('}', i);
                    if (close < 0) {
                        throw SpfException.permanent("unterminated macro in " + spec);
                    }
                    out.append(macro(spec.substring(i + 2, close)));
                    i = close;
                    break;
                default:
                    throw SpfException.permanent("bare % in " + spec);
            }
        }
        return out.toString();
    }

    /** One {@code %{...}} body: letter, optional digits, optional r, delimiters. */
    private String macro(String body) throws SpfException {
        if (body.isEmpty()) {
            throw SpfException.permanent("empty macro");
        }
        char letter = body.charAt(0);
        int pos = 1;
        while (pos < body.length() && Character.isDigit(body.charAt(pos))) {
            pos++;
        }
        int keep = pos > 1 ? parseDigits(body.substring(1, pos)) : -1;
        boolean reverse =
                pos < body.length() && (body.charAt(pos) == 'r' || body.charAt(pos) == 'R');
        if (reverse) {
            pos++;
        }
        String delimiters = body.substring(pos);
        for (char d : delimiters.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw SpfException.permanent("bad delimiter in %{" + body + "}");
            }
        }
        String value =
                transform(value(letter), keep, reverse, delimiters.isEmpty() ? "." : delimiters);
        return Character.isUpperCase(letter) ? urlEscape(value) : value;
    }

    private static int parseDigits(String digits) throws SpfException {
        int keep = digits.length() > 3 ? 1000 : Integer.parseInt(digits);
        if (keep == 0) {
            throw SpfException.permanent("zero digit transformer");
        }
        return keep;
    }

    private String value(char letter) throws SpfException {
        int at = sender.lastIndexOf('@');
        switch (Character.toLowerCase(letter)) {
            case 's':
                return sender;
            case 'l':
                return sender.substring(0, at);
            case 'o':
                return sender.substring(at + 1);
            case 'd':
                return domain;
            case 'i':
                return dotted(ip);
            case 'p':
                // Section 7.3 discourages %{p}; "unknown" is the allowed unvalidated value.
                return "unknown";
            case 'v':
                return ip instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h':
                return helo;
            default:
                // c, r and t are for exp text only, which this gateway never evaluates.
                throw SpfException.permanent("macro letter " + letter + " not allowed here");
        }
    }

    private static String transform(String value, int keep, boolean reverse, String delimiters) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (delimiters.indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep > 0 && keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        return String.join(".", parts);
    }

    /** IPv4 as a dotted quad, IPv6 as dot-separated nibbles (section 7.3). */
    private static String dotted(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        StringBuilder nibbles = new StringBuilder();
        for (byte b : ip.getAddress()) {
            nibbles.append(Character.forDigit((b >> 4) & 0xf, 16)).append('.');
            nibbles.append(Character.forDigit(b & 0xf, 16)).append('.');
        }
        return nibbles.substring(0, nibbles.length() - 1);
    }

    /** Section 7.3: an upper-case macro letter URL-escapes all but RFC 3986 unreserved. */
    private static String urlEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
