/** The server certificate for STARTTLS: a configured keystore or a generated self-signed one. */
package org.filtermx.smtp.server.tls;
