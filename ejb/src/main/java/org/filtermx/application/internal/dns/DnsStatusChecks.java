package org.filtermx.application.internal.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.DnsStatus;
import org.filtermx.application.DnsStatus.Check;
import org.filtermx.application.port.DnsRecords;
import org.filtermx.application.port.MailDnsSettings;
import org.filtermx.domain.model.dkim.DkimKey;

/**
 * The four checks of a domain's DNS status, pure over the answers of {@link DnsRecords}: each
 * examines at most {@link DnsRecords#MAX_RECORDS} records of at most {@link #MAX_TEXT} characters,
 * and parses SPF by splitting on spaces in one pass (RFC 7208 section 4.6.1), no regular
 * expressions.
 */
final class DnsStatusChecks {

    /** The longest TXT text examined (RFC 7208 section 3.4 keeps SPF well below this). */
    static final int MAX_TEXT = 4096;

    private final DnsRecords dns;
    private final MailDnsSettings settings;

    DnsStatusChecks(DnsRecords dns, MailDnsSettings settings) {
        this.dns = dns;
        this.settings = settings;
    }

    DnsStatus status(String domain, Optional<DkimKey> activeKey) {
        return new DnsStatus(
                domain, List.of(mx(domain), spf(domain), dkim(domain, activeKey), destination()));
    }

    /** MX: exactly the cluster's MX hosts, each with its documented priority. */
    Check mx(String domain) {
        List<String> records = new ArrayList<>();
        for (MailDnsSettings.MxHost host : settings.mxHosts()) {
            records.add(domain + ". IN MX " + host.preference() + " " + host.host() + ".");
        }
        DnsRecords.Answer<DnsRecords.Mx> answer = dns.mx(domain);
        if (answer.status() == DnsRecords.Status.FAILED) {
            return new Check("mx", DnsStatus.UNKNOWN, List.of(), records, failed(answer));
        }
        List<String> found = new ArrayList<>();
        for (DnsRecords.Mx mx : bounded(answer.values())) {
            found.add(mx.preference() + " " + mx.host());
        }
        if (found.isEmpty()) {
            return new Check(
                    "mx",
                    DnsStatus.MISSING,
                    found,
                    records,
                    domain
                            + " has no MX records: publish these so that its mail reaches the"
                            + " filter");
        }
        List<String> problems = new ArrayList<>();
        for (MailDnsSettings.MxHost host : settings.mxHosts()) {
            Optional<DnsRecords.Mx> same =
                    answer.values().stream()
                            .filter(m -> sameHost(m.host(), host.host()))
                            .findFirst();
            if (same.isEmpty()) {
                problems.add("no MX record points at " + host.host());
            } else if (same.get().preference() != host.preference()) {
                problems.add(
                        host.host()
                                + " has priority "
                                + same.get().preference()
                                + " instead of "
                                + host.preference());
            }
        }
        for (DnsRecords.Mx mx : bounded(answer.values())) {
            if (settings.mxHosts().stream().noneMatch(h -> sameHost(h.host(), mx.host()))) {
                problems.add(
                        mx.host()
                                + " is not a host of this cluster: remove it, mail sent there"
                                + " bypasses the filter");
            }
        }
        return problems.isEmpty()
                ? new Check("mx", DnsStatus.OK, found, records, "the MX records are right")
                : new Check("mx", DnsStatus.WRONG, found, records, String.join("; ", problems));
    }

