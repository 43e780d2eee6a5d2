/**
 * DMARC aggregate reports (RFC 7489 section 7.2, appendix C): taking the XML out of a report mail's
 * zip, gzip or plain attachment within caps, and parsing it with a hardened XML reader.
 */
package org.filtermx.infrastructure.dmarc;
