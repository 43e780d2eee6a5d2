package org.filtermx.infrastructure.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The leading value and the parameters of a Content-Type or Content-Disposition field (RFC 2045
 * section 5.1, RFC 2183 section 2), with RFC 2231 continuations, charsets and percent-encoding
 * resolved, so a file name reads the same however the sender split or encoded it.
 */
final class MimeParameters {

    /** Parameters beyond this many per field are ignored; real fields carry a handful. */
    private static final int MAX_PARAMETERS = 64;

    private static final int MAX_SECTIONS = 256;

    private final String value;
    private final Map<String, String> parameters;

    private MimeParameters(String value, Map<String, String> parameters) {
        this.value = value;
        this.parameters = parameters;
    }

    /** The lower-cased leading value, e.g. {@code attachment} or {@code text/plain}. */
    String value() {
        return value;
    }

    /** The named parameter, decoded; the name is matched case-insensitively. */
    Optional<String> get(String name) {
        return Optional.ofNullable(parameters.get(LowerCase.of(name)));
    }

    static MimeParameters parse(String field) {
        Tokenizer in = new Tokenizer(field == null ? "" : field);
        String value = LowerCase.of(in.until(';').strip());
        Map<String, String> plain = new HashMap<>();
        Map<String, TreeMap<Integer, Section>> extended = new HashMap<>();
        int count = 0;
        while (in.skip(';') && count++ < MAX_PARAMETERS) {
            String name = LowerCase.of(in.until('=').strip());
            if (!in.skip('=') || name.isEmpty()) {
                in.until(';');
                continue;
            }
            String raw = in.parameterValue();
            addParameter(name, raw, plain, extended);
        }
        Map<String, String> decoded = new HashMap<>();
        plain.forEach((name, raw) -> decoded.put(name, MimeMessageParser.decodeHeader(raw)));
        // RFC 2231 section 4: an extended value wins over a plain one of the same name.
        extended.forEach((name, sections) -> decoded.put(name, joinSections(sections)));
        return new MimeParameters(value, decoded);
    }

    private static void addParameter(
            String name,
            String raw,
            Map<String, String> plain,
            Map<String, TreeMap<Integer, Section>> extended) {
        int star = name.indexOf('*');
        if (star < 0) {
            plain.putIfAbsent(name, raw);
            return;
        }
        String base = name.substring(0, star);
        String rest = name.substring(star + 1);
        boolean encoded = rest.endsWith("*") || rest.isEmpty();
        String number = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
        int index = 0;
        if (!number.isEmpty()) {
            try {
                index = Integer.parseInt(number);
            } catch (NumberFormatException notASection) {
                return;
            }
        }
        if (index < 0 || index >= MAX_SECTIONS) {
            return;
        }
        extended.computeIfAbsent(base, b -> new TreeMap<>())
                .putIfAbsent(index, new Section(raw, encoded));
    }

    /** RFC 2231 sections 3 and 4: the first section may start with {@code charset'language'}. */
    private static String joinSections(TreeMap<Integer, Section> sections) {
        String charsetLabel = null;
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (Map.Entry<Integer, Section> entry : sections.entrySet()) {
            Section section = entry.getValue();
            String raw = section.raw();
            if (entry.getKey() == 0 && section.encoded()) {
                int first = raw.indexOf('\'');
                int second = first < 0 ? -1 : raw.indexOf('\'', first + 1);
                if (second > 0) {
                    charsetLabel = raw.substring(0, first);
                    raw = raw.substring(second + 1);
                }
            }
            if (section.encoded()) {
                percentDecode(raw, pending);
            } else {
                flush(pending, charsetLabel, text);
                text.append(raw);
            }
        }
        flush(pending, charsetLabel, text);
        return text.toString();
    }

    private static void flush(ByteArrayOutputStream pending, String charset, StringBuilder text) {
        if (pending.size() > 0) {
            text.append(pending.toString(TextCharsets.forLabel(charset)));
            pending.reset();
        }
    }

    private static void percentDecode(String raw, ByteArrayOutputStream out) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%'
                    && i + 2 < raw.length()
                    && isHex(raw.charAt(i + 1))
                    && isHex(raw.charAt(i + 2))) {
                out.write(
                        Character.digit(raw.charAt(i + 1), 16) * 16
                                + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private record Section(String raw, boolean encoded) {}

    /** Reads the RFC 2045 grammar leniently: tokens, quoted strings with backslash escapes. */
    private static final class Tokenizer {
        private final String s;
        private int pos;

        Tokenizer(String s) {
            this.s = s;
        }

        String until(char stop) {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != stop) {
                if (s.charAt(pos) == '"') {
                    skipQuoted();
                } else {
                    pos++;
                }
            }
            return s.substring(start, pos);
        }

        boolean skip(char expected) {
            if (pos < s.length() && s.charAt(pos) == expected) {
                pos++;
                return true;
            }
            return false;
        }

        String parameterValue() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            if (pos < s.length() && s.charAt(pos) == '"') {
                StringBuilder out = new StringBuilder();
                pos++;
                while (pos < s.length() && s.charAt(pos) != '"') {
                    char c = s.charAt(pos++);
                    if (c == '\\' && pos < s.length()) {
                        c = s.charAt(pos++);
                    }
                    out.append(c);
                }
                pos = Math.min(pos + 1, s.length());
                until(';');
                return out.toString();
            }
            return until(';').strip();
        }

        private void skipQuoted() {
            pos++;
            while (pos < s.length() && s.charAt(pos) != '"') {
                pos += s.charAt(pos) == '\\' ? 2 : 1;
            }
            pos = Math.min(pos + 1, s.length());
        }
    }
}
