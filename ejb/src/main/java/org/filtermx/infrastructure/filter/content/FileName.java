package org.filtermx.infrastructure.filter.content;

import java.text.Normalizer;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * A file name as Windows would treat it when opened: invisible and direction-changing characters
 * removed, compatibility forms folded, trailing dots and spaces dropped, so that {@code
 * invoice\u202Efdp.exe} and {@code invoice.pdf .exe.} both show their real extension.
 */
final class FileName {

    /** White space characters before the extension that count as hiding it. */
    private static final int PADDING = 3;

    private final String original;
    private final String normalized;
    private final boolean hadDirectionTricks;

    private FileName(String original, String normalized, boolean hadDirectionTricks) {
        this.original = original;
        this.normalized = normalized;
        this.hadDirectionTricks = hadDirectionTricks;
    }

    static FileName of(String name) {
        String original = name == null ? "" : name;
        // Only the last path element names the file (archives and some mailers send paths).
        int slash = Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\'));
        String base = original.substring(slash + 1);
        StringBuilder visible = new StringBuilder(base.length());
        boolean tricks = false;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            i += Character.charCount(cp);
            if (isDirectionControl(cp)) {
                tricks = true;
            } else if (!isInvisible(cp)) {
                visible.appendCodePoint(cp);
            }
        }
        String folded = Normalizer.normalize(visible, Normalizer.Form.NFKC);
        // Windows ignores trailing dots and spaces in file names. A scan from the end, not a
        // regular expression: "[.\\s]+$" retried at every dot of a 100,000-dot name (quadratic).
        int end = folded.length();
        while (end > 0 && (folded.charAt(end - 1) == '.' || isSpace(folded.charAt(end - 1)))) {
            end--;
        }
        String trimmed = folded.substring(0, end).strip();
        return new FileName(original, LowerCase.of(trimmed), tricks);
    }

    String original() {
        return original;
    }

    /** The text after the last dot, lower case; empty when there is none. */
    String extension() {
        int dot = normalized.lastIndexOf('.');
        return dot < 0 ? "" : normalized.substring(dot + 1).strip();
    }

    /**
     * The extension before the real one, e.g. {@code pdf} for {@code invoice.pdf.exe}; empty when
     * there is none. Found from the end, so a name of many dots costs one pass.
     */
    String decoyExtension() {
        int last = normalized.lastIndexOf('.');
        if (last <= 0) {
            return "";
        }
        int previous = normalized.lastIndexOf('.', last - 1);
        return previous < 0 ? "" : normalized.substring(previous + 1, last).strip();
    }

    /** Whether the visible name pads the real extension away with a run of white space. */
    boolean padsBeforeExtension() {
        int dot = normalized.lastIndexOf('.');
        if (dot <= 2) {
            return false;
        }
        int spaces = 0;
        for (int i = dot - 1; i >= 0 && isSpace(normalized.charAt(i)) && spaces < PADDING; i--) {
            spaces++;
        }
        return spaces >= PADDING;
    }

    boolean hadDirectionTricks() {
        return hadDirectionTricks;
    }

    /** The characters {@code \\s} matches in a Java regular expression. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /**
     * Explicit embedding, override and isolate controls (Unicode Bidirectional Algorithm, UAX 9).
     */
    private static boolean isDirectionControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static boolean isInvisible(int cp) {
        return cp == 0x200B
                || cp == 0x200C
                || cp == 0x200D
                || cp == 0x200E
                || cp == 0x200F
                || cp == 0x061C
                || cp == 0xFEFF
                || Character.getType(cp) == Character.CONTROL;
    }
}
