/**
 * DANE for outgoing SMTP (RFC 7672 with RFC 6698 and RFC 7671): which TLSA records SMTP can use,
 * and whether a server's certificate chain matches them, as a trust manager the delivery client
 * hands to its {@code SSLContext}. The TLSA records themselves come from {@link
 * org.filtermx.infrastructure.dns.TlsaLookup}.
 */
package org.filtermx.infrastructure.dane;
