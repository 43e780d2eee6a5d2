/**
 * The contract between the SMTP resource adapter and the message endpoints that decide what to do
 * with each recipient and message; it lives in the EAR's {@code lib/} so both sides see one copy.
 */
package org.filtermx.smtp.api;
