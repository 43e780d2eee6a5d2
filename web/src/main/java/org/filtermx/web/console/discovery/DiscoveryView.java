package org.filtermx.web.console.discovery;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import org.filtermx.application.DiscoveredRecipients;
import org.filtermx.application.RecipientDiscoveryService;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/**
 * {@code discovery.xhtml?name=}: the addresses learned for a domain with their evidence, what
 * applying them would change and refuse, and the one-click apply of exactly the view shown (its
 * etag goes with the apply, so a view that went stale is refused and shown again). The service
 * checks that the caller manages the domain.
 */
@Named
@ViewScoped
public class DiscoveryView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Inject private transient RecipientDiscoveryService discovery;
    @Inject private transient ConsoleUser user;

    private String name;
    private String mode = "merge";
    private DiscoveredRecipients view;

    /** Reads the candidates (a GET changes nothing). */
    public void load() {
        if (name == null || name.isBlank()) {
            Feedback.error("No domain was named.");
            return;
        }
        DiscoveredRecipients read =
                Feedback.attempt(() -> discovery.candidates(user.caller(), name, mode));
        if (read != null) {
            view = read;
        }
    }

    /** Applies the view on screen; a stale one is refused and the fresh one shown. */
    public void apply() {
        if (view == null) {
            return;
        }
        String etag = view.etag();
        DiscoveredRecipients applied =
                Feedback.attempt(() -> discovery.apply(user.caller(), name, mode, etag));
        if (applied != null) {
            view = applied;
            Feedback.info(
                    "The local recipients list of "
                            + name
                            + " now has "
                            + applied.currentList().size()
                            + " addresses; mail to any other address is refused.");
        } else {
            load();
        }
    }

    /**
     * The evidence of one candidate in words, e.g. {@code sender ×3 (2026-12-01 .. 2026-12-03)}.
     */
    public String evidence(DiscoveredRecipients.Candidate c) {
        return c.evidence().stream()
                .map(
                        e ->
                                e.firstSeen() == null
                                        ? label(e.source())
                                        : label(e.source())
                                                + " ×"
                                                + e.count()
                                                + " ("
                                                + day(e.firstSeen())
                                                + " – "
                                                + day(e.lastSeen())
                                                + ")")
                .collect(Collectors.joining("; "));
    }

    /** How many addresses that received mail recently the apply would refuse, in words. */
    public String getRiskSummary() {
        int n = view == null ? 0 : view.wouldRefuseCount();
        return n == 1 ? "1 address would be refused" : n + " addresses would be refused";
    }

    private static String label(String source) {
        return switch (source) {
            case "sender" -> "sent mail";
            case "reply" -> "mail to it was answered";
            case "list" -> "on the list";
            case "user" -> "email user";
            default -> source;
        };
    }

    private static String day(Instant at) {
        return DAY.format(at);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public DiscoveredRecipients getView() {
        return view;
    }
}
