package org.filtermx.infrastructure.dmarc;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.filtermx.domain.model.dmarc.AggregateReport;
import org.filtermx.domain.model.dmarc.ReportRow;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Parses one DMARC aggregate report document (RFC 7489 appendix C) in one streaming pass with the
 * JDK's own StAX reader, hardened: no DTD at all (a document that declares one is refused, which
 * closes off external entities and entity expansion), no external access, and caps on depth,
 * element text length and records. Unknown elements are skipped; missing required ones make the
 * document invalid.
 */
final class AggregateReportParser {

    /** The schema nests five levels deep; anything far deeper is not a report. */
    static final int MAX_DEPTH = 12;

    static final int MAX_TEXT = 1024;

    /** Records per report; large reporters split bigger reports. */
    static final int MAX_RECORDS = 20_000;

    /** Raised for a document that is not a report this parser accepts, with the reason. */
    static final class InvalidReport extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidReport(String message) {
            super(message, null, false, false);
        }
    }

    private AggregateReportParser() {}

    private static XMLInputFactory factory() {
        // The JDK's own implementation, whatever else the server offers, with its hardening known.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    static AggregateReport parse(byte[] xml) throws InvalidReport {
        XMLStreamReader reader;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(xml));
        } catch (XMLStreamException e) {
            throw new InvalidReport("not XML");
        }
        try {
            return new Walk(reader).run();
        } catch (XMLStreamException e) {
            throw new InvalidReport("malformed XML");
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing held beyond the byte array
            }
        }
    }

    /** The state of one pass: the open element path and the values found so far. */
    private static final class Walk {
        private final XMLStreamReader reader;
        private final List<String> path = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private final List<ReportRow> rows = new ArrayList<>();
        private String orgName;
        private String reportId;
        private Long begin;
        private Long end;
        private String domain;
        private String p;
        private String sp;
        private Integer pct;
        private Row row;

        Walk(XMLStreamReader reader) {
            this.reader = reader;
        }

        AggregateReport run() throws XMLStreamException, InvalidReport {
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new InvalidReport("document type declarations are not accepted");
                    case XMLStreamConstants.START_ELEMENT -> start(reader.getLocalName());
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (text.length() + reader.getTextLength() > MAX_TEXT) {
                            throw new InvalidReport("element text too long");
                        }
                        text.append(
                                reader.getTextCharacters(),
                                reader.getTextStart(),
                                reader.getTextLength());
                    }
                    case XMLStreamConstants.END_ELEMENT -> end();
                    default -> {
                        // whitespace, comments and processing instructions carry nothing
                    }
                }
            }
            if (orgName == null || reportId == null || begin == null || end == null) {
                throw new InvalidReport("report_metadata incomplete");
            }
            if (domain == null) {
                throw new InvalidReport("policy_published without domain");
            }
            return new AggregateReport(
                    orgName,
                    reportId,
                    Instant.ofEpochSecond(begin),
                    Instant.ofEpochSecond(end),
                    domain,
                    p,
                    sp,
                    pct,
                    rows);
        }

        private void start(String name) throws InvalidReport {
            if (path.size() >= MAX_DEPTH) {
                throw new InvalidReport("XML nested too deeply");
            }
            if (path.isEmpty() && !"feedback".equals(name)) {
                throw new InvalidReport("not a DMARC aggregate report (root " + name + ")");
            }
            path.add(name);
            text.setLength(0);
            if (at("feedback", "record")) {
                if (rows.size() >= MAX_RECORDS) {
                    throw new InvalidReport("more than " + MAX_RECORDS + " records");
                }
                row = new Row();
            } else if (row != null && at("feedback", "record", "auth_results", "dkim")) {
                row.inDkim = true;
            } else if (row != null && at("feedback", "record", "auth_results", "spf")) {
                row.inSpf = true;
            }
        }

        private void end() throws InvalidReport {
            String value = text.toString().strip();
            text.setLength(0);
            if (at("feedback", "report_metadata", "org_name")) {
                orgName = bounded(value, 200);
            } else if (at("feedback", "report_metadata", "report_id")) {
                reportId = bounded(value, 200);
            } else if (at("feedback", "report_metadata", "date_range", "begin")) {
                begin = epoch(value);
            } else if (at("feedback", "report_metadata", "date_range", "end")) {
                end = epoch(value);
            } else if (at("feedback", "policy_published", "domain")) {
                domain = bounded(LowerCase.of(value), 253);
            } else if (at("feedback", "policy_published", "p")) {
                p = keyword(value);
            } else if (at("feedback", "policy_published", "sp")) {
                sp = keyword(value);
            } else if (at("feedback", "policy_published", "pct")) {
                pct = (int) Math.min(100, number(value, 3));
            } else if (row != null) {
                rowValue(value);
            }
            path.remove(path.size() - 1);
        }

        private void rowValue(String value) throws InvalidReport {
            if (at("feedback", "record", "row", "source_ip")) {
                if (!IpText.isAddress(value)) {
                    throw new InvalidReport("source_ip is not an IP address");
                }
                row.sourceIp = LowerCase.of(value);
            } else if (at("feedback", "record", "row", "count")) {
                row.count = number(value, 12);
            } else if (at("feedback", "record", "row", "policy_evaluated", "disposition")) {
                row.disposition = keyword(value);
            } else if (at("feedback", "record", "row", "policy_evaluated", "dkim")) {
                row.dkimAligned = keyword(value);
            } else if (at("feedback", "record", "row", "policy_evaluated", "spf")) {
                row.spfAligned = keyword(value);
            } else if (at("feedback", "record", "identifiers", "header_from")) {
                row.headerFrom = bounded(LowerCase.of(value), 253);
            } else if (at("feedback", "record", "auth_results", "dkim", "domain")) {
                row.dkimDomain = row.dkimDomain == null ? bounded(value, 253) : row.dkimDomain;
            } else if (at("feedback", "record", "auth_results", "dkim", "result")) {
                row.dkimResult = row.dkimResult == null ? keyword(value) : row.dkimResult;
            } else if (at("feedback", "record", "auth_results", "spf", "domain")) {
                row.spfDomain = row.spfDomain == null ? bounded(value, 253) : row.spfDomain;
            } else if (at("feedback", "record", "auth_results", "spf", "result")) {
                row.spfResult = row.spfResult == null ? keyword(value) : row.spfResult;
            } else if (at("feedback", "record")) {
                if (row.sourceIp == null || row.count < 0) {
                    throw new InvalidReport("record without source_ip or count");
                }
                rows.add(row.toRow());
                row = null;
            }
        }

        private boolean at(String... names) {
            if (path.size() != names.length) {
                return false;
            }
            for (int i = 0; i < names.length; i++) {
                if (!names[i].equals(path.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The mutable fields of the record being read. */
    private static final class Row {
        String sourceIp;
        long count = -1;
        String disposition;
        String dkimAligned;
        String spfAligned;
        String headerFrom;
        String dkimDomain;
        String dkimResult;
        String spfDomain;
        String spfResult;
        boolean inDkim;
        boolean inSpf;

        ReportRow toRow() {
            return new ReportRow(
                    sourceIp,
                    count,
                    disposition,
                    dkimAligned,
                    spfAligned,
                    headerFrom,
                    dkimDomain == null ? null : LowerCase.of(dkimDomain),
                    dkimResult,
                    spfDomain == null ? null : LowerCase.of(spfDomain),
                    spfResult);
        }
    }

    private static String bounded(String value, int max) throws InvalidReport {
        if (value.isEmpty() || value.length() > max) {
            throw new InvalidReport("value empty or longer than " + max);
        }
        return value;
    }

    /** A short keyword (none, pass, quarantine, ...), lower case; longer text is cut. */
    private static String keyword(String value) {
        String v = LowerCase.of(value);
        return v.length() > 16 ? v.substring(0, 16) : v;
    }

    private static long epoch(String value) throws InvalidReport {
        return number(value, 12);
    }

    /** A decimal number of at most {@code digits} digits, by a plain scan. */
    private static long number(String value, int digits) throws InvalidReport {
        if (value.isEmpty() || value.length() > digits) {
            throw new InvalidReport("not a number: " + (value.length() > 20 ? "(long)" : value));
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidReport("not a number");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
