package org.filtermx.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.logging.Logger;
import org.filtermx.application.Caller;
import org.filtermx.application.Forbidden;
import org.filtermx.application.NotFound;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.application.TrainingService;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.filter.ScannerUnavailable;

/**
 * Trains the built-in classifier in the database (shared by every node) and, where rspamd is
 * configured, rspamd's own classifier through its learn endpoints.
 */
@Stateless
public class DefaultTrainingService implements TrainingService {

    private static final Logger LOG = Logger.getLogger(DefaultTrainingService.class.getName());

    @Inject private FilterEngines engines;
    @Inject private DomainRepository domains;

    @Override
    public void train(Caller caller, byte[] message, boolean spam, String domain) {
        if (caller == null || !caller.admin()) {
            throw new Forbidden("only administrators train the classifier through the API");
        }
        String scope = "";
        if (domain != null) {
            scope = domain.toLowerCase(Locale.ROOT);
            if (domains.findByName(scope).isEmpty()) {
                throw new NotFound("no hosted domain " + domain);
            }
        }
        byte[] crlf = Crlf.normalize(message);
        engines.trainer().train(engines.parse(crlf), spam, scope);
        engines.rspamd().ifPresent(rspamd -> {
            try {
                var outcome = spam ? rspamd.learnSpam(crlf) : rspamd.learnHam(crlf);
                if (!outcome.learned()) {
                    LOG.fine("rspamd did not learn: " + outcome.explanation());
                }
            } catch (ScannerUnavailable e) {
                throw new TemporaryFailure("rspamd could not learn: " + e.getMessage(), e);
            }
        });
    }
}
