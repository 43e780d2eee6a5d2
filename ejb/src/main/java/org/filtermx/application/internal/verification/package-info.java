/**
 * Recipient verification at RCPT time: callouts to the destination, their shared cache and the
 * bounds that keep made-up recipients from multiplying work (ADR 0031).
 */
package org.filtermx.application.internal.verification;
