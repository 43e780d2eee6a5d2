/** The message-driven beans the SMTP resource adapter calls. */
package org.filtermx.interfaces.smtp;
