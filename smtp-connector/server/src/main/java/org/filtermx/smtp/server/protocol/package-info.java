/** The SMTP session state machine, command and path parsing, and the standard replies. */
package org.filtermx.smtp.server.protocol;
