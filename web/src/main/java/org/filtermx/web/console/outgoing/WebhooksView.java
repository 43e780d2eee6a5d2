package org.filtermx.web.console.outgoing;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.filtermx.application.WebhookService;
import org.filtermx.application.WebhookService.Registered;
import org.filtermx.application.WebhookService.TestQueued;
import org.filtermx.application.WebhookService.WebhookEntry;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/**
 * The webhooks card of {@code outgoing.xhtml}, for administrators and resellers: register a URL for
 * the events about outgoing locks (its signing secret is shown once, right after), send one a
 * signed test event, see the latest deliveries of one, remove one. {@link WebhookService} checks
 * who may.
 */
@Named
@ViewScoped
public class WebhooksView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient WebhookService webhooks;
    @Inject private transient ConsoleUser user;

    private List<WebhookEntry> list = List.of();
    private String url;
    private String secret;
    private WebhookEntry shown;

    @PostConstruct
    public void init() {
        if (user.isManager()) {
            load();
        }
    }

    public void load() {
        List<WebhookEntry> rows = Feedback.attempt(() -> webhooks.list(user.caller()));
        list = rows == null ? List.of() : rows;
    }

    public void register() {
        Registered r = Feedback.attempt(() -> webhooks.register(user.caller(), url, null));
        if (r != null) {
            secret = r.secret();
            url = null;
            Feedback.info("Webhook added. Copy its signing secret now: it is not shown again.");
            load();
        }
    }

    public void show(WebhookEntry entry) {
        shown = Feedback.attempt(() -> webhooks.get(user.caller(), entry.id()));
    }

    /**
     * Queues a signed test event for this webhook and shows its deliveries, the test among them.
     */
    public void test(WebhookEntry entry) {
        TestQueued queued = Feedback.attempt(() -> webhooks.test(user.caller(), entry.id()));
        if (queued != null) {
            Feedback.info(
                    "Test event "
                            + queued.id()
                            + " queued for "
                            + entry.url()
                            + ": it is delivered within seconds, signed like every event.");
            show(entry);
        }
    }

    public void remove(WebhookEntry entry) {
        if (Feedback.attempt(() -> webhooks.remove(user.caller(), entry.id()))) {
            Feedback.info("Webhook " + entry.url() + " removed.");
        }
        shown = null;
        secret = null;
        load();
    }

    public List<WebhookEntry> getList() {
        return list;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getSecret() {
        return secret;
    }

    public WebhookEntry getShown() {
        return shown;
    }
}
