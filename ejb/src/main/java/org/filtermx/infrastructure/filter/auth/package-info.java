/**
 * Sender authentication for inbound mail: the scanner that runs SPF, DKIM and DMARC in one pass
 * over the DNS client of {@code infrastructure.dns}; the protocols live in the sub-packages.
 */
package org.filtermx.infrastructure.filter.auth;
