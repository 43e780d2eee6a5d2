package org.filtermx.imap.server.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.filtermx.imap.api.ImapReply;
import org.filtermx.imap.api.ImapSession;
import org.filtermx.imap.api.MailboxView;
import org.filtermx.imap.server.ImapServerSettings;

/**
 * What one IMAP session knows between commands (RFC 3501 section 3): who logged in, which folder is
 * selected and its {@link Snapshot}. Only the thread running the session's current command touches
 * it; commands of a session run one after the other.
 */
final class SessionState {

    private static final Logger LOG = Logger.getLogger(SessionState.class.getName());

    final ImapServerSettings settings;
    final Endpoint endpoint;
    private volatile ImapSession session;
    private Snapshot selected;

    SessionState(ImapServerSettings settings, Endpoint endpoint, ImapSession session) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.session = session;
    }

    ImapSession session() {
        return session;
    }

    void session(ImapSession value) {
        session = value;
    }

    boolean authenticated() {
        return session.identity() != null;
    }

    Snapshot selected() {
        return selected;
    }

    void select(Snapshot snapshot) {
        selected = snapshot;
    }

    /** The mailbox name as the endpoint expects it: INBOX in any case is INBOX (RFC 3501 5.1). */
    static String mailbox(String name) {
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }

    /** A tagged response from the endpoint's reply (RFC 3501 section 7.1). */
    static String tagged(String tag, ImapReply reply) {
        StringBuilder out = new StringBuilder(tag).append(' ').append(reply.status().name());
        if (reply.code() != null) {
            out.append(" [").append(reply.code()).append(']');
        }
        return out.append(' ').append(reply.text()).toString();
    }

    static String unavailable(String tag) {
        return tagged(tag, ImapReply.unavailable());
    }

    /**
     * Asks the endpoint for the selected folder's current state and writes the untagged responses
     * that bring the client up to date (RFC 3501 section 7: EXPUNGE, FETCH FLAGS, EXISTS). Allowed
     * only where EXPUNGE responses may be sent (section 7.4.1: not during FETCH, STORE, SEARCH).
     */
    void poll(ResponseOutput out) {
        if (selected == null) {
            return;
        }
        MailboxView view;
        try {
            view = endpoint.select(session, selected.mailbox());
        } catch (EndpointFailure e) {
            return;
        }
        if (!view.reply().ok()) {
            LOG.fine(() -> session.id() + ": poll of " + selected.mailbox() + " refused");
            return;
        }
        List<String> responses = new ArrayList<>();
        selected.update(view, responses);
        responses.forEach(out::line);
    }
}
