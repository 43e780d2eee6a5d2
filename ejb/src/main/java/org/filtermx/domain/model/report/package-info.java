/**
 * Protection reports as data: the periods they cover, the figures and lists read for them from the
 * log and the quarantine, domains' report settings, and the record that a report was sent.
 */
package org.filtermx.domain.model.report;
