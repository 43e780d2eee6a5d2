package org.filtermx.bench;

import java.util.List;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.infrastructure.dns.DnsLookup;
import org.filtermx.infrastructure.filter.auth.SenderAuthenticationScanner;
import org.filtermx.infrastructure.filter.auth.dkim.DkimSettings;
import org.filtermx.infrastructure.filter.auth.dmarc.DmarcSettings;
import org.filtermx.infrastructure.filter.auth.spf.SpfSettings;
import org.filtermx.infrastructure.filter.bayes.BayesScanner;
import org.filtermx.infrastructure.filter.bayes.InMemoryTokenStore;
import org.filtermx.infrastructure.filter.bayes.TokenStore;
import org.filtermx.infrastructure.filter.bayes.Trainer;
import org.filtermx.infrastructure.filter.content.AttachmentScanner;
import org.filtermx.infrastructure.filter.content.AttachmentSettings;
import org.filtermx.infrastructure.filter.content.GtubeScanner;
import org.filtermx.infrastructure.filter.content.GtubeSettings;
import org.filtermx.infrastructure.filter.content.HeaderSanityScanner;
import org.filtermx.infrastructure.filter.content.HeaderSanitySettings;
import org.filtermx.infrastructure.filter.rules.RulesScanner;
import org.filtermx.infrastructure.mime.MimeMessageParser;

/**
 * The built-in scanners in the order and with the settings {@code FilterEngines} gives them in the
 * server (gtube, headers, rules, attachments, bayes, auth; no DNS list, which is off by default),
 * except that bayes reads an in-memory token store (empty, or trained on the corpus' training part)
 * and auth asks {@link OfflineDns}. Also the envelope each corpus message is scanned with. Whatever
 * scanner the list gains is measured by the accuracy benchmarks without changing them.
 */
final class BuiltInScanners {

    /** The hosted domain the corpus is addressed to; bayes combines its scope with the global. */
    static final String DOMAIN = "bench.test";

    /** TEST-NET-1 (RFC 5737): an address that is nobody's. */
    private static final String CLIENT_IP = "192.0.2.1";

    private static final String HELO = "bench.client.test";

    private final MimeMessageParser parser = MimeMessageParser.withDefaults();
    private final List<Scanner> scanners;
    private final int[] trained = new int[2];

    private BuiltInScanners(TokenStore tokens, DnsLookup dns) {
        scanners =
                List.of(
                        new GtubeScanner(GtubeSettings.defaults()),
                        new HeaderSanityScanner(HeaderSanitySettings.defaults()),
                        new RulesScanner(),
                        new AttachmentScanner(AttachmentSettings.defaults()),
                        new BayesScanner(tokens),
                        new SenderAuthenticationScanner(
                                dns,
                                SpfSettings.DEFAULTS,
                                DkimSettings.DEFAULTS,
                                DmarcSettings.DEFAULTS));
    }

    /** The scanners as a new node has them: bayes has learned nothing yet (day one). */
    static BuiltInScanners untrained() {
        return new BuiltInScanners(new InMemoryTokenStore(), new OfflineDns());
    }

    /** The scanners, bayes trained cluster-wide on {@code corpus}' training part. */
    static BuiltInScanners trainedOn(BenchCorpus corpus) {
        return trainedOn(corpus.trainingHalf());
    }

    /** The scanners, bayes trained cluster-wide on {@code messages} in their order. */
    static BuiltInScanners trainedOn(List<BenchCorpus.Message> messages) {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        BuiltInScanners built = new BuiltInScanners(tokens, new OfflineDns());
        Trainer trainer = new Trainer(tokens);
        for (BenchCorpus.Message m : messages) {
            trainer.train(built.parse(m.raw()), m.spam(), TokenStore.GLOBAL);
            built.trained[m.spam() ? 1 : 0]++;
        }
        return built;
    }

    List<Scanner> scanners() {
        return scanners;
    }

    /** Messages trained: ham, spam. */
    int[] trained() {
        return trained.clone();
    }

    ParsedMessage parse(byte[] raw) {
        return parser.parse(raw);
    }

    /**
     * {@code raw} as an SMTP transaction delivered it: from a documentation address, with the MAIL
     * FROM the message's own Return-Path recorded (the null sender when it has none), to one user
     * of {@link #DOMAIN}.
     */
    static MessageUnderScan envelope(byte[] raw, ParsedMessage parsed) {
        String reversePath =
                parsed.header("Return-Path")
                        .map(v -> v.strip().replaceAll("^<|>$", "").strip())
                        .orElse("");
        return new MessageUnderScan(
                CLIENT_IP, HELO, reversePath, List.of("user@" + DOMAIN), DOMAIN, raw, parsed);
    }

    /**
     * Every scanner over one parsed message, their reasons summed as the server's pipeline does.
     */
    ScoreSheet scan(MessageUnderScan message) {
        ScoreSheet sheet = new ScoreSheet();
        for (Scanner scanner : scanners) {
            sheet.add(scanner, message);
        }
        return sheet;
    }
}
