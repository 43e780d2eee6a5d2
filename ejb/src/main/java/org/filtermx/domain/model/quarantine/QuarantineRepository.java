package org.filtermx.domain.model.quarantine;

import java.util.List;
import java.util.Set;

/** Stores held messages and lists them within a caller's scope. */
public interface QuarantineRepository {

    void add(QuarantinedMessage message);

    /**
     * Held messages, newest first; {@code domains} null means every domain, {@code recipient}
     * null means every recipient.
     */
    List<QuarantinedMessage> list(Set<String> domains, String domain, String recipient, int limit);
}
