package org.filtermx.interfaces.imap;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.QuarantineMailboxes;
import org.filtermx.imap.api.CopyResult;
import org.filtermx.imap.api.ImapFlags;
import org.filtermx.imap.api.ImapListener;
import org.filtermx.imap.api.ImapLogin;
import org.filtermx.imap.api.ImapMessage;
import org.filtermx.imap.api.ImapReply;
import org.filtermx.imap.api.ImapSession;
import org.filtermx.imap.api.MailboxInfo;
import org.filtermx.imap.api.MailboxView;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * The IMAP listener's endpoint (143 with STARTTLS, 993 with implicit TLS): hands every call to the
 * quarantine's mailboxes. Any failure is logged here, without a stack trace for the client, and
 * becomes a temporary refusal ({@code NO [UNAVAILABLE]}) or an empty answer, as the listener's
 * contract asks: the client may try again.
 */
@MessageDriven(messageListenerInterface = ImapListener.class)
@ResourceAdapter("filtermx.ear#smtp-connector.rar")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ImapEndpoint implements ImapListener {

    private static final Logger LOG = Logger.getLogger(ImapEndpoint.class.getName());

    @Inject private QuarantineMailboxes mailboxes;

    @Override
    public ImapLogin onLogin(ImapSession session, String username, String password) {
        try {
            return mailboxes.login(session, username, password);
        } catch (RuntimeException e) {
            failed(session, "login", e);
            return ImapLogin.temporaryFailure("Temporary authentication failure");
        }
    }

    @Override
    public List<MailboxInfo> onList(ImapSession session) {
        try {
            return mailboxes.list(session);
        } catch (RuntimeException e) {
            failed(session, "folder list", e);
            return List.of();
        }
    }

    @Override
    public MailboxView onSelect(ImapSession session, String mailbox) {
        try {
            return mailboxes.select(session, mailbox);
        } catch (RuntimeException e) {
            failed(session, "select", e);
            return MailboxView.refused(ImapReply.unavailable());
        }
    }

    @Override
    public List<ImapMessage> onFetch(
            ImapSession session, String mailbox, long[] uids, boolean content) {
        try {
            return mailboxes.fetch(session, mailbox, uids, content);
        } catch (RuntimeException e) {
            failed(session, "fetch", e);
            return List.of();
        }
    }

    @Override
    public List<ImapMessage> onStore(
            ImapSession session, String mailbox, long[] uids, int flags, ImapFlags.Store mode) {
        try {
            return mailboxes.store(session, mailbox, uids, flags, mode);
        } catch (RuntimeException e) {
            failed(session, "store", e);
            return List.of();
        }
    }

    @Override
    public long[] onExpunge(ImapSession session, String mailbox, long[] uids) {
        try {
            return mailboxes.expunge(session, mailbox, uids);
        } catch (RuntimeException e) {
            failed(session, "expunge", e);
            return new long[0];
        }
    }

    @Override
    public CopyResult onCopy(
            ImapSession session, String source, long[] uids, String target, boolean move) {
        try {
            return mailboxes.copy(session, source, uids, target, move);
        } catch (RuntimeException e) {
            failed(session, move ? "move" : "copy", e);
            return new CopyResult(ImapReply.unavailable(), new long[0]);
        }
    }

    @Override
    public ImapReply onAppend(
            ImapSession session, String mailbox, Path message, int flags, Instant date) {
        try {
            return mailboxes.append(session, mailbox, message, flags, date);
        } catch (RuntimeException e) {
            failed(session, "append", e);
            return ImapReply.unavailable();
        }
    }

    private static void failed(ImapSession session, String what, RuntimeException e) {
        LOG.log(Level.WARNING, session.id() + ": IMAP " + what + " failed: " + e);
    }
}
