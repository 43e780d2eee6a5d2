package org.filtermx.infrastructure.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.filtermx.application.port.DnsRecords;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * {@link DnsRecords} over the node's {@link DnsClient}, each question asked fresh, within one
 * overall time budget per question, and at most {@link DnsRecords#MAX_RECORDS} values kept.
 */
public final class FreshDnsRecords implements DnsRecords {

    private final DnsClient dns;
    private final Duration timeout;

    public FreshDnsRecords(DnsClient dns, Duration timeout) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Answer<Mx> mx(String domain) {
        DnsAnswer<Record> answer = dns.freshRecords(domain, Type.MX, Deadline.after(timeout));
        Answer<Mx> mapped =
                map(
                        answer,
                        r ->
                                new Mx(
                                        ((MXRecord) r).getTarget().toString(true),
                                        ((MXRecord) r).getPriority()));
        List<Mx> sorted = new ArrayList<>(mapped.values());
        sorted.sort(Comparator.comparingInt(Mx::preference));
        return new Answer<>(mapped.status(), sorted, mapped.detail());
    }

    @Override
    public Answer<String> txt(String name) {
        return map(dns.freshRecords(name, Type.TXT, Deadline.after(timeout)), r -> text(r));
    }

    @Override
    public Answer<String> addresses(String host) {
        Deadline deadline = Deadline.after(timeout);
        Answer<String> v4 =
                map(
                        dns.freshRecords(host, Type.A, deadline),
                        r -> ((ARecord) r).getAddress().getHostAddress());
        Answer<String> v6 =
                map(
                        dns.freshRecords(host, Type.AAAA, deadline),
                        r -> rfc5952(((AAAARecord) r).getAddress().getAddress()));
        List<String> all = new ArrayList<>(v4.values());
        all.addAll(v6.values());
        Status status =
                v4.status() == Status.FAILED && v6.status() == Status.FAILED
                        ? Status.FAILED
                        : v4.status() == Status.NO_SUCH_NAME && v6.status() == Status.NO_SUCH_NAME
                                ? Status.NO_SUCH_NAME
                                : Status.FOUND;
        return new Answer<>(
                status,
                all.size() > MAX_RECORDS ? all.subList(0, MAX_RECORDS) : all,
                v4.detail() != null ? v4.detail() : v6.detail());
    }

    private static <T> Answer<T> map(DnsAnswer<Record> answer, Function<Record, T> value) {
        return switch (answer.status()) {
            case FOUND, NO_DATA ->
                    new Answer<>(
                            Status.FOUND,
                            answer.values().stream().limit(MAX_RECORDS).map(value).toList(),
                            null);
            case NXDOMAIN -> new Answer<>(Status.NO_SUCH_NAME, List.of(), "no such name");
            case TEMPORARY_FAILURE -> new Answer<>(Status.FAILED, List.of(), answer.detail());
        };
    }

    /**
     * An IPv6 address as people write it (RFC 5952 section 4): hex groups without leading zeros,
     * the longest run of two or more zero groups (the first of equals) as {@code ::}.
     */
    static String rfc5952(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | address[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** Joins the character-strings byte for byte (RFC 6376 section 3.6.2.2, RFC 7208 3.3). */
    private static String text(Record record) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        ((TXTRecord) record).getStringsAsByteArrays().forEach(joined::writeBytes);
        return joined.toString(StandardCharsets.UTF_8);
    }
}
