package org.filtermx.application.port;

import java.util.Optional;

/**
 * Asks whether mail can be written where it is kept while it arrives and waits: the directories are
 * writable and hold more free space than the reserve below which the listeners refuse mail.
 */
public interface SpoolStorageProbe {

    /** What is wrong, or empty when mail can be written. */
    Optional<String> problem();
}
