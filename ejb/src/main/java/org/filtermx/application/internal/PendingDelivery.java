package org.filtermx.application.internal;

import java.util.List;

/**
 * A spooled message leased to this node for one delivery attempt. {@code whole} says that its
 * recipients are all the message's recipients and none failed before: then an attempt that
 * delivers to each finishes the message outright.
 */
record PendingDelivery(
        long spoolId,
        String queueId,
        long logId,
        String sender,
        String targetDomain,
        List<String> recipients,
        byte[] content,
        boolean whole) {}
