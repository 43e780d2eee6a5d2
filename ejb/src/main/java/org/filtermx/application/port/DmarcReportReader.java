package org.filtermx.application.port;

import java.util.List;
import org.filtermx.domain.model.dmarc.AggregateReport;

/**
 * Reads the DMARC aggregate reports a received mail carries (RFC 7489 section 7.2.1.1: an XML
 * document, zipped or gzipped, attached), within fixed caps on sizes, entries and XML depth.
 */
public interface DmarcReportReader {

    /**
     * The reports found, and for every attachment that could not be read a short reason (never a
     * stack trace): what was refused and why.
     */
    record Reading(List<AggregateReport> reports, List<String> problems) {
        public Reading {
            reports = List.copyOf(reports);
            problems = List.copyOf(problems);
        }
    }

    Reading read(byte[] mail);
}
