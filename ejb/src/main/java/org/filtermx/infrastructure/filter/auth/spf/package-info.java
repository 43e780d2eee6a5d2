/**
 * Sender Policy Framework (RFC 7208): whether the SMTP client may send for the MAIL FROM or HELO
 * domain, evaluated under the DNS lookup limits the RFC sets.
 */
package org.filtermx.infrastructure.filter.auth.spf;
