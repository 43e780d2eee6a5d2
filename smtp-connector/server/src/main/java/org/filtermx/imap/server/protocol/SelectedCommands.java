package org.filtermx.imap.server.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import org.filtermx.imap.api.CopyResult;
import org.filtermx.imap.api.ImapFlags;
import org.filtermx.imap.api.ImapMessage;
import org.filtermx.imap.server.ImapServerSettings;

/**
 * The commands of the selected state (RFC 3501 section 6.4) except FETCH and SEARCH, with their UID
 * forms (section 6.4.8), UID EXPUNGE (RFC 4315), MOVE (RFC 6851) and UNSELECT (RFC 3691). Message
 * sets resolve against the session's {@link Snapshot} only.
 */
final class SelectedCommands {

    private static final Set<String> NAMES =
            Set.of(
                    "CHECK",
                    "CLOSE",
                    "UNSELECT",
                    "EXPUNGE",
                    "SEARCH",
                    "FETCH",
                    "STORE",
                    "COPY",
                    "MOVE",
                    "UID");

    private static final Logger LOG = Logger.getLogger(SelectedCommands.class.getName());

    private final SessionState state;
    private final FetchCommand fetch;
    private final SearchCommand search;

    SelectedCommands(SessionState state) {
        this.state = state;
        this.fetch = new FetchCommand(state);
        this.search = new SearchCommand(state);
    }

    boolean handles(String name) {
        return NAMES.contains(name);
    }

