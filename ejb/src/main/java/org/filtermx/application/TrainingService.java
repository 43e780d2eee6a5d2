package org.filtermx.application;

import java.util.List;

/** Teaches the statistical classifier (and rspamd where configured) what spam and ham look like. */
public interface TrainingService {

    /**
     * Learns one raw RFC 5322 message as spam or ham, cluster-wide ({@code domain} null) or for one
     * domain.
     */
    void train(Caller caller, byte[] message, boolean spam, String domain);

    /**
     * Stores one raw message in the durable training queue, to be learnt as {@link #train} would
     * within seconds by a worker, and returns its queue id. The caller and scope are checked as for
     * {@link #train}, before anything is stored.
     *
     * @throws TrainingQueueFull when the queue holds its maximum of messages or bytes
     */
    long enqueue(Caller caller, byte[] message, boolean spam, String domain);

    /** The training queue's figures and latest failures, for administrators. */
    TrainingQueueStatus queueStatus(Caller caller);

    /**
     * Has this node's worker learn what waits in the queue, if it is not at it already: the safety
     * net of a periodic timer beside the nudge each queued message gives.
     */
    void learnQueued();

    /**
     * Learns several raw messages as {@link #train} does, in one transaction: all of them or, on a
     * failure, none. A message that cannot be read is left out and the rest learnt.
     *
     * @return per message, in order: null when learnt, else why it was left out
     */
    List<String> trainAll(Caller caller, List<byte[]> messages, boolean spam, String domain);

    /**
     * Fails as {@link #train} would for this caller and scope (not an administrator, not a manager
     * of the domain, no such domain), before an upload is read.
     */
    void checkAllowed(Caller caller, String domain);

    /** The largest message a training call takes, in bytes: the gateway's message size limit. */
    long messageSizeLimit();
}
