package org.filtermx.imap.server.protocol;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.imap.api.CopyResult;
import org.filtermx.imap.api.ImapFlags;
import org.filtermx.imap.api.ImapListener;
import org.filtermx.imap.api.ImapLogin;
import org.filtermx.imap.api.ImapMessage;
import org.filtermx.imap.api.ImapReply;
import org.filtermx.imap.api.ImapSession;
import org.filtermx.imap.api.MailboxInfo;
import org.filtermx.imap.api.MailboxView;

/**
 * The session's calls to its {@link ImapListener}, one at a time, on the thread that runs the
 * command: a failure or a null answer becomes an {@link EndpointFailure}.
 */
final class Endpoint {

    private static final Logger LOG = Logger.getLogger(Endpoint.class.getName());

    private final ImapListener listener;

    Endpoint(ImapListener listener) {
        this.listener = listener;
    }

    ImapLogin login(ImapSession session, String username, String password) {
        return call(session, "LOGIN", () -> listener.onLogin(session, username, password));
    }

    List<MailboxInfo> list(ImapSession session) {
        return call(session, "LIST", () -> listener.onList(session));
    }

    MailboxView select(ImapSession session, String mailbox) {
        return call(session, "SELECT", () -> listener.onSelect(session, mailbox));
    }

    List<ImapMessage> fetch(ImapSession session, String mailbox, long[] uids, boolean content) {
        return call(session, "FETCH", () -> listener.onFetch(session, mailbox, uids, content));
    }

    List<ImapMessage> store(
            ImapSession session, String mailbox, long[] uids, int flags, ImapFlags.Store mode) {
        return call(session, "STORE", () -> listener.onStore(session, mailbox, uids, flags, mode));
    }

    long[] expunge(ImapSession session, String mailbox, long[] uids) {
        return call(session, "EXPUNGE", () -> listener.onExpunge(session, mailbox, uids));
    }

    CopyResult copy(ImapSession session, String source, long[] uids, String target, boolean move) {
        return call(session, "COPY", () -> listener.onCopy(session, source, uids, target, move));
    }

    ImapReply append(ImapSession session, String mailbox, Path message, int flags, Instant date) {
        return call(
                session, "APPEND", () -> listener.onAppend(session, mailbox, message, flags, date));
    }

    void close(ImapSession session) {
        try {
            listener.onClose(session);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, session.id() + ": endpoint failed on close", e);
        }
    }

    private static <T> T call(ImapSession session, String what, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, session.id() + ": endpoint failed on " + what, e);
            throw new EndpointFailure(what, e);
        }
        if (result == null) {
            LOG.warning(() -> session.id() + ": endpoint returned null on " + what);
            throw new EndpointFailure(what, null);
        }
        return result;
    }
}
