/** The JCA resource adapter that runs the SMTP server and calls message endpoints through it. */
package org.filtermx.smtp.server.ra;
