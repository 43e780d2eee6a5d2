package org.filtermx.imap.server.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.filtermx.imap.server.message.ParsedMessage;

/**
 * The data items of one FETCH (RFC 3501 section 6.4.5), parsed, with what they need from the
 * endpoint: nothing (FLAGS, UID), the header section (INTERNALDATE, RFC822.SIZE, ENVELOPE, header
 * sections) or the whole message (BODY, BODYSTRUCTURE, other sections).
 */
final class FetchRequest {

    /** How much of each message the endpoint must send. */
    enum Need {
        NONE,
        HEADER,
        CONTENT
    }

    /**
     * A body section item.
     *
     * @param spec the section text between the brackets, as written
     * @param peek BODY.PEEK (does not set \Seen)
     * @param origin partial fetch start, or -1
     * @param length partial fetch length
     * @param label the response item name for the RFC822 forms, or null for BODY[spec]
     */
    record Section(String spec, boolean peek, long origin, long length, String label) {

        /** HEADER and HEADER.FIELDS[.NOT] of the whole message need only the header section. */
        boolean headerOnly() throws BadCommand {
            try {
                return !ParsedMessage.needsBody(spec);
            } catch (IllegalArgumentException e) {
                throw new BadCommand("Invalid section " + spec);
            }
        }

        String responseName() {
            if (label != null) {
                return label;
            }
            // Section keywords in upper case as most servers write them; field names as asked.
            int paren = spec.indexOf('(');
            String canonical =
                    paren < 0
                            ? spec.toUpperCase(Locale.ROOT)
                            : spec.substring(0, paren).toUpperCase(Locale.ROOT)
                                    + spec.substring(paren);
            return "BODY[" + canonical + "]" + (origin >= 0 ? "<" + origin + ">" : "");
        }
    }

    /** Items in the order asked, each a keyword or a {@link Section}. */
    final List<Object> items = new ArrayList<>();

    Need need = Need.NONE;
    boolean setsSeen;

    static FetchRequest parse(CommandCursor in, boolean uid) throws BadCommand {
        FetchRequest request = new FetchRequest();
        if (uid) {
            request.items.add("UID");
        }
        if (in.skip('(')) {
            boolean first = true;
            while (!in.skip(')')) {
                if (!first) {
                    in.space();
                }
                first = false;
                request.item(in);
                if (request.items.size() > CommandCursor.LIST_LIMIT) {
                    throw new BadCommand("Too many fetch items");
                }
            }
            if (first) {
                throw new BadCommand("Empty fetch item list");
            }
        } else {
            request.item(in);
        }
        return request;
    }

    private void item(CommandCursor in) throws BadCommand {
        String name = in.atom("[<").toUpperCase(Locale.ROOT);
        switch (name) {
            case "ALL" -> add("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE");
            case "FAST" -> add("FLAGS", "INTERNALDATE", "RFC822.SIZE");
            case "FULL" -> add("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY");
            case "FLAGS", "UID", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE" -> add(name);
            case "BODYSTRUCTURE" -> add(name);
            case "RFC822" -> section(new Section("", false, -1, 0, "RFC822"));
            case "RFC822.HEADER" -> section(new Section("HEADER", true, -1, 0, "RFC822.HEADER"));
            case "RFC822.TEXT" -> section(new Section("TEXT", false, -1, 0, "RFC822.TEXT"));
            case "BODY", "BODY.PEEK" -> {
                if (!in.peek('[')) {
                    if (name.equals("BODY.PEEK")) {
                        throw new BadCommand("BODY.PEEK needs a section");
                    }
                    add("BODY");
                    return;
                }
                String spec = sectionSpec(in);
                long origin = -1;
                long length = 0;
                if (in.skip('<')) {
                    origin = in.number();
                    in.expect('.');
                    length = in.number();
                    if (length == 0) {
                        throw new BadCommand("Partial length must not be 0");
                    }
                    in.expect('>');
                }
                section(new Section(spec, name.equals("BODY.PEEK"), origin, length, null));
            }
            default -> throw new BadCommand("Unknown fetch item " + name);
        }
    }

    /** The text between {@code [} and the matching {@code ]}, consumed. */
    private static String sectionSpec(CommandCursor in) throws BadCommand {
        in.expect('[');
        return in.bracketed();
    }

    private void add(String... names) {
        for (String name : names) {
            if (items.contains(name)) {
                continue;
            }
            items.add(name);
            Need needed =
                    switch (name) {
                        case "FLAGS", "UID" -> Need.NONE;
                        case "INTERNALDATE", "RFC822.SIZE", "ENVELOPE" -> Need.HEADER;
                        default -> Need.CONTENT;
                    };
            need(needed);
        }
    }

    private void section(Section section) throws BadCommand {
        items.add(section);
        need(section.headerOnly() ? Need.HEADER : Need.CONTENT);
        setsSeen |= !section.peek();
    }

    private void need(Need needed) {
        if (needed.compareTo(need) > 0) {
            need = needed;
        }
    }
}
