package org.filtermx.application.internal;

import java.util.List;

/** A spooled message claimed by this node for one delivery attempt. */
record PendingDelivery(
        long spoolId,
        String queueId,
        long logId,
        String sender,
        String targetDomain,
        List<String> recipients,
        byte[] content) {}
