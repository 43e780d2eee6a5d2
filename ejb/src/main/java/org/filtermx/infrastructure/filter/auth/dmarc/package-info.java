/**
 * DMARC (RFC 7489): whether an SPF or DKIM pass aligns with the From domain, and what the domain's
 * published policy asks for when none does.
 */
package org.filtermx.infrastructure.filter.auth.dmarc;
