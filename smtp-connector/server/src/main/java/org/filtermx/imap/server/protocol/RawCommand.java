package org.filtermx.imap.server.protocol;

import java.util.List;

/**
 * One command as framed from the wire: its lines without CRLF, and the literal that follows each
 * line ending in a literal marker ({@code {n}} or {@code {n+}}, RFC 3501 section 4.3, RFC 7888);
 * line {@code i} is followed by literal {@code i} when there is one.
 */
public record RawCommand(List<String> lines, List<Literal> literals) {

    public RawCommand {
        lines = List.copyOf(lines);
        literals = List.copyOf(literals);
        if (lines.isEmpty() || literals.size() >= lines.size()) {
            throw new IllegalArgumentException("each literal is followed by a line");
        }
    }

    public static RawCommand of(String line) {
        return new RawCommand(List.of(line), List.of());
    }

    /** Deletes the literals' temporary files. */
    public void discard() {
        literals.forEach(Literal::discard);
    }
}
