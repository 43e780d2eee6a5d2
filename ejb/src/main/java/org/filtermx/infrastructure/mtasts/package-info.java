/**
 * MTA-STS (RFC 8461) over the network: the {@code _mta-sts} TXT record, the HTTPS fetch of the
 * policy file with its bounds, and the linear parsers of both.
 */
package org.filtermx.infrastructure.mtasts;
