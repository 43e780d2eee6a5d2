package org.filtermx.infrastructure.filter.bayes;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokens for e-mail addresses, in header fields and in text: the whole address, its domain and the
 * domain's parents (so that {@code mx3.bulk.example.com} also counts as {@code example.com}), each
 * under the prefix of where it was found.
 */
final class AddressTokens {

    private static final Pattern ADDRESS =
            Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+");
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
        Matcher m = ADDRESS.matcher(value);
        int found = 0;
        StringBuilder rest = new StringBuilder(value.length());
        int last = 0;
        while (m.find()) {
            if (found < MAX_PER_FIELD) {
                add(sink, prefix, m.group());
                found++;
            }
            rest.append(value, last, m.start()).append(' ');
            last = m.end();
        }
        rest.append(value, last, value.length());
        if (found == 0) {
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

    /** Adds tokens for one address: the address itself and its domain. */
    static void add(TokenSet sink, String prefix, String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (a.length() <= MAX_ADDRESS) {
            sink.add(prefix + ":addr:" + a);
        }
        addDomain(sink, prefix, a);
    }

    /** Adds tokens for the domain of one address only, for identifiers unique to a message. */
    static void addDomain(TokenSet sink, String prefix, String address) {
        String a = address.toLowerCase(Locale.ROOT);
        String domain = a.substring(a.lastIndexOf('@') + 1);
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        HostTokens.add(sink, prefix + ":domain:", domain);
    }
}