    /** Runs the command; false for an unknown UID subcommand. */
    boolean run(String tag, String name, CommandCursor in, ResponseOutput out) throws BadCommand {
        boolean uid = false;
        String command = name;
        if (name.equals("UID")) {
            in.space();
            command = in.keyword();
            uid = true;
            if (!Set.of("FETCH", "SEARCH", "STORE", "COPY", "MOVE", "EXPUNGE").contains(command)) {
                return false;
            }
        }
        Snapshot selected = state.selected();
        switch (command) {
            case "CHECK" -> {
                in.end();
                state.poll(out);
                out.line(tag + " OK CHECK completed");
            }
            case "CLOSE" -> {
                in.end();
                if (!selected.readOnly()) {
                    // RFC 3501 section 6.4.2: expunged silently.
                    expungeDeleted(selected, null, new ArrayList<>());
                }
                state.select(null);
                out.line(tag + " OK CLOSE completed");
            }
            case "UNSELECT" -> {
                in.end();
                state.select(null);
                out.line(tag + " OK UNSELECT completed");
            }
            case "EXPUNGE" -> expunge(tag, uid, in, out, selected);
            case "FETCH" -> fetch.run(tag, uid, in, out);
            case "SEARCH" -> search.run(tag, uid, in, out);
            case "STORE" -> store(tag, uid, in, out, selected);
            case "COPY", "MOVE" -> copy(tag, command, uid, in, out, selected);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The indexes a sequence set or UID set names in the snapshot. */
    static BitSet resolve(Snapshot selected, boolean uid, SequenceSet set) throws BadCommand {
        return uid ? selected.byUid(set) : selected.bySequence(set);
    }

    /** RFC 3501 section 6.4.3 and RFC 4315 section 2.1 (UID EXPUNGE). */
    private void expunge(
            String tag, boolean uid, CommandCursor in, ResponseOutput out, Snapshot selected)
            throws BadCommand {
        BitSet only = null;
        if (uid) {
            in.space();
            only = selected.byUid(in.sequenceSet());
        }
        in.end();
        if (selected.readOnly()) {
            out.line(tag + " NO [READ-ONLY] The folder is read-only");
            return;
        }
        List<String> responses = new ArrayList<>();
        expungeDeleted(selected, only, responses);
        responses.forEach(out::line);
        if (!uid) {
            state.poll(out);
        }
        out.line(tag + " OK " + (uid ? "UID EXPUNGE" : "EXPUNGE") + " completed");
    }

    private void expungeDeleted(Snapshot selected, BitSet only, List<String> responses) {
        BitSet deleted = new BitSet(selected.size());
        for (int i = 0; i < selected.size(); i++) {
            if ((selected.flags(i) & ImapFlags.DELETED) != 0 && (only == null || only.get(i))) {
                deleted.set(i);
            }
        }
        if (deleted.isEmpty()) {
            return;
        }
        long[] gone =
                state.endpoint.expunge(
                        state.session(), selected.mailbox(), selected.uidsOf(deleted));
        selected.remove(gone, responses);
    }

    /** RFC 3501 section 6.4.6: STORE and UID STORE, in batches. */
    private void store(
            String tag, boolean uid, CommandCursor in, ResponseOutput out, Snapshot selected)
            throws BadCommand {
        in.space();
        BitSet indexes = resolve(selected, uid, in.sequenceSet());
        in.space();
        String item = in.atom().toUpperCase(Locale.ROOT);
        ImapFlags.Store mode = ImapFlags.Store.REPLACE;
        if (item.startsWith("+")) {
            mode = ImapFlags.Store.ADD;
            item = item.substring(1);
        } else if (item.startsWith("-")) {
            mode = ImapFlags.Store.REMOVE;
            item = item.substring(1);
        }
        boolean silent = item.equals("FLAGS.SILENT");
        if (!silent && !item.equals("FLAGS")) {
            throw new BadCommand("Unknown store item " + item);
        }
        in.space();
        int flags = 0;
        if (in.peek('(')) {
            for (String flag : in.list(false)) {
                flags |= Wire.flag(flag);
            }
        } else {
            do {
                flags |= Wire.flag(in.atom());
            } while (in.skip(' '));
        }
        in.end();
        if (selected.readOnly()) {
            out.line(tag + " NO [READ-ONLY] The folder is read-only");
            return;
        }
        long[] uids = selected.uidsOf(indexes);
        for (int from = 0; from < uids.length; from += ImapServerSettings.BATCH) {
            long[] batch =
                    Arrays.copyOfRange(
                            uids, from, Math.min(uids.length, from + ImapServerSettings.BATCH));
            List<ImapMessage> stored =
                    state.endpoint.store(state.session(), selected.mailbox(), batch, flags, mode);
            for (ImapMessage message : stored) {
                int at = selected.indexOf(message.uid());
                if (at < 0) {
                    continue;
                }
                selected.setFlags(at, message.flags() & ImapFlags.ALL);
                if (!silent) {
                    out.line(
                            "* "
                                    + (at + 1)
                                    + " FETCH (FLAGS "
                                    + Wire.flags(message.flags())
                                    + (uid ? " UID " + message.uid() : "")
                                    + ")");
                }
            }
            out.flush();
        }
        out.line(tag + " OK " + (uid ? "UID STORE" : "STORE") + " completed");
    }

    /**
     * RFC 3501 section 6.4.7 and RFC 6851: the endpoint decides; the UIDs gone from the source are
     * announced with EXPUNGE responses.
     */
    private void copy(
            String tag,
            String command,
            boolean uid,
            CommandCursor in,
            ResponseOutput out,
            Snapshot selected)
            throws BadCommand {
        in.space();
        BitSet indexes = resolve(selected, uid, in.sequenceSet());
        in.space();
        String target = SessionState.mailbox(in.astring());
        in.end();
        boolean move = command.equals("MOVE");
        if (move && selected.readOnly()) {
            out.line(tag + " NO [READ-ONLY] The folder is read-only");
            return;
        }
        long[] uids = selected.uidsOf(indexes);
        if (uids.length == 0) {
            out.line(tag + " OK " + command + " completed (no messages)");
            return;
        }
        CopyResult result =
                state.endpoint.copy(state.session(), selected.mailbox(), uids, target, move);
        LOG.info(
                () ->
                        state.session().id()
                                + ": "
                                + command
                                + " of "
                                + uids.length
                                + " message(s) from "
                                + selected.mailbox()
                                + " to "
                                + target
                                + ": "
                                + result.reply().status()
                                + ", "
                                + result.goneFromSource().length
                                + " gone from the source");
        List<String> responses = new ArrayList<>();
        selected.remove(result.goneFromSource(), responses);
        // RFC 6851 section 4.3: the EXPUNGE responses, then the tagged reply. UIDPLUS's COPYUID
        // is not sent: the endpoint does not report target UIDs (the targets are actions).
        responses.forEach(out::line);
        out.line(SessionState.tagged(tag, result.reply()));
    }
}
