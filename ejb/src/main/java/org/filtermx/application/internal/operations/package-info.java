/**
 * Running the gateway: health, housekeeping, the dashboard and the message log search, and the
 * small parts several capabilities share: {@code AfterCommit} (work handed to delivery once a
 * transaction commits) and {@code RevisionSnapshot} (a node's copy of configuration, reloaded when
 * its revision moves).
 */
package org.filtermx.application.internal.operations;
