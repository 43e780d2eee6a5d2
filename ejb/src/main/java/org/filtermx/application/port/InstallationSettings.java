package org.filtermx.application.port;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The installation's settings the application reads (docs/operator-guide.md, "Settings"): names,
 * retry and lease times, retention, the public address. Where they come from (environment, system
 * properties) is the infrastructure's business.
 */
public interface InstallationSettings {

    /** The data directory: embedded database, keys, generated certificates. */
    Path dataDirectory();

    /** The name this gateway gives itself in greetings, Received fields and DSNs. */
    String hostname();

    /** Identifies this node's delivery leases in the shared spool. */
    String nodeName();

    /** First retry delay; doubles up to {@link #maximalBackoff()}. */
    Duration minimalBackoff();

    /** The longest delay between two delivery attempts. */
    Duration maximalBackoff();

    /** How long a message may stay queued before it bounces. */
    Duration queueLifetime();

    /** How long a node holds a message it is delivering before another node may take it over. */
    Duration deliveryLease();

    /** How often each node looks for due messages in the spool. */
    Duration queueScanInterval();

    /** The address users reach the console and release links at, without a trailing slash. */
    String publicUrl();

    /**
     * The From of the mail the gateway writes itself (reports, welcome mails), as an RFC 5322
     * mailbox: {@code FilterMX <reports@example.net>} or a bare address.
     */
    String reportFrom();

    /** How long the message log keeps an entry. */
    Duration logRetention();

    /**
     * How long recipient discovery keeps evidence nobody saw again ({@code
     * FILTERMX_DISCOVERY_RETENTION}; default 90 days): an address silent that long has left the
     * learned set.
     */
    default Duration discoveryRetention() {
        return Duration.ofDays(90);
    }

    /** How often expired quarantine entries and old log entries are removed. */
    Duration housekeepingInterval();

    /** How long all scanners together may take over one message. */
    Duration scanTimeBudget();

    /** The bootstrap admin password, if the operator set one; empty otherwise. */
    String adminPassword();

    /**
     * The largest message the gateway takes, in bytes ({@code FILTERMX_MESSAGE_SIZE_LIMIT}); also
     * the largest a training call takes.
     */
    default long messageSizeLimit() {
        return 10_240_000;
    }

    /** The ports this node listens on, which tenants' destination routes must stay off. */
    Set<Integer> listenerPorts();

    /**
     * Where reports about outgoing users go when their domain names no administrator contact, and
     * whom a locked user is told to contact ({@code FILTERMX_ABUSE_CONTACT}; default {@code
     * postmaster@HOSTNAME}).
     */
    default String abuseContact() {
        return "postmaster@" + hostname();
    }

    /**
     * The most messages the training queue holds, waiting and failed together ({@code
     * FILTERMX_TRAINING_QUEUE_MAX}; default 100,000): past it, queued training calls answer 503.
     */
    default long trainingQueueMax() {
        return 100_000;
    }

    /**
     * The most bytes of messages the training queue holds ({@code
     * FILTERMX_TRAINING_QUEUE_MAX_BYTES}; default 1 GiB).
     */
    default long trainingQueueMaxBytes() {
        return 1L << 30;
    }
}
