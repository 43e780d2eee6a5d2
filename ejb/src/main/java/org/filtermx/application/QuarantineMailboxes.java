package org.filtermx.application;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.filtermx.imap.api.CopyResult;
import org.filtermx.imap.api.ImapFlags;
import org.filtermx.imap.api.ImapLogin;
import org.filtermx.imap.api.ImapMessage;
import org.filtermx.imap.api.ImapReply;
import org.filtermx.imap.api.ImapSession;
import org.filtermx.imap.api.MailboxInfo;
import org.filtermx.imap.api.MailboxView;

/**
 * The quarantine as IMAP folders (operator guide, "IMAP quarantine (143 and 993)"): logins by
 * domain name, email address or console account, with an account's API tokens as app passwords;
 * {@code INBOX} and {@code Outgoing} hold what the login may see of the incoming and outgoing
 * quarantine, and copying into {@code Release}, {@code Release and Train} or {@code Train as Spam}
 * acts on the message through {@link QuarantineService}, so tenancy, audit trail and release-once
 * hold as in the console. Every UID is checked against the session's login; a foreign one is
 * absent.
 */
public interface QuarantineMailboxes {

    /** Checks credentials under the shared login throttle (RFC 3501 section 6.2.3). */
    ImapLogin login(ImapSession session, String username, String password);

    List<MailboxInfo> list(ImapSession session);

    MailboxView select(ImapSession session, String mailbox);

    List<ImapMessage> fetch(ImapSession session, String mailbox, long[] uids, boolean content);

    List<ImapMessage> store(
            ImapSession session, String mailbox, long[] uids, int flags, ImapFlags.Store mode);

    long[] expunge(ImapSession session, String mailbox, long[] uids);

    CopyResult copy(ImapSession session, String source, long[] uids, String target, boolean move);

    ImapReply append(ImapSession session, String mailbox, Path message, int flags, Instant date);
}
