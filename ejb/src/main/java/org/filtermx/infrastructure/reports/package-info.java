/**
 * Protection reports and welcome mails rendered for sending: the PDF filled from a JasperReports
 * template compiled once per node with the project's embedded fonts, and the HTML and plain-text
 * parts written by hand so that common mail clients show them (docs/adr/0022).
 */
package org.filtermx.infrastructure.reports;
