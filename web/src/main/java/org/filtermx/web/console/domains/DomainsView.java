package org.filtermx.web.console.domains;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/**
 * {@code domains.xhtml}: the domains the caller manages; add one with its first route, remove one.
 */
@Named
@ViewScoped
public class DomainsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient DomainService domains;
    @Inject private transient ConsoleUser user;

    private List<DomainDetails> list = List.of();
    private String name;
    private final DomainView.RouteRow route = new DomainView.RouteRow();

    @PostConstruct
    public void init() {
        List<DomainDetails> found = Feedback.attempt(() -> domains.list(user.caller()));
        list = found == null ? List.of() : found;
    }

    public String addDomain() {
        DomainDetails added =
                Feedback.attempt(
                        () ->
                                domains.add(
                                        user.caller(),
                                        name.strip(),
                                        List.of(
                                                new DomainDetails.Route(
                                                        route.getHost().strip(),
                                                        route.getPort(),
                                                        route.getPriority()))));
        if (added == null) {
            return null;
        }
        Feedback.info(
                added.pending()
                        ? "Domain "
                                + added.name()
                                + " added. It takes no mail until its control is proven: see below."
                        : "Domain " + added.name() + " added.");
        return "/console/domain.xhtml?faces-redirect=true&name=" + added.name();
    }

    public void removeDomain(String domain) {
        if (Feedback.attempt(() -> domains.remove(user.caller(), domain))) {
            Feedback.info("Domain " + domain + " removed.");
        }
        init();
    }

    public List<DomainDetails> getList() {
        return list;
    }

    public String aliases(DomainDetails d) {
        List<String> all = new java.util.ArrayList<>(d.aliases());
        d.pendingAliases().forEach(a -> all.add(a + " (pending)"));
        return String.join(", ", all);
    }

    /** "Active", or what the domain waits for. */
    public String status(DomainDetails d) {
        if (!d.pending()) {
            return "Active";
        }
        return d.verification() != null && "approval".equals(d.verification().method())
                ? "Pending: awaiting approval"
                : "Pending: awaiting DNS verification";
    }

    public String routes(DomainDetails d) {
        return String.join(
                ", ",
                d.destinations().stream()
                        .map(r -> r.host() + ":" + r.port() + " (" + r.priority() + ")")
                        .toList());
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The first destination route of the domain being added. */
    public DomainView.RouteRow getRoute() {
        return route;
    }
}
