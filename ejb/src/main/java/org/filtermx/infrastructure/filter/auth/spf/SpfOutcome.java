package org.filtermx.infrastructure.filter.auth.spf;

/**
 * The SPF verdict on one message, with the domain it was about, which DMARC needs for identifier
 * alignment.
 *
 * @param domain the MAIL FROM domain, or the HELO domain for the null sender; may be empty when
 *     there was no usable identity
 * @param helo whether {@code domain} is the HELO identity (RFC 7208 section 2.4)
 * @param detail the matched mechanism or the error, for the reason shown to people
 */
public record SpfOutcome(SpfResult result, String domain, boolean helo, String detail) {}
