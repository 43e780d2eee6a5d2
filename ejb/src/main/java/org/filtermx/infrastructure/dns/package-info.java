/**
 * DNS for the whole gateway: one client over dnsjava ({@link
 * org.filtermx.infrastructure.dns.DnsClient}) with the node's answer cache and timeout policy, and
 * what is built on it: the mail servers of a domain FilterMX does not host (outbound delivery, with
 * whether DNSSEC vouched for each), the TLSA records DANE needs ({@link
 * org.filtermx.infrastructure.dns.TlsaLookup}), TXT lookups for domain verification, and the {@link
 * org.filtermx.infrastructure.dns.DnsLookup} queries sender authentication and DNS lists make.
 */
package org.filtermx.infrastructure.dns;
