package org.filtermx.web.console.domains;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.filtermx.application.DkimKeyDetails;
import org.filtermx.application.DkimKeyService;
import org.filtermx.application.DnsStatus;
import org.filtermx.application.DnsStatusService;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/**
 * {@code dns.xhtml?name=}: a domain's DNS status (MX, SPF, DKIM, the destination's allowed
 * addresses, each with the records to publish) and its DKIM keys (generate, activate, remove). The
 * services check that the caller manages the domain.
 */
@Named
@ViewScoped
public class DomainDnsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient DkimKeyService dkim;
    @Inject private transient DnsStatusService dns;
    @Inject private transient ConsoleUser user;

    private String name;
    private DnsStatus status;
    private List<DkimKeyDetails> keys = List.of();
    private String algorithm = "rsa";
    private String selector;

    /** Reads the keys and asks DNS (a GET changes nothing). */
    public void load() {
        if (name == null || name.isBlank()) {
            Feedback.error("No domain was named.");
            return;
        }
        List<DkimKeyDetails> listed = Feedback.attempt(() -> dkim.list(user.caller(), name));
        if (listed == null) {
            return;
        }
        keys = listed;
        status = Feedback.attempt(() -> dns.status(user.caller(), name));
    }

    public void generateKey() {
        DkimKeyDetails created =
                Feedback.attempt(() -> dkim.generate(user.caller(), name, algorithm, selector));
        if (created != null) {
            Feedback.info(
                    "Key "
                            + created.selector()
                            + " generated. Publish its record, then activate it.");
            selector = null;
            load();
        }
    }

    public void activateKey(long id) {
        DkimKeyDetails active = Feedback.attempt(() -> dkim.activate(user.caller(), name, id));
        if (active != null) {
            Feedback.info(
                    "Outgoing mail of " + name + " is now signed with " + active.selector() + ".");
            load();
        }
    }

    public void removeKey(long id) {
        if (Feedback.attempt(() -> dkim.remove(user.caller(), name, id))) {
            Feedback.info("Key removed.");
            load();
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public DnsStatus getStatus() {
        return status;
    }

    public List<DkimKeyDetails> getKeys() {
        return keys;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(String algorithm) {
        this.algorithm = algorithm;
    }

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = selector;
    }
}
