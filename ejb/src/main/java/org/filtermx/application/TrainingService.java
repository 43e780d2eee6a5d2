package org.filtermx.application;

/** Teaches the statistical classifier (and rspamd where configured) what spam and ham look like. */
public interface TrainingService {

    /**
     * Learns one raw RFC 5322 message as spam or ham, cluster-wide ({@code domain} null) or for one
     * domain.
     */
    void train(Caller caller, byte[] message, boolean spam, String domain);
}
