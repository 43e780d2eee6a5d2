package org.filtermx.infrastructure.filter.content;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A file name as Windows would treat it when opened: invisible and direction-changing characters
 * removed, compatibility forms folded, trailing dots and spaces dropped, so that {@code
 * invoice\u202Efdp.exe} and {@code invoice.pdf .exe.} both show their real extension.
 */
final class FileName {

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
        // Windows ignores trailing dots and spaces in file names.
        String trimmed = folded.replaceAll("[.\\s]+$", "").strip();
        return new FileName(original, trimmed.toLowerCase(Locale.ROOT), tricks);
    }

    String original() {
        return original;
    }

    /** The text after the last dot, lower case; empty when there is none. */
    String extension() {
        int dot = normalized.lastIndexOf('.');
        return dot < 0 ? "" : normalized.substring(dot + 1).strip();
    }

    /** The extensions in order, e.g. {@code [pdf, exe]} for {@code invoice.pdf.exe}. */
    List<String> extensions() {
        String[] pieces = normalized.split("\\.", -1);
        return pieces.length < 2
                ? List.of()
                : Arrays.stream(pieces, 1, pieces.length).map(String::strip).toList();
    }

    /** Whether the visible name pads the real extension away with a run of white space. */
    boolean padsBeforeExtension() {
        int dot = normalized.lastIndexOf('.');
        return dot > 2 && normalized.substring(0, dot).matches("(?s).*\\s{3,}$");
    }

    boolean hadDirectionTricks() {
        return hadDirectionTricks;
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
