package org.filtermx.domain.model.spool;

/** Life of a spooled message. */
public enum SpoolState {
    /** Waiting for its next delivery attempt. */
    QUEUED,
    /** Every recipient is delivered or has bounced; the content is gone. */
    DONE
}
