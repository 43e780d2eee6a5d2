/**
 * Sender authentication for inbound mail: the DNS lookups it needs under a time budget, and the
 * scanner that runs SPF, DKIM and DMARC in one pass; the protocols live in the sub-packages.
 */
package org.filtermx.infrastructure.filter.auth;
