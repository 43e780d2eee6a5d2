package org.filtermx.infrastructure.filter;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.filtermx.application.port.ScannerSet;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.filtermx.domain.model.filter.ScoreFusion;
import org.filtermx.infrastructure.config.GatewaySettings;
import org.filtermx.infrastructure.dns.DnsClient;
import org.filtermx.infrastructure.filter.auth.SenderAuthenticationScanner;
import org.filtermx.infrastructure.filter.auth.dkim.DkimSettings;
import org.filtermx.infrastructure.filter.auth.dmarc.DmarcSettings;
import org.filtermx.infrastructure.filter.auth.dnsbl.DnsListScanner;
import org.filtermx.infrastructure.filter.auth.dnsbl.DnsListSettings;
import org.filtermx.infrastructure.filter.auth.dnsbl.DnsListZone;
import org.filtermx.infrastructure.filter.auth.spf.SpfSettings;
import org.filtermx.infrastructure.filter.bayes.BayesScanner;
import org.filtermx.infrastructure.filter.bayes.CachedWeightStore;
import org.filtermx.infrastructure.filter.bayes.JdbcTokenStore;
import org.filtermx.infrastructure.filter.bayes.TokenStore;
import org.filtermx.infrastructure.filter.bayes.Trainer;
import org.filtermx.infrastructure.filter.bayes.TransactionEnd;
import org.filtermx.infrastructure.filter.content.AttachmentScanner;
import org.filtermx.infrastructure.filter.content.AttachmentSettings;
import org.filtermx.infrastructure.filter.content.GtubeScanner;
import org.filtermx.infrastructure.filter.content.GtubeSettings;
import org.filtermx.infrastructure.filter.content.HeaderSanityScanner;
import org.filtermx.infrastructure.filter.content.HeaderSanitySettings;
import org.filtermx.infrastructure.filter.external.ExternalEngines;
import org.filtermx.infrastructure.filter.external.LearnOutcome;
import org.filtermx.infrastructure.filter.external.RspamdScanner;
import org.filtermx.infrastructure.filter.fusion.LearnedScoreFusion;
import org.filtermx.infrastructure.filter.rules.RulesScanner;
import org.filtermx.infrastructure.mime.MimeMessageParser;

/**
 * The scanners of this installation, in the order they run: the built-in checks (always there, so
 * the product filters without any outside service), then the external engines switched on by
 * FILTERMX_RSPAMD_URL, FILTERMX_CLAMD and FILTERMX_SPAMD. Also the one MIME parser, the
 * classifier's trainer and the score fusion (ADR 0019), which share the scanners' token store.
 */
@ApplicationScoped
public class FilterEngines implements ScannerSet {

    private static final Logger LOG = Logger.getLogger(FilterEngines.class.getName());

    @Resource(lookup = "java:jboss/datasources/FilterMXDS")
    private DataSource dataSource;

    @Resource private TransactionSynchronizationRegistry transactions;

    @Inject private GatewaySettings settings;

    /**
     * How stale a node's copy of the classifier weights may be (training elsewhere shows after
     * this).
     */
    static final Duration WEIGHT_REFRESH = Duration.ofSeconds(2);

    private final MimeMessageParser parser = MimeMessageParser.withDefaults();
    private List<Scanner> scanners = List.of();
    private TokenStore tokens;
    private Trainer trainer;
    private ExternalEngines external;
    private LearnedScoreFusion fusion;

    /** The scanners a training call runs to learn the fusion: in the JVM, needing no envelope. */
    private static final java.util.Set<String> TRAINING_SCANNERS =
            java.util.Set.of("headers", "bayes");

