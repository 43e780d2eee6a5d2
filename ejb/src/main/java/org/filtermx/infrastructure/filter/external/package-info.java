/**
 * Clients for the optional external scanning engines (rspamd, clamd, spamd), each behind the
 * domain's {@code Scanner} contract and bounded by its own time budget.
 */
package org.filtermx.infrastructure.filter.external;
