package org.filtermx.infrastructure.filter.bayes;

import org.filtermx.domain.model.filter.ScanInterrupted;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Tokens for e-mail addresses, in header fields and in text: the whole address, its domain and the
 * domain's parents (so that {@code mx3.bulk.example.com} also counts as {@code example.com}), each
 * under the prefix of where it was found.
 */
final class AddressTokens {

    /** Characters that end a run which may hold an address (besides white space). */
    private static final String DELIMITERS = "<>\"'(),;:[]";

    private static final int MAX_ADDRESS = 64;
    private static final int MAX_PER_FIELD = 20;

    private AddressTokens() {}

    /**
     * Adds tokens for each address in a header field's value, {@code <prefix>:none} if it has none,
     * and {@code <prefix>:name:<word>} for the words of any display name around them.
     */
    static void addField(TokenSet sink, String prefix, String value) {
        // One pass over the value: the addresses (tokens for the first few) and what is left
        // around them, the display names.
        int[] found = {0};
        int[] last = {0};
        StringBuilder rest = new StringBuilder(value.length());
        forEachAddress(
                value,
                (start, end) -> {
                    if (found[0] < MAX_PER_FIELD) {
                        add(sink, prefix, value.substring(start, end));
                        found[0]++;
                    }
                    rest.append(value, last[0], start).append(' ');
                    last[0] = end;
                });
        rest.append(value, last[0], value.length());
        if (found[0] == 0) {
            sink.add(prefix + ":none");
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '<' || c == '>' || c == '"' || c == '(' || c == ')') {
                rest.setCharAt(i, ' ');
            }
        }
        String names = rest.toString();
        if (names.isBlank()) {
            sink.add(prefix + ":noname");
        } else {
            WordTokens.add(sink, prefix + ":name:", names);
        }
    }

    /** Where an address was found: {@code value.substring(start, end)}. */
    interface AddressSpan {
        void found(int start, int end);
    }

    /**
     * Calls {@code span} for each address in {@code value}, left to right: in each run of
     * characters between delimiters, the one address that run begins with, if any.
     */
    static void forEachAddress(String value, AddressSpan span) {
        int pos = 0;
        while (pos < value.length()) {
            ScanInterrupted.checkpoint();
            if (isDelimiter(value.charAt(pos))) {
                pos++;
                continue;
            }
            int runEnd = pos;
            while (runEnd < value.length() && !isDelimiter(value.charAt(runEnd))) {
                runEnd++;
            }
            int end = addressEnd(value, pos, runEnd);
            if (end > 0) {
                span.found(pos, end);
            }
            pos = runEnd;
        }
    }

    /**
     * Where the address that a run of non-delimiters {@code [start, end)} begins with ends, or -1
     * when it holds none: the address is everything up to the last {@code @} followed by a dotted
     * domain (letters, digits, hyphens and dots, ending in a label). This is what the pattern
     * {@code [^\\s<>"'(),;:\\[\\]]+@[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+} finds, computed from the right
     * in one pass: the pattern backtracked over every '@' and dot of a long run (quadratic).
     */
    static int addressEnd(String value, int start, int end) {
        int domainEnd = end;
        for (int i = end - 1; i > start; i--) {
            char c = value.charAt(i);
            if (c == '@') {
                int addressEnd = dottedDomainEnd(value, i + 1, domainEnd);
                if (addressEnd > 0) {
                    return addressEnd;
                }
                domainEnd = i;
            } else if (!isDomainChar(c)) {
                domainEnd = i;
            }
        }
        return -1;
    }

    /**
     * The end of the dotted domain at the start of {@code [from, runEnd)}, where every character is
     * a domain character: after its last character that is not a dot, provided a dot with at least
     * one character before it precedes that; -1 otherwise.
     */
    private static int dottedDomainEnd(String value, int from, int runEnd) {
        int end = runEnd;
        while (end > from && value.charAt(end - 1) == '.') {
            end--;
        }
        for (int i = end - 2; i > from; i--) {
            if (value.charAt(i) == '.') {
                return end;
            }
        }
        return -1;
    }

    private static boolean isDomainChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '-';
    }

    /** The white space {@code \\s} stands for, and the characters no address contains. */
    private static boolean isDelimiter(char c) {
        return c == ' '
                || c == '\t'
                || c == '\n'
                || c == 0x0B
                || c == '\f'
                || c == '\r'
                || DELIMITERS.indexOf(c) >= 0;
    }

    /** Adds tokens for one address: the address itself and its domain. */
    static void add(TokenSet sink, String prefix, String address) {
        String a = LowerCase.of(address);
        if (a.length() <= MAX_ADDRESS) {
            sink.add(prefix + ":addr:" + a);
        }
        addDomain(sink, prefix, a);
    }

    /** Adds tokens for the domain of one address only, for identifiers unique to a message. */
    static void addDomain(TokenSet sink, String prefix, String address) {
        String a = LowerCase.of(address);
        HostTokens.add(
                sink,
                prefix + ":domain:",
                HostTokens.withoutTrailingDots(a.substring(a.lastIndexOf('@') + 1)));
    }
}
