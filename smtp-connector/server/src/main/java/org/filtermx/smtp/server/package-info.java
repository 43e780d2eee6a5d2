/**
 * The SMTP server of FilterMX: its settings, its lifecycle and the seam through which it asks the
 * message endpoint for decisions.
 */
package org.filtermx.smtp.server;
