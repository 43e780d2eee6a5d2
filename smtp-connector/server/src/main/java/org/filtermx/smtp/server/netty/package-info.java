/** The Netty pipeline that carries SMTP sessions: framing, connection limits, timeouts and TLS. */
package org.filtermx.smtp.server.netty;
