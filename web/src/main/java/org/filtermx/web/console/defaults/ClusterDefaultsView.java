package org.filtermx.web.console.defaults;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.filtermx.application.FilterAdministration;
import org.filtermx.application.FilterAdministration.PolicyView;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;
import org.filtermx.web.console.PolicyForm;

/** {@code defaults.xhtml}: thresholds, engines and retention every domain inherits (scope ""). */
@Named
@ViewScoped
public class ClusterDefaultsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient FilterAdministration filters;
    @Inject private transient ConsoleUser user;

    private PolicyForm policy;

    @PostConstruct
    public void init() {
        PolicyView view = Feedback.attempt(() -> filters.policy(user.caller(), ""));
        policy = view == null ? null : PolicyForm.of(view);
    }

    public void save() {
        PolicyView saved = Feedback.attempt(() -> filters.changePolicy(user.caller(), "", policy.change(null)));
        if (saved != null) {
            policy = PolicyForm.of(saved);
            Feedback.info("Cluster defaults saved. Domains without their own values follow them within seconds.");
        }
    }

    public PolicyForm getPolicy() {
        return policy;
    }
}
