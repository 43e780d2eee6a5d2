/**
 * Judging mail: the pipeline that runs the scanner set within its time budget and applies a
 * domain's policy and lists, the verdict fields written into and stripped from messages, the filter
 * settings and list administration, and classifier training (which the quarantine's
 * release-and-train actions use too).
 */
package org.filtermx.application.internal.filtering;
