package org.filtermx.imap.server.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an address list (RFC 5322 section 3.4, with the obsolete routes of section 4.4) into the
 * address structures of an ENVELOPE (RFC 3501 section 7.4.2): name, source route, mailbox and host;
 * a group opens with (NIL NIL "name" NIL) and closes with (NIL NIL NIL NIL). One pass over tokens;
 * anything unreadable becomes a mailbox with the text as written.
 */
final class AddressList {

    /** At most this many addresses are read from one field. */
    static final int MAX_ADDRESSES = 1000;

    /** One ENVELOPE address; all null but mailbox for a group start, all null for a group end. */
    record Address(String name, String adl, String mailbox, String host) {}

    private enum Kind {
        WORD,
        QUOTED,
        SPECIAL,
        COMMENT
    }

    private record Token(Kind kind, String text, String raw) {
        boolean is(char c) {
            return kind == Kind.SPECIAL && text.charAt(0) == c;
        }
    }

    private AddressList() {}

    /** The addresses in {@code value} (raw, unfolded), possibly empty. */
    static List<Address> parse(String value) {
        List<Token> tokens = tokenize(value);
        List<Address> out = new ArrayList<>();
        List<Token> cur = new ArrayList<>();
        boolean inGroup = false;
        boolean curHasAt = false; // kept, not recomputed: a run of ':' must stay linear
        String comment = null; // "joe@x.org (Joe)": the comment names a bare addr-spec
        for (int i = 0; i < tokens.size() && out.size() < MAX_ADDRESSES; i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.COMMENT) {
                comment = t.text().isEmpty() ? comment : t.text();
                continue;
            }
            if (t.is(':') && !inGroup && !curHasAt) {
                String group = phrase(cur);
                // A nameless group still opens with a non-NIL mailbox: NIL would close a group.
                out.add(new Address(null, null, group == null ? "" : group, null));
                inGroup = true;
                cur.clear();
            } else if (t.is('<')) {
                List<Token> angle = new ArrayList<>();
                i++;
                while (i < tokens.size() && !tokens.get(i).is('>')) {
                    if (tokens.get(i).kind() != Kind.COMMENT) {
                        angle.add(tokens.get(i));
                    }
                    i++;
                }
                out.add(routeAddr(phrase(cur), angle));
                cur.clear();
                // Skip what follows up to the next separator (garbage after '>').
                while (i + 1 < tokens.size()
                        && !tokens.get(i + 1).is(',')
                        && !tokens.get(i + 1).is(';')) {
                    i++;
                }
            } else if (t.is(',')) {
                addSpec(out, cur, comment);
            } else if (t.is(';')) {
                addSpec(out, cur, comment);
                if (inGroup) {
                    out.add(new Address(null, null, null, null));
                    inGroup = false;
                }
            } else {
                cur.add(t);
                curHasAt |= t.is('@');
                continue;
            }
            curHasAt = !cur.isEmpty() && curHasAt;
            comment = null;
        }
        addSpec(out, cur, comment);
        if (inGroup) {
            out.add(new Address(null, null, null, null));
        }
        return out;
    }

    private static void addSpec(List<Address> out, List<Token> cur, String comment) {
        if (!cur.isEmpty()) {
            out.add(addrSpec(comment, null, cur));
            cur.clear();
        }
    }

    /** RFC 5322 angle-addr, with an obsolete route "@a,@b:" kept as the adl. */
    private static Address routeAddr(String name, List<Token> angle) {
        int colon = -1;
        for (int i = 0; i < angle.size(); i++) {
            if (angle.get(i).is(':')) {
                colon = i;
                break;
            }
        }
        String adl = null;
        List<Token> spec = angle;
        if (colon >= 0) {
            adl = join(angle.subList(0, colon));
            spec = angle.subList(colon + 1, angle.size());
        }
        return addrSpec(name, adl, spec);
    }

    private static Address addrSpec(String name, String adl, List<Token> spec) {
        int at = -1;
        for (int i = spec.size() - 1; i >= 0; i--) {
            if (spec.get(i).is('@')) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            // No domain: an empty host, never NIL (NIL host marks group syntax).
            return new Address(name, adl, join(spec), "");
        }
        return new Address(
                name, adl, join(spec.subList(0, at)), join(spec.subList(at + 1, spec.size())));
    }

    /** Tokens as written, without blanks (local parts and domains). */
    private static String join(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            sb.append(t.raw());
        }
        return sb.toString();
    }

    /**
     * A display name: words joined by one space, quoted strings unquoted, specials such as a stray
     * '@' kept without spaces; null when empty.
     */
    private static String phrase(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        Kind previous = null;
        for (Token t : tokens) {
            if (previous != null && previous != Kind.SPECIAL && t.kind() != Kind.SPECIAL) {
                sb.append(' ');
            }
            sb.append(t.text());
            previous = t.kind();
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        MimeValue.Scanner sc = new MimeValue.Scanner(s);
        while (true) {
            while (!sc.atEnd() && Bytes.isBlank((char) sc.peek())) {
                sc.pos++;
            }
            if (sc.atEnd()) {
                return tokens;
            }
            char c = (char) sc.peek();
            if (c == '(') {
                String text = Bytes.trim(sc.skipComment());
                tokens.add(new Token(Kind.COMMENT, text, ""));
            } else if (c == '"') {
                int start = sc.pos;
                String text = sc.quoted();
                tokens.add(new Token(Kind.QUOTED, text, s.substring(start, sc.pos)));
            } else if ("<>@,;:".indexOf(c) >= 0) {
                sc.pos++;
                tokens.add(new Token(Kind.SPECIAL, String.valueOf(c), String.valueOf(c)));
            } else if (c == '[') {
                int end = s.indexOf(']', sc.pos);
                end = end < 0 ? s.length() : end + 1;
                String lit = s.substring(sc.pos, end);
                sc.pos = end;
                tokens.add(new Token(Kind.WORD, lit, lit));
            } else {
                int start = sc.pos;
                while (!sc.atEnd()) {
                    char d = (char) sc.peek();
                    if (Bytes.isBlank(d) || "<>@,;:\"()[".indexOf(d) >= 0) {
                        break;
                    }
                    sc.pos++;
                }
                if (sc.pos == start) {
                    sc.pos++; // a stray ')' or ']' etc.: skip it
                    continue;
                }
                String w = s.substring(start, sc.pos);
                tokens.add(new Token(Kind.WORD, w, w));
            }
        }
    }
}
