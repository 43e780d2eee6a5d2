package org.filtermx.application.internal.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.logging.Logger;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.port.RecipientProbe;
import org.filtermx.domain.model.domain.Domain;

/**
 * The catch-all rule of auto-enable (ADR 0025): a domain whose destination accepts every address
 * must not make every address with held spam an email user, or a spammer's dictionary attack would
 * create thousands of users and send each a welcome mail. Auto-enable is therefore allowed only
 * when unknown recipients are refused: by the local recipients list at RCPT, or by the destination
 * itself, which a probe with a random recipient shows at the moment auto-enable is switched on.
 */
@ApplicationScoped
public class CatchAllRule {

    private static final Logger LOG = Logger.getLogger(CatchAllRule.class.getName());

    private final RecipientProbe probe;

    @Inject
    public CatchAllRule(RecipientProbe probe) {
        this.probe = probe;
    }

    /** For CDI's proxy. */
    protected CatchAllRule() {
        this.probe = null;
    }

    /**
     * Passes when {@code domain} may have auto-enable on, refuses with {@link InvalidRequest}
     * saying why otherwise. Only a domain that has it on is checked.
     */
    public void requireAllowed(Domain domain) {
        if (!domain.autoEnableUsers() || domain.refusesUnknownRecipients()) {
            return;
        }
        if (domain.destinationCatchAll()) {
            throw new InvalidRequest(
                    "Automatic activation cannot be switched on for "
                            + domain.name()
                            + ": its destination is marked as a catch-all (it accepts mail for"
                            + " every address), so every made-up address that spam is sent to"
                            + " would become a user and get a welcome mail. Use a local recipients"
                            + " list (then unknown addresses are refused), or clear the catch-all"
                            + " mark once the destination refuses unknown addresses.");
        }
        String random = UUID.randomUUID() + "@" + domain.name();
        RecipientProbe.Result result = probe.probe(domain.routes(), random);
        LOG.info("catch-all probe of " + domain.name() + ": " + result.detail());
        switch (result.answer()) {
            case REFUSED -> {}
            case ACCEPTED ->
                    throw new InvalidRequest(
                            "Automatic activation cannot be switched on for "
                                    + domain.name()
                                    + ": its destination is a catch-all. It accepted mail for the"
                                    + " made-up address "
                                    + random
                                    + ", so every made-up address that spam is sent to would"
                                    + " become a user and get a welcome mail. Make the destination"
                                    + " refuse unknown addresses, or use a local recipients list.");
            case UNKNOWN ->
                    throw new InvalidRequest(
                            "Automatic activation cannot be switched on for "
                                    + domain.name()
                                    + " yet: FilterMX could not find out whether its destination"
                                    + " refuses unknown addresses ("
                                    + result.detail()
                                    + "). Try again in a minute, or use a local recipients list.");
        }
    }
}
