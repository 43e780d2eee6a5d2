package org.filtermx.domain.model.filter;

/**
 * Thrown from the long loops of built-in scanners (tokenizing, parsing, unpacking) when their
 * thread has been interrupted: the message's scan time budget ran out and the pipeline wants the
 * core back. The pipeline then decides as for an engine that is down.
 */
public final class ScanInterrupted extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScanInterrupted() {
        super("scan interrupted: time budget spent", null, false, false);
    }

    /**
     * Throws when the current thread has been interrupted; cheap enough for every iteration of a
     * loop over a message's content. Leaves the interrupt flag set for the caller to clear.
     */
    public static void checkpoint() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ScanInterrupted();
        }
    }
}
