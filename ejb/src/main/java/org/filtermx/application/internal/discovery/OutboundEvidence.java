package org.filtermx.application.internal.discovery;

import java.time.Instant;
import java.util.List;

/**
 * What one accepted outgoing message says about its domain's addresses, taken from its envelope and
 * header as it passed, to be resolved and written later by {@link EvidenceRecorder}.
 *
 * @param senderDomain the outgoing identity's hosted domain: only its own addresses are credited,
 *     so a customer cannot plant evidence in another tenant's domain by forging a From field
 * @param senders the envelope sender and the From address, lower-case (at most two)
 * @param answered the Message-IDs the message answers (In-Reply-To, References)
 * @param at when it was received
 */
record OutboundEvidence(
        String senderDomain, List<String> senders, List<String> answered, Instant at) {}
