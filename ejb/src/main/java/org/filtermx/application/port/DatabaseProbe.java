package org.filtermx.application.port;

/** Asks the database whether it answers, for the health check. */
public interface DatabaseProbe {

    /** True when a pooled connection passes a validity check. */
    boolean answers();
}
