package org.filtermx.application.internal.reports;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.filtermx.application.ReportContent;
import org.filtermx.application.WelcomeContent;
import org.filtermx.application.internal.quarantine.ReleaseLinks;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.application.port.ReportRenderer;
import org.filtermx.domain.model.report.DomainReportSettings;
import org.filtermx.domain.model.report.ReportRepository;

/** In-memory stand-ins for the report's collaborators: no database, no Jasper, no spool. */
final class ReportFakes {

    private ReportFakes() {}

    static final String PUBLIC_URL = "https://filter.example.net";

    /** Settings that answer what reports ask: the public URL, the host name, the report From. */
    static InstallationSettings settings() {
        return (InstallationSettings)
                Proxy.newProxyInstance(
                        InstallationSettings.class.getClassLoader(),
                        new Class<?>[] {InstallationSettings.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "publicUrl" -> PUBLIC_URL;
                                    case "hostname" -> "filter.example.net";
                                    case "reportFrom" ->
                                            "FilterMX Quarantine <quarantine@filter.example.net>";
                                    default -> null;
                                });
    }

    /** Release links that name what they release, unsigned. */
    static final class Links extends ReleaseLinks {
        @Override
        public String link(long id, String recipient, Instant expiresAt) {
            return PUBLIC_URL + "/release/" + id + "-" + recipient;
        }
    }

    /** Renders a content to a subject and its held lines, and remembers what it rendered. */
    static final class Renderer implements ReportRenderer {
        final List<ReportContent> rendered = new ArrayList<>();
        RuntimeException failure;

        @Override
        public RenderedReport render(ReportContent content) {
            if (failure != null) {
                throw failure;
            }
            rendered.add(content);
            String text = "held " + content.held().size();
            return new RenderedReport(
                    "Quarantine report for " + content.subject(),
                    text,
                    "<p>" + text + "</p>",
                    content.format() == org.filtermx.application.ReportFormat.PDF
                            ? "%PDF-1.7 fake".getBytes(StandardCharsets.US_ASCII)
                            : null,
                    "report.pdf");
        }

        @Override
        public RenderedReport welcome(WelcomeContent content) {
            throw new UnsupportedOperationException();
        }
    }

    /** One hand-over to the spool. */
    record Spooled(
            String queueId, String domain, String recipient, byte[] message, String detail) {}

    /** The real composition, with the hand-over to the spool recorded instead of stored. */
    static final class Mail extends SystemMail {
        final List<Spooled> spooled = new ArrayList<>();

        Mail() {
            try {
                Field f = SystemMail.class.getDeclaredField("settings");
                f.setAccessible(true);
                f.set(this, settings());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void spool(
                String queueId,
                String domain,
                String recipient,
                byte[] message,
                String logDetail,
                Instant now) {
            spooled.add(new Spooled(queueId, domain, recipient, message, logDetail));
        }
    }

    /**
     * A repository with fixed figures and lists, that records sent reports under the unique key
     * (kind, subject, period key) as the table does.
     */
    static class Repository implements ReportRepository {
        final Set<String> sentKeys = new HashSet<>();
        final List<SentRecord> sent = new ArrayList<>();
        List<HeldMessage> held = List.of();
        int heldOmitted;

        @Override
        public Totals userTotals(String domain, String address, Instant start, Instant end) {
            return new Totals(10, 7, 2, 1, 0);
        }

        @Override
        public Totals domainTotals(String domain, Instant start, Instant end) {
            return new Totals(100, 70, 20, 10, 0);
        }

        @Override
        public Listing<HeldMessage> heldForUser(
                String domain, String address, Instant start, Instant end, Instant now, int limit) {
            return new Listing<>(held, heldOmitted);
        }

        @Override
        public Listing<HeldMessage> heldForDomain(
                String domain, Instant start, Instant end, Instant now, int limit) {
            return new Listing<>(held, heldOmitted);
        }

        @Override
        public Listing<RefusedMessage> refusedForUser(
                String domain, String address, Instant start, Instant end, int limit) {
            return new Listing<>(List.of(), 0);
        }

        @Override
        public Listing<RefusedMessage> refusedForDomain(
                String domain, Instant start, Instant end, int limit) {
            return new Listing<>(List.of(), 0);
        }

        @Override
        public List<SenderCount> topHeldSenders(
                String domain, Instant start, Instant end, int limit) {
            return List.of(new SenderCount("spammer@bad.test", 3));
        }

        @Override
        public List<DueUser> usersDue(String frequency, long afterId, int limit, Instant now) {
            return List.of();
        }

        @Override
        public List<DueDomain> domainsDue(String frequency, long afterId, int limit) {
            return List.of();
        }

        @Override
        public Optional<java.time.Instant> lastPeriodEnd(SubjectKind kind, String subject) {
            return sent.stream()
                    .filter(s -> s.kind() == kind && s.subject().equals(subject))
                    .map(s -> s.period().end())
                    .max(Instant::compareTo);
        }

        @Override
        public int purgeSent(Instant cutoff, int limit) {
            return 0;
        }

        @Override
        public boolean recordSent(SentRecord r) {
            if (!sentKeys.add(r.kind() + "|" + r.subject() + "|" + r.period().key())) {
                return false;
            }
            sent.add(r);
            return true;
        }

        @Override
        public DomainReportSettings settingsOf(long domainId) {
            return DomainReportSettings.NONE;
        }

        @Override
        public java.util.Map<Long, DomainReportSettings> allSettings() {
            return java.util.Map.of();
        }

        @Override
        public void changeSettings(long domainId, DomainReportSettings settings) {}
    }
}
