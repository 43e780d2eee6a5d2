package org.filtermx.imap.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Message listener interface of the IMAP listener (the quarantine seen from a mail client): the
 * connector parses IMAP, holds each session's snapshot of its selected folder (sequence numbers,
 * pending EXPUNGE and EXISTS responses), renders ENVELOPE, BODYSTRUCTURE and body sections, and
 * calls its endpoint (a message-driven bean) for everything a login may see or do.
 *
 * <p>Calls are synchronous and never made on a network event loop. Every call after login carries
 * the session's identity, and the endpoint checks every UID against what that identity may see: a
 * UID of another login's message is treated as absent, never as an error that tells it exists. An
 * implementation must not throw; if it does, the connector answers {@code NO [UNAVAILABLE]}.
 *
 * <p>Folder names use {@code /} as the hierarchy delimiter and are compared as given, except that
 * {@code INBOX} is case-insensitive (RFC 3501 section 5.1).
 */
public interface ImapListener {

    /** LOGIN and AUTHENTICATE PLAIN: checks credentials (throttled like every other login). */
    ImapLogin onLogin(ImapSession session, String username, String password);

    /** Every folder the session's login sees, for LIST and LSUB. */
    List<MailboxInfo> onList(ImapSession session);

    /** The folder's current content: SELECT, EXAMINE, STATUS and the polls of NOOP and IDLE. */
    MailboxView onSelect(ImapSession session, String mailbox);

    /**
     * Messages of {@code mailbox} by UID, in the order given; UIDs the login may not see, or that
     * are gone, are left out. The connector asks for at most a few hundred at a time.
     *
     * @param content true for the whole message, false for its header section only
     */
    List<ImapMessage> onFetch(ImapSession session, String mailbox, long[] uids, boolean content);

    /**
     * Changes the login's flags of these messages (STORE, UID STORE) and returns their new flags
     * ({@link ImapMessage#content()} null); messages the login may not see are left out. A
     * read-only folder changes nothing and returns the current flags.
     */
    List<ImapMessage> onStore(
            ImapSession session, String mailbox, long[] uids, int flags, ImapFlags.Store mode);

    /**
     * EXPUNGE, CLOSE and UID EXPUNGE: deletes these messages (the connector passes only those it
     * sees flagged {@code \Deleted}) from the quarantine as the login sees it, and returns the UIDs
     * that are gone.
     */
    long[] onExpunge(ImapSession session, String mailbox, long[] uids);

    /**
     * COPY, UID COPY, MOVE and UID MOVE from the selected folder into {@code target}: into {@code
     * Release} releases, into {@code Release and Train} releases and trains as ham, into {@code
     * Train as Spam} trains as spam. A copy between quarantine folders is refused with {@code NO
     * [CANNOT]}, an unknown target with {@code NO [TRYCREATE]}.
     */
    CopyResult onCopy(ImapSession session, String source, long[] uids, String target, boolean move);

    /**
     * APPEND (RFC 3501 section 6.3.11): {@code Train as Spam} learns a foreign message as spam;
     * quarantine and release folders refuse foreign messages ({@code NO [CANNOT]}).
     *
     * @param message the literal the client sent, as received (the connector deletes it afterwards)
     * @param flags the flags given, {@link ImapFlags} bits
     * @param date the date-time given, or null
     */
    ImapReply onAppend(ImapSession session, String mailbox, Path message, int flags, Instant date);

    /** The connection has closed, however it ended. Never throws. */
    default void onClose(ImapSession session) {}
}
