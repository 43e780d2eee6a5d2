/**
 * The outgoing mail path: filtering with the outbound thresholds, the outgoing quarantine, ARF
 * reports to administrator contacts and DKIM signing before delivery to the recipients' MX hosts.
 */
package org.filtermx.application.internal.submission;
