package org.filtermx.web.console.defaults;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.filtermx.application.DomainService;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/**
 * The domain verification part of {@code defaults.xhtml}: how resellers prove control of the
 * domains and aliases they add, DNS TXT record or administrator approval (ADR 0014).
 */
@Named
@ViewScoped
public class DomainVerificationForm implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient DomainService domains;
    @Inject private transient ConsoleUser user;

    private String method;

    @PostConstruct
    public void init() {
        method = Feedback.attempt(() -> domains.verificationMethod(user.caller()));
    }

    public void save() {
        String saved =
                Feedback.attempt(() -> domains.changeVerificationMethod(user.caller(), method));
        if (saved != null) {
            method = saved;
            Feedback.info(
                    "approval".equals(saved)
                            ? "New domains and aliases of resellers now wait for an administrator's approval."
                            : "Resellers now prove control of new domains and aliases with a DNS TXT record.");
        }
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }
}
