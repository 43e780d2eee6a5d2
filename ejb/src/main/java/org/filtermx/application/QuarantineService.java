package org.filtermx.application;

import java.util.List;

/**
 * The quarantine: listing, actions and release links, within what the caller may see (the console,
 * the API, the IMAP view and the release links all use these calls).
 */
public interface QuarantineService {

    /** What can be done to a held message. */
    enum Action {
        /** Deliver it unfiltered to the destination route, once per recipient. */
        RELEASE,
        /** Release it and teach the classifier it is ham. */
        RELEASE_AND_TRAIN,
        /**
         * Add the sender to the allow list (the email user's, else the domain's) and release it.
         */
        ALLOW_AND_RELEASE,
        /** Add the sender to the block list (the email user's, else the domain's) and delete it. */
        BLOCK_AND_DELETE,
        /** Delete it. */
        DELETE,
        /** Teach the classifier it is spam; it stays held. */
        TRAIN_SPAM
    }

    /** The optional filters of a listing; {@code before} continues below that id. */
    record Filter(
            String domain,
            String recipient,
            String sender,
            String direction,
            Long before,
            int limit) {}

    /**
     * What one action on one message did: {@code done} false with a reason when nothing happened.
     */
    record Outcome(long id, Action action, boolean done, String detail) {}

    /** What a release link names, for its confirmation page. */
    record ReleaseLinkTarget(
            long id,
            String recipient,
            String sender,
            String subject,
            String receivedAt,
            boolean alreadyReleased) {}

    List<QuarantineEntry> list(Caller caller, Filter filter);

    QuarantineDetails get(Caller caller, long id);

    /** The message as it would have been delivered (raw RFC 5322 bytes). */
    byte[] content(Caller caller, long id);

    /**
     * The same message read for display: main header fields, a text-only preview and the list of
     * attachments, parsed by the gateway's own MIME parser.
     */
    HeldMessageContent read(Caller caller, long id);

    /**
     * Performs {@code action} on one message (for an email user: its own copy; otherwise for {@code
     * recipient}, or every recipient when null). A release of an already released message changes
     * nothing and is refused with {@link Conflict}.
     */
    Outcome act(Caller caller, long id, Action action, String recipient);

    /** {@link #act} on each message in turn; one failing does not stop the others. */
    List<Outcome> actOnAll(Caller caller, List<Long> ids, Action action);

    /** A signed release link for one recipient of a message, valid until the message expires. */
    String releaseLink(Caller caller, long id, String recipient);

    /** What a release link names; {@link InvalidRequest} for a forged, altered or expired one. */
    ReleaseLinkTarget inspectLink(String token);

    /** Releases what the link names; a second use changes nothing ({@code done} false). */
    Outcome releaseByLink(String token, String remoteAddress);
}
