/**
 * DNS lookups for outbound delivery: finding the mail servers of a domain that FilterMX does not
 * host.
 */
package org.filtermx.infrastructure.dns;
