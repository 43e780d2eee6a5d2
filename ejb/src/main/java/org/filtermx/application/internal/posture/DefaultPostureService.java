package org.filtermx.application.internal.posture;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.Caller;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.Posture;
import org.filtermx.application.PostureService;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.port.DnsRecords;
import org.filtermx.application.port.PostureSettings;
import org.filtermx.domain.model.dmarc.DmarcReportRepository;
import org.filtermx.domain.model.dmarc.HostedMtaSts;
import org.filtermx.domain.model.dmarc.SourceSummary;
import org.filtermx.domain.model.domain.DomainName;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.shared.LowerCase;

/** {@link PostureService} within the caller's tenancy (checked here, before any read). */
@Stateless
public class DefaultPostureService implements PostureService {

    /** The period the sources and the score look at. */
    static final Duration PERIOD = Duration.ofDays(30);

    /** Sources listed; the rest are summed in the score but not shown. */
    static final int MAX_SOURCES = 200;

    @Inject private Tenancy tenancy;
    @Inject private DomainRepository domains;
    @Inject private DmarcReportRepository reports;
    @Inject private DmarcRecordLookup dmarc;
    @Inject private PostureSettings settings;
    @Inject private HostedDomainDirectory directory;
    private final Clock clock = Clock.systemUTC();

    @Override
    public Posture posture(Caller caller, String domain) {
        String name = managed(caller, domain);
        Instant now = clock.instant();
        Instant since = now.minus(PERIOD);
        List<SourceSummary> sources = reports.sources(name, since, MAX_SOURCES);
        int days =
                reports.firstReportSince(name, since)
                        .map(first -> (int) Duration.between(first, now).toDays())
                        .orElse(0);
        DnsRecords.Answer<String> answer = dmarc.txt(name);
        boolean failed = answer.status() == DnsRecords.Status.FAILED;
        DmarcRecord record = failed ? null : DmarcRecord.of(answer.values()).orElse(null);
        Optional<HostedMtaSts> sts = reports.mtaSts(name);
        String mode = sts.map(HostedMtaSts::mode).orElse(null);
        String address = settings.reportAddress();
        PostureScore.Result result =
                PostureScore.of(name, record, failed, address, sources, days, mode);
        Posture.Dmarc dmarcStatus =
                new Posture.Dmarc(
                        failed ? "unknown" : record == null ? "missing" : "ok",
                        record == null ? null : record.text(),
                        record == null ? null : record.policy(),
                        record != null && record.reportsTo(address),
                        address);
        String policy = mode == null ? null : policyText(mode);
        Posture.MtaSts mtaSts =
                new Posture.MtaSts(
                        mode,
                        policy == null ? null : MtaStsPolicyText.id(policy),
                        policy,
                        "https://mta-sts." + name + "/.well-known/mta-sts.txt");
        return new Posture(
                name,
                result.score(),
                result.nextStep(),
                dmarcStatus,
                mtaSts,
                records(name, record, mtaSts),
                sources.stream()
                        .map(
                                s ->
                                        new Posture.Source(
                                                s.sourceIp(),
                                                s.messages(),
                                                s.dkimPass(),
                                                s.spfPass(),
                                                s.dmarcPass(),
                                                s.aligned()))
                        .toList(),
                result.unaligned(),
                days);
    }

    @Override
    public Posture setMtaStsMode(Caller caller, String domain, String mode) {
        String name = managed(caller, domain);
        String m = mode == null ? "" : LowerCase.of(mode.strip());
        if (!m.equals("testing") && !m.equals("enforce") && !m.equals("none")) {
            throw new InvalidRequest("mode must be testing, enforce or none");
        }
        reports.setMtaSts(
                name, new HostedMtaSts(m, MtaStsPolicyText.id(policyText(m)), clock.instant()));
        return posture(caller, name);
    }

    @Override
    public Optional<String> hostedPolicy(String host) {
        if (host == null || host.length() > 261) {
            return Optional.empty();
        }
        String h = LowerCase.of(host);
        if (!h.startsWith("mta-sts.")) {
            return Optional.empty();
        }
        Optional<String> hosted =
                directory.lookup(h.substring("mta-sts.".length())).map(HostedDomain::name);
        return hosted.flatMap(reports::mtaSts).map(s -> policyText(s.mode()));
    }

    private String policyText(String mode) {
        return MtaStsPolicyText.text(mode, settings.mxHosts(), settings.mtaStsMaxAge());
    }

    /** RFC 7489 section 6.1, RFC 8461 sections 3.1 and 3.3, RFC 8460 section 3. */
    private List<String> records(String name, DmarcRecord record, Posture.MtaSts mtaSts) {
        List<String> records = new ArrayList<>();
        String rua = "mailto:" + settings.reportAddress();
        String policy = record == null || record.policy() == null ? "none" : record.policy();
        records.add("_dmarc." + name + ". IN TXT \"v=DMARC1; p=" + policy + "; rua=" + rua + "\"");
        if (mtaSts.policyId() != null) {
            records.add("_mta-sts." + name + ". IN TXT \"v=STSv1; id=" + mtaSts.policyId() + "\"");
            records.add("mta-sts." + name + ". IN CNAME " + settings.mtaStsHost() + ".");
            records.add(
                    "_smtp._tls."
                            + name
                            + ". IN TXT \"v=TLSRPTv1; rua=mailto:postmaster@"
                            + name
                            + "\"");
        }
        return records;
    }

    private String managed(Caller caller, String domain) {
        String name;
        try {
            name = DomainName.normalize(domain);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
        tenancy.requireManager(caller, name);
        domains.findByName(name).orElseThrow(() -> new NotFound("no hosted domain " + name));
        return name;
    }
}
