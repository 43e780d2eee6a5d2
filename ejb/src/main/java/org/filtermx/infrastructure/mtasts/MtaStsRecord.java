package org.filtermx.infrastructure.mtasts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code _mta-sts} TXT records of a domain (RFC 8461 section 3.1): records that do not
 * begin with {@code v=STSv1;} are discarded; unless exactly one remains and it is well formed
 * ({@code v=STSv1; id=<1 to 32 letters and digits>}, other {@code name=value} fields ignored), the
 * domain has no policy. One linear scan per record, no regular expressions.
 */
final class MtaStsRecord {

    /** Longer records are not read: a real one is some 40 characters. */
    static final int MAX_RECORD_LENGTH = 1024;

    static final int MAX_ID_LENGTH = 32;

    private static final String VERSION = "v=STSv1";

    private MtaStsRecord() {}

    /** The id of the single valid record among {@code texts}, or empty when there is none. */
    static Optional<String> id(List<String> texts) {
        List<String> candidates = new ArrayList<>();
        for (String text : texts) {
            if (text != null && startsWithVersion(text)) {
                candidates.add(text);
            }
        }
        if (candidates.size() != 1) {
            return Optional.empty();
        }
        return parse(candidates.get(0));
    }

    /** Whether the record begins with {@code v=STSv1} followed by the separator. */
    private static boolean startsWithVersion(String text) {
        if (!text.startsWith(VERSION)) {
            return false;
        }
        int i = skipSpace(text, VERSION.length());
        return i < text.length() && text.charAt(i) == ';';
    }

    /** The id of one record that starts with the version, if the rest is well formed. */
    static Optional<String> parse(String text) {
        if (text.length() > MAX_RECORD_LENGTH || !startsWithVersion(text)) {
            return Optional.empty();
        }
        String id = null;
        int i = VERSION.length();
        while (i < text.length()) {
            // sts-sep = *WSP ";" *WSP
            i = skipSpace(text, i);
            if (i >= text.length()) {
                break;
            }
            if (text.charAt(i) != ';') {
                return Optional.empty();
            }
            i = skipSpace(text, i + 1);
            if (i >= text.length()) {
                break; // a trailing separator is allowed
            }
            int nameStart = i;
            while (i < text.length() && isNameChar(text.charAt(i))) {
                i++;
            }
            if (i == nameStart || i >= text.length() || text.charAt(i) != '=') {
                return Optional.empty();
            }
            String name = text.substring(nameStart, i);
            int valueStart = ++i;
            while (i < text.length() && isValueChar(text.charAt(i))) {
                i++;
            }
            if (i == valueStart) {
                return Optional.empty();
            }
            String value = text.substring(valueStart, i);
            if (name.equals("id")) {
                if (id != null || !isId(value)) {
                    return Optional.empty();
                }
                id = value;
            }
        }
        return Optional.ofNullable(id);
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** sts-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".") */
    private static boolean isNameChar(char c) {
        return isAlphaNum(c) || c == '_' || c == '-' || c == '.';
    }

    /** sts-ext-value = 1*(%x21-3A / %x3C / %x3E-7E): visible characters but ";" and "=". */
    private static boolean isValueChar(char c) {
        return c >= 0x21 && c <= 0x7e && c != ';' && c != '=';
    }

    /** sts-id = 1*32(ALPHA / DIGIT) */
    private static boolean isId(String value) {
        if (value.isEmpty() || value.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isAlphaNum(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphaNum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
