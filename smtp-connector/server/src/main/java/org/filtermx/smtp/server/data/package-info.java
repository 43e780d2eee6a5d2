/** Reception of the message content after DATA: strict CRLF framing, limits and the temp file. */
package org.filtermx.smtp.server.data;
