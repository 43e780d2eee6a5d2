/**
 * The outbound SMTP client that relays spooled messages byte-exact to a destination, and the
 * delivery status notifications (RFC 3464) sent back when that delivery fails.
 */
package org.filtermx.infrastructure.smtp;
