package org.filtermx.application.internal.filtering;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.application.port.ScannerSet;
import org.filtermx.domain.model.filter.ScannerUnavailable;

/**
 * Teaches one message to the built-in classifier (in the database, shared by every node) and, where
 * configured, to rspamd through its learn endpoints; for cluster-wide training, first the score
 * fusion takes a step on how the content scanners judged it. The API's training calls and the
 * quarantine's actions both come through here.
 *
 * <p>A domain's training (its users' release-and-train and train-as-spam, a domain login's API
 * calls) teaches that domain's counts and weights only. It does not step the fusion, whose weights
 * judge every tenant's mail: one tenant's training must not shift how another tenant's mail is
 * scored.
 */
@ApplicationScoped
public class ClassifierTraining {

    private static final Logger LOG = Logger.getLogger(ClassifierTraining.class.getName());

    @Inject private ScannerSet engines;

    protected ClassifierTraining() {}

    ClassifierTraining(ScannerSet engines) {
        this.engines = engines;
    }

    /**
     * Learns {@code message} (raw, any line endings; this gateway's verdict fields are removed
     * first so the classifier never learns its own words) for {@code scope} ({@code ""} =
     * cluster-wide). When rspamd cannot learn, {@code rspamdRequired} decides: a {@link
     * TemporaryFailure}, or a logged warning.
     */
    public void learn(byte[] message, boolean spam, String scope, boolean rspamdRequired) {
        byte[] crlf = VerdictHeaders.strip(Crlf.normalize(message));
        if (scope.isEmpty()) {
            // The fusion learns from the scan as it was before this message taught bayes (ADR
            // 0019).
            engines.fusion().learn(engines.trainingScan(crlf, scope), spam);
        }
        engines.train(engines.parse(crlf), spam, scope);
        engines.externalLearner()
                .ifPresent(
                        rspamd -> {
                            try {
                                rspamd.learn(crlf, spam)
                                        .ifPresent(
                                                declined ->
                                                        LOG.fine(
                                                                "rspamd did not learn: "
                                                                        + declined));
                            } catch (ScannerUnavailable e) {
                                if (rspamdRequired) {
                                    throw new TemporaryFailure(
                                            "rspamd could not learn: " + e.getMessage(), e);
                                }
                                LOG.warning(
                                        "rspamd could not learn (the built-in classifier did): "
                                                + e.getMessage());
                            }
                        });
    }
}
