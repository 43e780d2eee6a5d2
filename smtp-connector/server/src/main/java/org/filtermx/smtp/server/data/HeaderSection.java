package org.filtermx.smtp.server.data;

/**
 * Measures the header section of a message as its bytes stream by (RFC 5322 section 2.1): it ends
 * at the first empty line, or at the first line that is neither a field nor a folded continuation.
 * The size of the whole section bounds every single folded field as well.
 */
final class HeaderSection {

    private enum Line {
        START,
        FIELD_NAME,
        FIELD
    }

    private boolean open = true;
    private Line line = Line.START;
    private int lineLength;
    private int size;

    /**
     * Adds one content byte (line ends included) and returns the size of the header section so far;
     * it stops growing once the section has ended.
     */
    int add(byte b) {
        if (!open) {
            return size;
        }
        size++;
        if (b == '\r' || b == '\n') {
            return size;
        }
        lineLength++;
        switch (line) {
            case START -> line = (b == ' ' || b == '\t') ? Line.FIELD : fieldNameByte(b);
            case FIELD_NAME -> line = fieldNameByte(b);
            case FIELD -> {}
        }
        return size;
    }

    /** RFC 5322 section 3.6.8: field-name = 1*ftext, ftext = %d33-57 / %d59-126, then ":". */
    private Line fieldNameByte(byte b) {
        if (b == ':' && lineLength > 1) {
            return Line.FIELD;
        }
        if (b >= 33 && b <= 126 && b != ':') {
            return Line.FIELD_NAME;
        }
        open = false;
        return Line.FIELD;
    }

    /** Whether the header section is still being read (its bytes count against its limit). */
    boolean isOpen() {
        return open;
    }

    void lineEnded() {
        if (lineLength == 0 || line == Line.FIELD_NAME) {
            open = false;
        }
        line = Line.START;
        lineLength = 0;
    }
}
