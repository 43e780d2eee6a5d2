package org.filtermx.application.internal.accounts;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.filtermx.application.Brand;
import org.filtermx.application.BrandingService;
import org.filtermx.application.LoginLinks;
import org.filtermx.application.WelcomeContent;
import org.filtermx.application.internal.reports.SystemMail;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.application.port.ReportRenderer;
import org.filtermx.domain.model.account.ActivationRepository;
import org.filtermx.domain.model.account.ActivationRepository.Activation;

/**
 * One welcome mail, exactly once: the pending welcome is claimed (a conditional update that holds
 * the row), the login link issued, the mail rendered, composed and spooled, all in one transaction
 * of its own. A failure anywhere rolls it all back and leaves the welcome pending; a racing sender
 * finds it claimed and sends nothing.
 */
@Stateless
public class WelcomeSender {

    @Inject private ActivationRepository activations;
    @Inject private LoginLinks links;
    @Inject private ReportRenderer renderer;
    @Inject private SystemMail mail;
    @Inject private InstallationSettings settings;
    @Inject private BrandingService brands;

    public WelcomeSender() {}

    WelcomeSender(
            ActivationRepository activations,
            LoginLinks links,
            ReportRenderer renderer,
            SystemMail mail,
            InstallationSettings settings) {
        this.activations = activations;
        this.links = links;
        this.renderer = renderer;
        this.mail = mail;
        this.settings = settings;
    }

    /** Sends {@code address}'s welcome if it is still pending; false when it was not. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean send(String address) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Optional<Activation> claimed = activations.claimWelcome(address, now);
        if (claimed.isEmpty()) {
            return false;
        }
        Activation a = claimed.get();
        LoginLinks.Link link = links.issue(a.address());
        WelcomeContent content =
                new WelcomeContent(
                        a.address(),
                        a.domain(),
                        link.url(),
                        link.expiresAt(),
                        settings.publicUrl() + "/console/",
                        a.reportsFrom(),
                        brands == null ? Brand.CLUSTER : brands.ofDomain(a.domain(), true));
        byte[] message = mail.compose(renderer.welcome(content), a.address(), now);
        mail.spool(
                "welcome-" + UUID.randomUUID().toString().replace("-", ""),
                a.domain(),
                a.address(),
                message,
                "welcome mail: the personal quarantine was switched on automatically",
                now);
        return true;
    }
}