    @PostConstruct
    void init() {
        tokens =
                new CachedWeightStore(
                        new JdbcTokenStore(dataSource), WEIGHT_REFRESH, transactionEnd());
        trainer = new Trainer(tokens);
        fusion = LearnedScoreFusion.shipped(tokens);
        external = ExternalEngines.fromEnvironment();
        List<Scanner> all = new ArrayList<>();
        all.add(new GtubeScanner(GtubeSettings.defaults()));
        all.add(new HeaderSanityScanner(HeaderSanitySettings.defaults()));
        all.add(new RulesScanner());
        all.add(new AttachmentScanner(AttachmentSettings.defaults()));
        all.add(new BayesScanner(tokens));
        DnsClient dns = DnsClient.shared(settings.dnsServer());
        all.add(
                new SenderAuthenticationScanner(
                        dns, SpfSettings.DEFAULTS, DkimSettings.DEFAULTS, DmarcSettings.DEFAULTS));
        List<DnsListZone> zones = settings.dnsListZones();
        if (!zones.isEmpty()) {
            all.add(
                    new DnsListScanner(
                            dns,
                            new DnsListSettings(
                                    zones,
                                    DnsListSettings.DEFAULTS.timeBudget(),
                                    DnsListSettings.DEFAULTS.temperror())));
        }
        all.addAll(external.scanners());
        scanners = List.copyOf(all);
        LOG.info("Filter scanners: " + scanners.stream().map(Scanner::name).toList());
    }

    @Override
    public ParsedMessage parse(byte[] raw) {
        return parser.parse(raw);
    }

    @Override
    public List<Scanner> scanners() {
        return scanners;
    }

    @Override
    public void train(ParsedMessage message, boolean spam, String scope) {
        trainer.train(message, spam, scope);
    }

    /** The learned fusion; before {@link #init} (scanners supplied by a subclass) the plain sum. */
    @Override
    public ScoreFusion fusion() {
        return fusion == null ? ScoreFusion.SUM : fusion;
    }

    @Override
    public List<Reason> trainingScan(byte[] crlf, String scope) {
        MessageUnderScan message =
                new MessageUnderScan("", "", "", List.of(), scope, crlf, parse(crlf));
        List<Reason> reasons = new ArrayList<>();
        for (Scanner scanner : trainingScanners()) {
            try {
                reasons.addAll(scanner.scan(message).reasons());
            } catch (ScannerUnavailable | RuntimeException e) {
                LOG.fine("scanner " + scanner.name() + " skipped for training: " + e);
            }
        }
        return reasons;
    }

    /**
     * A batch on top of the shared store ({@link BatchTraining}): messages taken apart on any
     * thread, learnt in memory by the classifier and (cluster-wide) the fusion, each seeing the
     * ones before it, and written in one go by {@link TrainingRun#commit}.
     */
    @Override
    public TrainingRun startTraining() {
        return new BatchTraining(tokens, trainer, fusion, trainingScanners(), this::parse);
    }

    private List<Scanner> trainingScanners() {
        return scanners().stream().filter(s -> TRAINING_SCANNERS.contains(s.name())).toList();
    }

    /** The container's transactions as the token store's batch writes need them. */
    private TransactionEnd transactionEnd() {
        return new TransactionEnd() {
            @Override
            public Object current() {
                return transactions == null ? null : transactions.getTransactionKey();
            }

            @Override
            public void whenEnded(Consumer<Boolean> then) {
                if (current() == null) {
                    then.accept(true);
                    return;
                }
                try {
                    transactions.registerInterposedSynchronization(
                            new Synchronization() {
                                @Override
                                public void beforeCompletion() {}

                                @Override
                                public void afterCompletion(int status) {
                                    then.accept(status == Status.STATUS_COMMITTED);
                                }
                            });
                } catch (IllegalStateException rollingBack) {
                    // The transaction can no longer commit.
                    then.accept(false);
                }
            }
        };
    }

    @Override
    public Optional<ExternalLearner> externalLearner() {
        return external.rspamd().map(FilterEngines::learner);
    }

    private static ExternalLearner learner(RspamdScanner rspamd) {
        return (crlf, spam) -> {
            LearnOutcome outcome = spam ? rspamd.learnSpam(crlf) : rspamd.learnHam(crlf);
            return outcome.learned() ? Optional.empty() : Optional.of(outcome.explanation());
        };
    }

    @Override
    public boolean isMalwareEngine(Scanner scanner) {
        return scanner.name().equals("clamav");
    }
}
