package org.filtermx.application.internal.filtering;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Locale;
import org.filtermx.application.Caller;
import org.filtermx.application.NotFound;
import org.filtermx.application.TrainingService;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.domain.model.domain.DomainRepository;

/**
 * Trains the classifiers through the API: cluster-wide by administrators, or for one domain by
 * those who manage it. rspamd must learn too where it is configured, or the call fails with 503 and
 * may be repeated.
 */
@Stateless
public class DefaultTrainingService implements TrainingService {

    @Inject private ClassifierTraining training;
    @Inject private DomainRepository domains;
    @Inject private Tenancy tenancy;

    @Override
    public void train(Caller caller, byte[] message, boolean spam, String domain) {
        String scope = "";
        if (domain == null) {
            Tenancy.requireAdmin(caller, "train the cluster-wide classifier; name a domain");
        } else {
            scope = domain.toLowerCase(Locale.ROOT);
            tenancy.requireManager(caller, scope);
            if (domains.findByName(scope).isEmpty()) {
                throw new NotFound("no hosted domain " + domain);
            }
        }
        training.learn(message, spam, scope, true);
    }
}
