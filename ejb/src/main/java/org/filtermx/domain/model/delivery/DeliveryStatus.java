package org.filtermx.domain.model.delivery;

/** What one delivery attempt means for one recipient: done, try again later, or give up. */
public enum DeliveryStatus {
    /** The destination answered 2xx to the final dot for this recipient. */
    DELIVERED,
    /** A 4xx reply or a connection problem: keep the message and retry (RFC 5321 section 4.2.1). */
    TEMPORARY,
    /** A 5xx reply: do not retry; the sender gets a DSN. */
    PERMANENT
}
