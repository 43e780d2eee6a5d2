package org.filtermx.imap.server.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-written, linear tokenizer over one {@link RawCommand} (RFC 3501 section 9, formal syntax):
 * atoms, quoted strings with their two escapes, literals, parenthesized lists and the end of the
 * command. Every method consumes what it returns or throws {@link BadCommand}; no regular
 * expression touches client input.
 */
public final class CommandCursor {

    /** Most elements in one parenthesized list (flags, fetch items, header names). */
    static final int LIST_LIMIT = 1000;

    private final RawCommand command;
    private int line;
    private String text;
    private int pos;

    public CommandCursor(RawCommand command) {
        this.command = command;
        this.text = command.lines().get(0);
    }

    public boolean atEnd() {
        return pos >= text.length() && line >= command.literals().size();
    }

    /** Whether the next character is {@code c} (false at a literal or the end). */
    public boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    /** Consumes {@code c} if it is next. */
    public boolean skip(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes {@code keyword} (any case) if the line continues with it. */
    public boolean skipKeyword(String keyword) {
        if (text.regionMatches(true, pos, keyword, 0, keyword.length())) {
            pos += keyword.length();
            return true;
        }
        return false;
    }

    public void expect(char c) throws BadCommand {
        if (!skip(c)) {
            throw new BadCommand("Expected '" + c + "'");
        }
    }

    public void space() throws BadCommand {
        expect(' ');
    }

    public void end() throws BadCommand {
        if (!atEnd()) {
            throw new BadCommand("Unexpected extra arguments");
        }
    }

    /**
     * An atom (RFC 3501 atom, plus {@code ]} which astrings allow): up to a space, parenthesis,
     * quote, brace or the end. {@code extra} names more characters that end it (e.g. {@code [}).
     */
    public String atom(String extra) throws BadCommand {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c <= ' '
                    || c >= 0x7f
                    || c == '('
                    || c == ')'
                    || c == '"'
                    || c == '{'
                    || extra.indexOf(c) >= 0) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw new BadCommand("Expected an atom");
        }
        return text.substring(start, pos);
    }

    public String atom() throws BadCommand {
        return atom("");
    }

    /** An atom in upper case, for keywords. */
    public String keyword() throws BadCommand {
        return atom("[").toUpperCase(Locale.ROOT);
    }

    /** A quoted string, a literal or an atom (RFC 3501 astring). */
    public String astring() throws BadCommand {
        if (peek('"')) {
            return quoted();
        }
        if (atLiteral()) {
            return literal().text();
        }
        return atom();
    }

    /** A quoted string or a literal (RFC 3501 string). */
    public String string() throws BadCommand {
        if (peek('"')) {
            return quoted();
        }
        if (atLiteral()) {
            return literal().text();
        }
        throw new BadCommand("Expected a string");
    }

    /** A string or NIL (RFC 3501 nstring); NIL is null. */
    public String nstring() throws BadCommand {
        if (peek('"') || atLiteral()) {
            return string();
        }
        String atom = atom();
        if (!atom.equalsIgnoreCase("NIL")) {
            throw new BadCommand("Expected a string or NIL");
        }
        return null;
    }

    private String quoted() throws BadCommand {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char escaped = text.charAt(pos++);
                if (escaped != '"' && escaped != '\\') {
                    throw new BadCommand("Bad escape in quoted string");
                }
                c = escaped;
            }
            value.append(c);
        }
        throw new BadCommand("Unterminated quoted string");
    }

    /** Whether a literal starts here: the line's rest is its marker and a literal follows. */
    public boolean atLiteral() {
        if (!peek('{') || line >= command.literals().size() || !text.endsWith("}")) {
            return false;
        }
        // The rest of the line must be the marker itself: {digits} or {digits+}.
        int end = text.length() - 1;
        if (text.charAt(end - 1) == '+') {
            end--;
        }
        if (end <= pos + 1) {
            return false;
        }
        for (int i = pos + 1; i < end; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The literal that starts here (its marker is the rest of the line). */
    public Literal literal() throws BadCommand {
        if (!atLiteral()) {
            throw new BadCommand("Expected a literal");
        }
        Literal literal = command.literals().get(line);
        line++;
        text = command.lines().get(line);
        pos = 0;
        return literal;
    }

    /** A parenthesized list of atoms (flags, header names as astrings). */
    public List<String> list(boolean astrings) throws BadCommand {
        expect('(');
        List<String> items = new ArrayList<>();
        while (!skip(')')) {
            if (!items.isEmpty()) {
                space();
            }
            items.add(astrings ? astring() : atom());
            if (items.size() > LIST_LIMIT) {
                throw new BadCommand("Too many list elements");
            }
        }
        return items;
    }

    /** A number of at most 10 digits (RFC 3501 number, a 32-bit unsigned value). */
    public long number() throws BadCommand {
        int start = pos;
        long value = 0;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - start < 10) {
            value = value * 10 + (text.charAt(pos) - '0');
            pos++;
        }
        if (pos == start
                || value > 0xFFFF_FFFFL
                || (pos < text.length() && Character.isDigit(text.charAt(pos)))) {
            throw new BadCommand("Expected a number");
        }
        return value;
    }

    /** A sequence set (RFC 3501 sequence-set). */
    public SequenceSet sequenceSet() throws BadCommand {
        return SequenceSet.parse(this);
    }

    /**
     * The raw text up to the next {@code ]} outside quotes on this line, consumed with the {@code
     * ]} (a FETCH section spec, RFC 3501 section 6.4.5).
     */
    public String bracketed() throws BadCommand {
        int start = pos;
        boolean quoted = false;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (quoted && c == '\\') {
                pos++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ']') {
                return text.substring(start, pos - 1);
            }
        }
        throw new BadCommand("Unterminated section");
    }

    /** The rest of the current line, consumed (for ENABLE's list and the like). */
    public String restOfLine() {
        String rest = text.substring(pos);
        pos = text.length();
        return rest;
    }
}
