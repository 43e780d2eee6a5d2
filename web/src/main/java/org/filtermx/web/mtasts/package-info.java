/** The MTA-STS policy files the cluster hosts for its customers' domains (RFC 8461 section 3.3). */
package org.filtermx.web.mtasts;
