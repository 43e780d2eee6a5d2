package org.filtermx.imap.server.protocol;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.filtermx.imap.api.ImapFlags;
import org.filtermx.imap.api.ImapMessage;
import org.filtermx.imap.server.ImapServerSettings;
import org.filtermx.imap.server.message.ParsedMessage;

/**
 * FETCH and UID FETCH (RFC 3501 sections 6.4.5 and 6.4.8), streamed: the messages are asked from
 * the endpoint in batches, each batch written and sent before the next is asked for, so a FETCH of
 * a 10,000-message folder holds one batch in memory. FLAGS and UID come from the snapshot without
 * an endpoint call; the header section alone is asked for when nothing needs the body.
 */
final class FetchCommand {

    /** Batch size when whole messages are fetched, smaller to bound memory. */
    static final int CONTENT_BATCH = 50;

    private final SessionState state;

    FetchCommand(SessionState state) {
        this.state = state;
    }

    void run(String tag, boolean uid, CommandCursor in, ResponseOutput out) throws BadCommand {
        Snapshot selected = state.selected();
        in.space();
        BitSet indexes = SelectedCommands.resolve(selected, uid, in.sequenceSet());
        in.space();
        FetchRequest request = FetchRequest.parse(in, uid);
        in.end();
        boolean setSeen = request.setsSeen && !selected.readOnly();
        int batchSize =
                request.need == FetchRequest.Need.CONTENT
                        ? CONTENT_BATCH
                        : ImapServerSettings.BATCH;
        int[] all = indexes.stream().toArray();
        for (int from = 0; from < all.length; from += batchSize) {
            int[] batch = Arrays.copyOfRange(all, from, Math.min(all.length, from + batchSize));
            BitSet seenNow = setSeen ? markSeen(selected, batch) : new BitSet();
            Map<Long, ImapMessage> messages = fetch(selected, batch, request.need);
            for (int index : batch) {
                ImapMessage message = messages == null ? null : messages.get(selected.uid(index));
                if (messages != null && message == null) {
                    continue; // gone meanwhile, or not the login's: nothing to tell
                }
                if (message != null) {
                    selected.setFlags(index, message.flags() & ImapFlags.ALL);
                }
                write(out, selected, index, message, request, seenNow.get(index));
            }
            out.flush();
        }
        out.line(tag + " OK " + (uid ? "UID FETCH" : "FETCH") + " completed");
    }

    /** RFC 3501 section 6.4.5: a body section without PEEK sets \Seen. */
    private BitSet markSeen(Snapshot selected, int[] batch) {
        BitSet changed = new BitSet();
        long[] unseen = new long[batch.length];
        int count = 0;
        for (int index : batch) {
            if ((selected.flags(index) & ImapFlags.SEEN) == 0) {
                unseen[count++] = selected.uid(index);
            }
        }
        if (count == 0) {
            return changed;
        }
        List<ImapMessage> stored =
                state.endpoint.store(
                        state.session(),
                        selected.mailbox(),
                        Arrays.copyOf(unseen, count),
                        ImapFlags.SEEN,
                        ImapFlags.Store.ADD);
        for (ImapMessage message : stored) {
            int at = selected.indexOf(message.uid());
            if (at >= 0) {
                selected.setFlags(at, message.flags() & ImapFlags.ALL);
                changed.set(at);
            }
        }
        return changed;
    }

    private Map<Long, ImapMessage> fetch(Snapshot selected, int[] batch, FetchRequest.Need need) {
        if (need == FetchRequest.Need.NONE) {
            return null;
        }
        long[] uids = new long[batch.length];
        for (int i = 0; i < batch.length; i++) {
            uids[i] = selected.uid(batch[i]);
        }
        List<ImapMessage> found =
                state.endpoint.fetch(
                        state.session(),
                        selected.mailbox(),
                        uids,
                        need == FetchRequest.Need.CONTENT);
        Map<Long, ImapMessage> byUid = new HashMap<>(found.size() * 2);
        for (ImapMessage message : found) {
            if (message.content() != null) {
                byUid.put(message.uid(), message);
            }
        }
        return byUid;
    }

    private static void write(
            ResponseOutput out,
            Snapshot selected,
            int index,
            ImapMessage message,
            FetchRequest request,
            boolean flagsChanged)
            throws BadCommand {
        out.text("* " + (index + 1) + " FETCH (");
        boolean first = true;
        boolean flagsWritten = false;
        ParsedMessage parsed = null;
        for (Object item : request.items) {
            if (!first) {
                out.text(" ");
            }
            first = false;
            if (item instanceof FetchRequest.Section section) {
                if (parsed == null && !section.spec().isEmpty()) {
                    parsed =
                            ParsedMessage.parse(
                                    message.content(), request.need != FetchRequest.Need.CONTENT);
                }
                byte[] content = section(section, message, parsed);
                out.text(section.responseName() + " {" + content.length + "}\r\n");
                out.bytes(content);
                continue;
            }
            String name = (String) item;
            switch (name) {
                case "UID" -> out.text("UID " + selected.uid(index));
                case "FLAGS" -> {
                    out.text("FLAGS " + Wire.flags(selected.flags(index)));
                    flagsWritten = true;
                }
                case "INTERNALDATE" ->
                        out.text("INTERNALDATE " + Wire.dateTime(message.internalDate()));
                case "RFC822.SIZE" -> out.text("RFC822.SIZE " + message.size());
                default -> {
                    if (parsed == null) {
                        parsed =
                                ParsedMessage.parse(
                                        message.content(),
                                        request.need != FetchRequest.Need.CONTENT);
                    }
                    out.text(name + " ");
                    out.bytes(
                            switch (name) {
                                case "ENVELOPE" -> parsed.envelope();
                                case "BODY" -> parsed.bodyStructure(false);
                                default -> parsed.bodyStructure(true);
                            });
                }
            }
        }
        if (flagsChanged && !flagsWritten) {
            out.text(" FLAGS " + Wire.flags(selected.flags(index)));
        }
        out.line(")");
    }

    /** The octets of a section, with the partial range applied (RFC 3501 section 6.4.5). */
    private static byte[] section(
            FetchRequest.Section section, ImapMessage message, ParsedMessage parsed)
            throws BadCommand {
        byte[] whole;
        if (section.spec().isEmpty()) {
            whole = message.content();
        } else {
            try {
                whole = parsed.section(section.spec());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new BadCommand("Invalid section " + section.spec());
            }
        }
        if (section.origin() < 0) {
            return whole;
        }
        if (section.origin() >= whole.length) {
            return new byte[0];
        }
        int from = (int) section.origin();
        int to = (int) Math.min(whole.length, section.origin() + section.length());
        return Arrays.copyOfRange(whole, from, to);
    }
}
