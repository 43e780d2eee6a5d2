package org.filtermx.imap.server.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import org.filtermx.imap.api.ImapFlags;
import org.filtermx.imap.api.ImapReply;
import org.filtermx.imap.api.MailboxInfo;
import org.filtermx.imap.api.MailboxView;

/**
 * The commands of the authenticated state that name folders (RFC 3501 section 6.3): SELECT,
 * EXAMINE, LIST, LSUB, STATUS and APPEND ask the endpoint; the folder tree is the endpoint's, so
 * CREATE, DELETE and RENAME are refused and subscriptions are accepted without effect.
 */
final class MailboxCommands {

    private static final Logger LOG = Logger.getLogger(MailboxCommands.class.getName());

    private static final Set<String> NAMES =
            Set.of(
                    "SELECT",
                    "EXAMINE",
                    "CREATE",
                    "DELETE",
                    "RENAME",
                    "SUBSCRIBE",
                    "UNSUBSCRIBE",
                    "LIST",
                    "LSUB",
                    "STATUS",
                    "APPEND");

    /** RFC 6154 section 2: the special-use attributes, for LIST (SPECIAL-USE). */
    private static final Set<String> SPECIAL_USE =
            Set.of("\\ALL", "\\ARCHIVE", "\\DRAFTS", "\\FLAGGED", "\\JUNK", "\\SENT", "\\TRASH");

    private final SessionState state;

    MailboxCommands(SessionState state) {
        this.state = state;
    }

    boolean handles(String name) {
        return NAMES.contains(name);
    }

    void run(String tag, String name, CommandCursor in, ResponseOutput out) throws BadCommand {
        switch (name) {
            case "SELECT", "EXAMINE" -> select(tag, name, in, out);
            case "CREATE", "DELETE" -> {
                in.space();
                in.astring();
                in.end();
                out.line(tag + " NO [CANNOT] The folders are fixed");
            }
            case "RENAME" -> {
                in.space();
                in.astring();
                in.space();
                in.astring();
                in.end();
                out.line(tag + " NO [CANNOT] The folders are fixed");
            }
            case "SUBSCRIBE", "UNSUBSCRIBE" -> {
                in.space();
                in.astring();
                in.end();
                out.line(tag + " OK " + name + " completed");
            }
            case "LIST", "LSUB" -> list(tag, name, in, out);
            case "STATUS" -> status(tag, in, out);
            case "APPEND" -> append(tag, in, out);
            default -> throw new BadCommand("unknown command");
        }
    }

