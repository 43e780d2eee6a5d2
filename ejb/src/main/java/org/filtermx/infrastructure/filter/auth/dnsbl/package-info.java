/**
 * DNS-based block and allow lists (RFC 5782): the SMTP client's address and the sender's domains
 * looked up in configured zones such as zen.spamhaus.org or list.dnswl.org.
 */
package org.filtermx.infrastructure.filter.auth.dnsbl;
