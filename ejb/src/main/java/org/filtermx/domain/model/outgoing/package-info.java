/**
 * Outgoing users of the submission ports: accounts by login name or client address, their limits,
 * address ranges, locks and the counts that enforce the limits on every node.
 */
package org.filtermx.domain.model.outgoing;
