package org.filtermx.application;

/** Whether the parts of this node the mail path needs are working. */
public interface HealthCheck {

    /** True when the database answers a query. */
    boolean databaseUp();
}
