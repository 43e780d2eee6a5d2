/**
 * DMARC aggregate reports (RFC 7489 section 7.2) about hosted domains, received at the cluster's
 * rua address, and the MTA-STS policy the cluster hosts for a domain.
 */
package org.filtermx.domain.model.dmarc;
