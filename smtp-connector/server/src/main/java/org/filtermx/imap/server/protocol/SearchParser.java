package org.filtermx.imap.server.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.filtermx.imap.api.ImapFlags;

/**
 * Parses a SEARCH program (RFC 3501 section 6.4.4) into one {@link SearchKey}: criteria in a row
 * are ANDed, NOT, OR and parentheses nest up to a fixed depth. Dates compare by day in UTC; strings
 * match case-insensitively as substrings.
 */
final class SearchParser {

    /** Deepest nesting of NOT, OR and parentheses. */
    static final int DEPTH_LIMIT = 50;

    private final CommandCursor in;
    private final Snapshot selected;

    SearchParser(CommandCursor in, Snapshot selected) {
        this.in = in;
        this.selected = selected;
    }

    /** Keys up to the end of the command, ANDed. */
    SearchKey program() throws BadCommand {
        SearchKey key = key(0);
        while (in.skip(' ')) {
            key = key.and(key(0));
        }
        in.end();
        return key;
    }

    private SearchKey key(int depth) throws BadCommand {
        if (depth > DEPTH_LIMIT) {
            throw new BadCommand("Search nested too deeply");
        }
        if (in.skip('(')) {
            SearchKey key = key(depth + 1);
            while (in.skip(' ')) {
                key = key.and(key(depth + 1));
            }
            in.expect(')');
            return key;
        }
        if (in.peek('*') || peekDigit()) {
            BitSet set = selected.bySequence(in.sequenceSet());
            return SearchKey.flags(c -> set.get(c.index));
        }
        String name = in.atom().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "ALL", "OLD" -> SearchKey.flags(c -> true);
            case "NEW", "RECENT" -> SearchKey.flags(c -> false);
            case "ANSWERED" -> flag(ImapFlags.ANSWERED, true);
            case "UNANSWERED" -> flag(ImapFlags.ANSWERED, false);
            case "DELETED" -> flag(ImapFlags.DELETED, true);
            case "UNDELETED" -> flag(ImapFlags.DELETED, false);
            case "DRAFT" -> flag(ImapFlags.DRAFT, true);
            case "UNDRAFT" -> flag(ImapFlags.DRAFT, false);
            case "FLAGGED" -> flag(ImapFlags.FLAGGED, true);
            case "UNFLAGGED" -> flag(ImapFlags.FLAGGED, false);
            case "SEEN" -> flag(ImapFlags.SEEN, true);
            case "UNSEEN" -> flag(ImapFlags.SEEN, false);
            case "KEYWORD" -> {
                argument();
                in.atom();
                yield SearchKey.flags(c -> false);
            }
            case "UNKEYWORD" -> {
                argument();
                in.atom();
                yield SearchKey.flags(c -> true);
            }
            case "NOT" -> {
                argument();
                yield key(depth + 1).not();
            }
            case "OR" -> {
                argument();
                SearchKey left = key(depth + 1);
                argument();
                yield left.or(key(depth + 1));
            }
            case "UID" -> {
                argument();
                BitSet set = selected.byUid(in.sequenceSet());
                yield SearchKey.flags(c -> set.get(c.index));
            }
            case "LARGER" -> {
                long size = number();
                yield SearchKey.header(c -> c.message.size() > size);
            }
            case "SMALLER" -> {
                long size = number();
                yield SearchKey.header(c -> c.message.size() < size);
            }
            case "BEFORE", "ON", "SINCE" -> {
                LocalDate date = date();
                yield SearchKey.header(c -> compare(name, day(c.message.internalDate()), date));
            }
            case "SENTBEFORE", "SENTON", "SENTSINCE" -> {
                LocalDate date = date();
                String base = name.substring(4);
                yield SearchKey.header(
                        c -> {
                            Instant sent = c.parsed().sentDate();
                            return sent != null && compare(base, day(sent), date);
                        });
            }
            case "FROM", "TO", "CC", "BCC", "SUBJECT" -> {
                String value = lower(string());
                yield SearchKey.header(c -> anyContains(c.parsed().headerValues(name), value));
            }
            case "HEADER" -> {
                argument();
                String field = in.astring();
                String value = lower(string());
                yield SearchKey.header(c -> anyContains(c.parsed().headerValues(field), value));
            }
            case "BODY" -> {
                String value = lower(string());
                yield SearchKey.content(c -> contains(c.parsed().bodyText(), value));
            }
            case "TEXT" -> {
                String value = lower(string());
                yield SearchKey.content(
                        c ->
                                contains(
                                                new String(
                                                        c.parsed().section("HEADER"),
                                                        StandardCharsets.UTF_8),
                                                value)
                                        || contains(c.parsed().bodyText(), value));
            }
            default -> throw new BadCommand("Unknown search key " + name);
        };
    }

    private boolean peekDigit() {
        for (char d = '1'; d <= '9'; d++) {
            if (in.peek(d)) {
                return true;
            }
        }
        return false;
    }

    private void argument() throws BadCommand {
        in.space();
    }

    private long number() throws BadCommand {
        argument();
        return in.number();
    }

    private String string() throws BadCommand {
        argument();
        return in.astring();
    }

    private LocalDate date() throws BadCommand {
        argument();
        return Wire.date(in.peek('"') ? in.string() : in.atom());
    }

    private static SearchKey flag(int flag, boolean set) {
        return SearchKey.flags(c -> ((c.flags & flag) != 0) == set);
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static boolean compare(String how, LocalDate day, LocalDate date) {
        return switch (how) {
            case "BEFORE" -> day.isBefore(date);
            case "ON" -> day.isEqual(date);
            default -> !day.isBefore(date);
        };
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static boolean contains(String text, String lowerValue) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(lowerValue);
    }

    private static boolean anyContains(List<String> values, String lowerValue) {
        for (String value : values) {
            if (contains(value, lowerValue)) {
                return true;
            }
        }
        return false;
    }
}
