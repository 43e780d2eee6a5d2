/**
 * Mail as it arrives from the SMTP connector: recipient checks at RCPT, one scan per message, one
 * verdict per distinct policy, one reply for the whole transaction (ADR 0008), and the store that
 * makes every part durable before that reply. {@code MessageStore} lives here although DSNs also go
 * through it: it is the path every message takes into the spool or the quarantine, and received
 * mail is its main user. {@code HeaderSummary} is the intake's reading of a header section, shared
 * with the filtering and quarantine code that needs the header's end.
 */
package org.filtermx.application.internal.intake;