    /** RFC 3501 sections 6.3.1 and 6.3.2. A failed SELECT leaves no folder selected. */
    private void select(String tag, String name, CommandCursor in, ResponseOutput out)
            throws BadCommand {
        in.space();
        String mailbox = SessionState.mailbox(in.astring());
        in.end();
        state.select(null);
        MailboxView view = state.endpoint.select(state.session(), mailbox);
        if (!view.reply().ok()) {
            out.line(SessionState.tagged(tag, view.reply()));
            return;
        }
        Snapshot snapshot = new Snapshot(withName(view, mailbox), name.equals("EXAMINE"));
        out.line("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
        out.line(
                snapshot.readOnly()
                        ? "* OK [PERMANENTFLAGS ()] No permanent flags permitted"
                        : "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)]"
                                + " Limited");
        out.line("* " + snapshot.size() + " EXISTS");
        out.line("* 0 RECENT");
        for (int i = 0; i < snapshot.size(); i++) {
            if ((snapshot.flags(i) & ImapFlags.SEEN) == 0) {
                out.line("* OK [UNSEEN " + (i + 1) + "] First unseen");
                break;
            }
        }
        out.line("* OK [UIDVALIDITY " + snapshot.uidValidity() + "] UIDs valid");
        out.line("* OK [UIDNEXT " + snapshot.uidNext() + "] Predicted next UID");
        state.select(snapshot);
        out.line(
                tag
                        + (snapshot.readOnly() ? " OK [READ-ONLY] " : " OK [READ-WRITE] ")
                        + name
                        + " completed");
    }

    private static MailboxView withName(MailboxView view, String mailbox) {
        if (view.name() != null) {
            return view;
        }
        return new MailboxView(
                view.reply(),
                mailbox,
                view.uidValidity(),
                view.uidNext(),
                view.readOnly(),
                view.uids(),
                view.flags());
    }

    /**
     * RFC 3501 sections 6.3.8 and 6.3.9 with the special-use attributes of RFC 6154; also the
     * selection option {@code (SPECIAL-USE)} and {@code RETURN (...)} of RFC 5258 and 6154 section
     * 5.1 when a client sends them.
     */
    private void list(String tag, String name, CommandCursor in, ResponseOutput out)
            throws BadCommand {
        in.space();
        boolean specialUseOnly = false;
        if (name.equals("LIST") && in.peek('(')) {
            for (String option : in.list(false)) {
                specialUseOnly |= option.equalsIgnoreCase("SPECIAL-USE");
            }
            in.space();
        }
        String reference = in.astring();
        in.space();
        String pattern = listMailbox(in);
        if (name.equals("LIST") && in.skip(' ')) {
            String keyword = in.keyword();
            if (!keyword.equals("RETURN")) {
                throw new BadCommand("Expected RETURN");
            }
            in.space();
            in.list(false);
        }
        in.end();
        if (pattern.isEmpty()) {
            // RFC 3501 section 6.3.8: the hierarchy delimiter and the root name.
            out.line("* " + name + " (\\Noselect) \"/\" \"\"");
            out.line(tag + " OK " + name + " completed");
            return;
        }
        MailboxPattern matcher = MailboxPattern.of(reference, pattern);
        List<MailboxInfo> folders = state.endpoint.list(state.session());
        for (MailboxInfo folder : folders) {
            if (!matcher.matches(folder.name())) {
                continue;
            }
            if (specialUseOnly
                    && folder.attributes().stream().noneMatch(MailboxCommands::special)) {
                continue;
            }
            out.line(
                    "* "
                            + name
                            + " ("
                            + String.join(" ", folder.attributes())
                            + ") \"/\" "
                            + Wire.string(folder.name()));
        }
        out.line(tag + " OK " + name + " completed");
    }

    private static boolean special(String attribute) {
        return SPECIAL_USE.contains(attribute.toUpperCase(Locale.ROOT));
    }

    /** RFC 3501 list-mailbox: an astring that may also hold the wildcards. */
    private static String listMailbox(CommandCursor in) throws BadCommand {
        if (in.peek('"') || in.atLiteral()) {
            return in.astring();
        }
        StringBuilder out = new StringBuilder();
        while (true) {
            if (in.skip('*')) {
                out.append('*');
            } else if (in.skip('%')) {
                out.append('%');
            } else if (!in.atEnd() && !in.peek(' ') && !in.peek('(') && !in.peek(')')) {
                out.append(in.atom("*%"));
            } else {
                break;
            }
        }
        if (out.length() == 0) {
            throw new BadCommand("Expected a mailbox pattern");
        }
        return out.toString();
    }

    /** RFC 3501 section 6.3.10; RECENT is always 0 (the quarantine keeps no \Recent). */
    private void status(String tag, CommandCursor in, ResponseOutput out) throws BadCommand {
        in.space();
        String mailbox = SessionState.mailbox(in.astring());
        in.space();
        List<String> items = in.list(false);
        in.end();
        if (items.isEmpty()) {
            throw new BadCommand("Expected status items");
        }
        MailboxView view = state.endpoint.select(state.session(), mailbox);
        if (!view.reply().ok()) {
            out.line(SessionState.tagged(tag, view.reply()));
            return;
        }
        List<String> values = new ArrayList<>();
        for (String item : items) {
            String upper = item.toUpperCase(Locale.ROOT);
            long value =
                    switch (upper) {
                        case "MESSAGES" -> view.size();
                        case "RECENT" -> 0;
                        case "UIDNEXT" -> view.uidNext();
                        case "UIDVALIDITY" -> view.uidValidity();
                        case "UNSEEN" -> unseen(view);
                        default -> throw new BadCommand("Unknown status item " + item);
                    };
            values.add(upper + " " + value);
        }
        out.line("* STATUS " + Wire.string(mailbox) + " (" + String.join(" ", values) + ")");
        out.line(tag + " OK STATUS completed");
    }

    private static long unseen(MailboxView view) {
        long count = 0;
        for (int flags : view.flags()) {
            if ((flags & ImapFlags.SEEN) == 0) {
                count++;
            }
        }
        return count;
    }

    /** RFC 3501 section 6.3.11; the literal was spooled by the network side, deleted after. */
    private void append(String tag, CommandCursor in, ResponseOutput out) throws BadCommand {
        in.space();
        String mailbox = SessionState.mailbox(in.astring());
        in.space();
        int flags = 0;
        if (in.peek('(')) {
            for (String flag : in.list(false)) {
                flags |= Wire.flag(flag);
            }
            in.space();
        }
        Instant date = null;
        if (in.peek('"')) {
            date = Wire.dateTime(in.string());
            in.space();
        }
        Literal message = in.literal();
        in.end();
        Path file;
        try {
            file = message.toFile(state.settings.tempDirectory());
        } catch (IOException e) {
            LOG.warning(() -> state.session().id() + ": cannot write APPEND literal: " + e);
            out.line(tag + " NO [SERVERBUG] Cannot store the message");
            return;
        }
        try {
            ImapReply reply = state.endpoint.append(state.session(), mailbox, file, flags, date);
            out.line(SessionState.tagged(tag, reply));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.fine(() -> "cannot delete " + file + ": " + e);
            }
        }
    }
}
