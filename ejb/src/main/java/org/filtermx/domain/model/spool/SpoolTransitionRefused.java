package org.filtermx.domain.model.spool;

/**
 * A change the spool's rules do not allow, such as a delivered or bounced recipient that would be
 * delivered, deferred or bounced again, or a finished message that would be scheduled again.
 */
public final class SpoolTransitionRefused extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public SpoolTransitionRefused(String message) {
        super(message);
    }
}
