/** The IMAP session over a Netty channel: framing lines and literals, TLS, IDLE and timeouts. */
package org.filtermx.imap.server.netty;
