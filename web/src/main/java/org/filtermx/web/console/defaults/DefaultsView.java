package org.filtermx.web.console.defaults;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.filtermx.application.FilterAdministration;
import org.filtermx.application.FilterAdministration.PolicySettings;
import org.filtermx.application.ReleaseKeyService;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;
import org.filtermx.web.console.PolicyForm;

/**
 * {@code defaults.xhtml}: thresholds, engines and retention every domain inherits (scope ""), and
 * the rotation of the release-link key (ADR 0018).
 */
@Named
@ViewScoped
public class DefaultsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient FilterAdministration filters;
    @Inject private transient ConsoleUser user;
    @Inject private transient ReleaseKeyService releaseKeys;

    private PolicyForm policy;

    @PostConstruct
    public void init() {
        PolicySettings view = Feedback.attempt(() -> filters.policy(user.caller(), ""));
        policy = view == null ? null : PolicyForm.of(view);
    }

    public void save() {
        PolicySettings saved =
                Feedback.attempt(
                        () -> filters.changePolicy(user.caller(), "", policy.change(null)));
        if (saved != null) {
            policy = PolicyForm.of(saved);
            Feedback.info(
                    "Cluster defaults saved. Domains without their own values follow them within seconds.");
        }
    }

    public void rotateReleaseKey() {
        ReleaseKeyService.Rotation done =
                Feedback.attempt(() -> releaseKeys.rotate(user.caller(), false));
        if (done != null) {
            Feedback.info(
                    "Release links are now signed with key "
                            + done.keyId()
                            + ". Links issued before keep working until they expire.");
        }
    }

    public void revokeReleaseLinks() {
        ReleaseKeyService.Rotation done =
                Feedback.attempt(() -> releaseKeys.rotate(user.caller(), true));
        if (done != null) {
            Feedback.info(
                    "Release links are now signed with key "
                            + done.keyId()
                            + "; the "
                            + done.previousKeysRevoked()
                            + " earlier key(s) are revoked and their links no longer work.");
        }
    }

    public PolicyForm getPolicy() {
        return policy;
    }
}
