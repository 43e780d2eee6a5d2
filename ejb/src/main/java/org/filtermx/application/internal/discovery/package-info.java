/**
 * Recipient discovery (issue 20, ADR 0047): evidence of a hosted domain's real addresses gathered
 * off the mail path, and the review and apply of it as the domain's local recipients list.
 */
package org.filtermx.application.internal.discovery;
