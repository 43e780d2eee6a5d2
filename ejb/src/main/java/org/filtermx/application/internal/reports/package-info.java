/**
 * Protection reports: their content gathered from the log and the quarantine, each report sent once
 * in its own transaction, the runs over every user and domain due, and the mail the gateway writes
 * itself.
 */
package org.filtermx.application.internal.reports;