    /** SPF: one v=spf1 record that includes the cluster's include. */
    Check spf(String domain) {
        String include = "include:" + settings.spfInclude();
        DnsRecords.Answer<String> answer = dns.txt(domain);
        if (answer.status() == DnsRecords.Status.FAILED) {
            return new Check(
                    "spf",
                    DnsStatus.UNKNOWN,
                    List.of(),
                    List.of(spfRecord(domain, "v=spf1 " + include + " ~all")),
                    failed(answer));
        }
        List<String> spf = new ArrayList<>();
        for (String text : bounded(answer.values())) {
            if (isSpf(text)) {
                spf.add(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
            }
        }
        if (spf.isEmpty()) {
            return new Check(
                    "spf",
                    DnsStatus.MISSING,
                    spf,
                    List.of(spfRecord(domain, "v=spf1 " + include + " ~all")),
                    domain + " has no SPF record: publish this one");
        }
        if (spf.size() > 1) {
            return new Check(
                    "spf",
                    DnsStatus.WRONG,
                    spf,
                    List.of(spfRecord(domain, withInclude(spf.get(0), include))),
                    domain
                            + " has "
                            + spf.size()
                            + " SPF records, which makes SPF fail everywhere (RFC 7208 section"
                            + " 3.2): merge them into one that includes "
                            + settings.spfInclude());
        }
        if (includes(spf.get(0), include)) {
            return new Check(
                    "spf",
                    DnsStatus.OK,
                    spf,
                    List.of(),
                    "the SPF record includes " + settings.spfInclude());
        }
        return new Check(
                "spf",
                DnsStatus.WRONG,
                spf,
                List.of(spfRecord(domain, withInclude(spf.get(0), include))),
                "the SPF record does not include "
                        + settings.spfInclude()
                        + ": replace it with this one");
    }

    /** DKIM: the active key's record published at its selector. */
    Check dkim(String domain, Optional<DkimKey> activeKey) {
        if (activeKey.isEmpty()) {
            return new Check(
                    "dkim",
                    DnsStatus.MISSING,
                    List.of(),
                    List.of(),
                    domain
                            + " has no active DKIM key: generate one, publish its record, then"
                            + " activate it");
        }
        DkimKey key = activeKey.get();
        List<String> records = List.of(key.recordName() + ". IN TXT \"" + key.record() + "\"");
        DnsRecords.Answer<String> answer = dns.txt(key.recordName());
        if (answer.status() == DnsRecords.Status.FAILED) {
            return new Check("dkim", DnsStatus.UNKNOWN, List.of(), records, failed(answer));
        }
        List<String> found = bounded(answer.values());
        if (found.stream().anyMatch(t -> sameKeyRecord(t, key.record()))) {
            return new Check(
                    "dkim",
                    DnsStatus.OK,
                    found,
                    List.of(),
                    "the key with selector " + key.selector() + " is published");
        }
        return new Check(
                "dkim",
                found.isEmpty() ? DnsStatus.MISSING : DnsStatus.WRONG,
                found,
                records,
                found.isEmpty()
                        ? key.recordName() + " has no TXT record: publish this one"
                        : key.recordName() + " does not hold the active key: publish this record");
    }

    /**
     * The destination server: which addresses it should accept mail from. Nothing inside the
     * cluster can tell what a customer's firewall lets through, so this is advice, not a probe.
     */
    Check destination() {
        String host = settings.deliveryHostname();
        DnsRecords.Answer<String> answer = dns.addresses(host);
        List<String> addresses = bounded(answer.values());
        String detail =
                answer.status() == DnsRecords.Status.FAILED || addresses.isEmpty()
                        ? "the addresses of "
                                + host
                                + " could not be read ("
                                + (answer.detail() == null ? "no A/AAAA records" : answer.detail())
                                + "); ask the operator"
                        : "not checked (no probe from inside the cluster can see your firewall):"
                                + " let your destination server accept SMTP only from the"
                                + " addresses of "
                                + host
                                + ", listed here";
        return new Check("destination", DnsStatus.NOT_CHECKED, List.of(host), addresses, detail);
    }

    private static String spfRecord(String domain, String text) {
        return domain + ". IN TXT \"" + text + "\"";
    }

    /** {@code v=spf1} followed by a space or nothing (RFC 7208 section 4.5), any case. */
    static boolean isSpf(String text) {
        return text.length() >= 6
                && text.regionMatches(true, 0, "v=spf1", 0, 6)
                && (text.length() == 6 || text.charAt(6) == ' ');
    }

    /** Whether one of the record's terms is {@code include} (qualifier {@code +} allowed). */
    static boolean includes(String record, String include) {
        int length = Math.min(record.length(), MAX_TEXT);
        int start = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || record.charAt(i) == ' ') {
                int from = start < i && record.charAt(start) == '+' ? start + 1 : start;
                if (i - from == include.length()
                        && record.regionMatches(true, from, include, 0, include.length())) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** The record with {@code include} right after {@code v=spf1}, before any {@code all}. */
    static String withInclude(String record, String include) {
        String rest = record.length() > 6 ? record.substring(6).strip() : "";
        return rest.isEmpty() ? "v=spf1 " + include + " ~all" : "v=spf1 " + include + " " + rest;
    }

    /** Same tags and values, whitespace aside (RFC 6376 section 3.2 allows it around tags). */
    static boolean sameKeyRecord(String published, String expected) {
        return withoutWhitespace(published).equals(withoutWhitespace(expected));
    }

    private static String withoutWhitespace(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_TEXT));
        for (int i = 0; i < s.length() && i < MAX_TEXT; i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean sameHost(String a, String b) {
        return trimDot(a).equalsIgnoreCase(trimDot(b));
    }

    private static String trimDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static <T> List<T> bounded(List<T> values) {
        return values.size() > DnsRecords.MAX_RECORDS
                ? values.subList(0, DnsRecords.MAX_RECORDS)
                : values;
    }

    private static String failed(DnsRecords.Answer<?> answer) {
        return "DNS did not answer (" + answer.detail() + "); try again later";
    }
}
