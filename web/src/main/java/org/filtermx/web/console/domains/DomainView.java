package org.filtermx.web.console.domains;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.application.FilterAdministration;
import org.filtermx.application.FilterAdministration.PolicySettings;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;
import org.filtermx.web.console.PolicyForm;

/**
 * {@code domain.xhtml?name=}: one domain's aliases, destination routes, local recipients, settings
 * (catch-all, automatic activation, administrator contact, domain login password) and filter
 * policy.
 */
@Named
@ViewScoped
public class DomainView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One editable route row. */
    public static class RouteRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private String host;
        private Integer port = 25;
        private Integer priority = 10;

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public Integer getPort() {
            return port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public Integer getPriority() {
            return priority;
        }

        public void setPriority(Integer priority) {
            this.priority = priority;
        }
    }

    @Inject private transient DomainService domains;
    @Inject private transient FilterAdministration filters;
    @Inject private transient ConsoleUser user;

    private String name;
    private DomainDetails domain;
    private String alias;
    private List<RouteRow> routes = new ArrayList<>();
    private String localRecipients;
    private boolean catchAll;
    private boolean autoEnableUsers;
    private boolean destinationCatchAll;
    private boolean verifyRecipients;
    private boolean acceptUnverified;
    private boolean greylisting;
    private String deliveryTls;
    private String inboundTls;
    private String adminContact;
    private Double outboundSpamThreshold;
    private Double outboundLockThreshold;
    private boolean outboundDefaults;
    private String domainPassword;
    private PolicyForm policy;
    private PolicySettings defaults;

    /** Reads the domain named in the address (a GET changes nothing). */
    public void load() {
        if (name == null || name.isBlank()) {
            Feedback.error("No domain was named.");
            return;
        }
        show(Feedback.attempt(() -> domains.get(user.caller(), name)));
        if (domain != null) {
            PolicySettings effective =
                    Feedback.attempt(() -> filters.policy(user.caller(), domain.name()));
            defaults =
                    effective == null
                            ? null
                            : Feedback.attempt(() -> filters.policy(user.caller(), ""));
            policy = effective == null ? null : PolicyForm.of(effective);
        }
    }

    private void show(DomainDetails details) {
        if (details == null) {
            return;
        }
        domain = details;
        routes = new ArrayList<>();
        for (DomainDetails.Route r : details.destinations()) {
            RouteRow row = new RouteRow();
            row.host = r.host();
            row.port = r.port();
            row.priority = r.priority();
            routes.add(row);
        }
        localRecipients = String.join("\n", details.localRecipients());
        catchAll = details.catchAll();
        autoEnableUsers = details.autoEnableUsers();
        destinationCatchAll = details.destinationCatchAll();
        verifyRecipients = details.recipientChecks().verifyRecipients();
        acceptUnverified = details.recipientChecks().acceptUnverified();
        greylisting = details.recipientChecks().greylisting();
        deliveryTls = details.tlsPolicy().delivery();
        inboundTls = details.tlsPolicy().inbound();
        adminContact = details.adminContact();
        outboundSpamThreshold = details.outbound().spamThreshold();
        outboundLockThreshold = details.outbound().lockThreshold();
        outboundDefaults = details.outbound().clusterDefault();
    }

    public void addAlias() {
        DomainDetails changed =
                Feedback.attempt(
                        () -> domains.addAlias(user.caller(), domain.name(), alias.strip()));
        if (changed != null) {
            Feedback.info(
                    changed.pendingAliases()
                                    .contains(alias.strip().toLowerCase(java.util.Locale.ROOT))
                            ? "Alias "
                                    + alias.strip()
                                    + " added; it takes no mail until its control is proven."
                            : "Alias " + alias.strip() + " added.");
            alias = null;
            show(changed);
        }
    }

    public void removeAlias(String a) {
        DomainDetails changed =
                Feedback.attempt(() -> domains.removeAlias(user.caller(), domain.name(), a));
        if (changed != null) {
            Feedback.info("Alias " + a + " removed.");
            show(changed);
        }
    }

    /** Asks FilterMX to look up the pending names' TXT records now. */
    public void verify() {
        DomainDetails changed =
                Feedback.attempt(() -> domains.verify(user.caller(), domain.name()));
        if (changed != null) {
            Feedback.info(
                    changed.verification() == null
                            ? "Verified: " + changed.name() + " now takes mail."
                            : "Partly verified; still pending: " + pendingNames(changed) + ".");
            show(changed);
        }
    }

    /** An administrator approves the pending names. */
    public void approve() {
        DomainDetails changed =
                Feedback.attempt(() -> domains.approve(user.caller(), domain.name()));
        if (changed != null) {
            Feedback.info("Approved: " + changed.name() + " and its aliases now take mail.");
            show(changed);
        }
    }

    private static String pendingNames(DomainDetails d) {
        List<String> names = new ArrayList<>();
        if (d.pending()) {
            names.add(d.name());
        }
        names.addAll(d.pendingAliases());
        return String.join(", ", names);
    }

    public void addRoute() {
        routes.add(new RouteRow());
    }

    public void removeRoute(RouteRow row) {
        routes.remove(row);
    }

    public void saveRoutes() {
        List<DomainDetails.Route> list =
                routes.stream()
                        .map(
                                r ->
                                        new DomainDetails.Route(
                                                r.host == null ? "" : r.host.strip(),
                                                r.port,
                                                r.priority))
                        .toList();
        DomainDetails changed =
                Feedback.attempt(
                        () -> domains.replaceDestinations(user.caller(), domain.name(), list));
        if (changed != null) {
            Feedback.info("Destination routes saved.");
            show(changed);
        }
    }

    public void saveLocalRecipients() {
        List<String> parts =
                localRecipients == null
                        ? List.of()
                        : Arrays.stream(localRecipients.split("[\\s,;]+"))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .toList();
        DomainDetails changed =
                Feedback.attempt(
                        () -> domains.replaceLocalRecipients(user.caller(), domain.name(), parts));
        if (changed != null) {
            Feedback.info(
                    parts.isEmpty()
                            ? "Local recipients list cleared: every address is accepted."
                            : "Local recipients saved (" + parts.size() + ").");
            show(changed);
        }
    }

    public void saveSettings() {
        String contact = adminContact == null ? "" : adminContact.strip();
        String password =
                domainPassword == null || domainPassword.isEmpty() ? null : domainPassword;
        DomainDetails changed =
                Feedback.attempt(
                        () ->
                                domains.changeSettings(
                                        user.caller(),
                                        domain.name(),
                                        catchAll,
                                        contact,
                                        password,
                                        null,
                                        autoEnableUsers,
                                        destinationCatchAll,
                                        null,
                                        new DomainDetails.RecipientChecksChange(
                                                verifyRecipients, acceptUnverified, greylisting),
                                        new DomainDetails.TlsPolicyChange(
                                                deliveryTls, inboundTls)));
        if (changed != null) {
            domainPassword = null;
            Feedback.info(
                    password == null ? "Settings saved." : "Settings and domain password saved.");
            show(changed);
        }
    }

    /**
     * Saves the outbound thresholds (administrators and resellers; the service refuses others), or
     * goes back to the cluster's defaults.
     */
    public void saveOutbound() {
        DomainDetails.OutboundChange change =
                outboundDefaults
                        ? new DomainDetails.OutboundChange(null, null, true)
                        : new DomainDetails.OutboundChange(
                                outboundSpamThreshold, outboundLockThreshold, false);
        DomainDetails changed =
                Feedback.attempt(
                        () ->
                                domains.changeSettings(
                                        user.caller(),
                                        domain.name(),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        change));
        if (changed != null) {
            Feedback.info("Outbound thresholds saved.");
            show(changed);
        }
    }

    public Double getOutboundSpamThreshold() {
        return outboundSpamThreshold;
    }

    public void setOutboundSpamThreshold(Double outboundSpamThreshold) {
        this.outboundSpamThreshold = outboundSpamThreshold;
    }

    public Double getOutboundLockThreshold() {
        return outboundLockThreshold;
    }

    public void setOutboundLockThreshold(Double outboundLockThreshold) {
        this.outboundLockThreshold = outboundLockThreshold;
    }

    public boolean isOutboundDefaults() {
        return outboundDefaults;
    }

    public void setOutboundDefaults(boolean outboundDefaults) {
        this.outboundDefaults = outboundDefaults;
    }

    public void savePolicy() {
        PolicySettings saved =
                Feedback.attempt(
                        () ->
                                filters.changePolicy(
                                        user.caller(), domain.name(), policy.change(defaults)));
        if (saved != null) {
            policy = PolicyForm.of(saved);
            Feedback.info("Filter policy saved.");
        }
    }

    public String removeDomain() {
        if (Feedback.attempt(() -> domains.remove(user.caller(), domain.name()))) {
            Feedback.info("Domain " + domain.name() + " removed.");
            return "/console/domains.xhtml?faces-redirect=true";
        }
        return null;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public DomainDetails getDomain() {
        return domain;
    }

    /** Active aliases, then the pending ones. */
    public List<String> getAliasRows() {
        List<String> rows = new ArrayList<>(domain.aliases());
        rows.addAll(domain.pendingAliases());
        return rows;
    }

    public String getAlias() {
        return alias;
    }

    public void setAlias(String alias) {
        this.alias = alias;
    }

    public List<RouteRow> getRoutes() {
        return routes;
    }

    public String getLocalRecipients() {
        return localRecipients;
    }

    public void setLocalRecipients(String localRecipients) {
        this.localRecipients = localRecipients;
    }

    public boolean isCatchAll() {
        return catchAll;
    }

    public void setCatchAll(boolean catchAll) {
        this.catchAll = catchAll;
    }

    public boolean isAutoEnableUsers() {
        return autoEnableUsers;
    }

    public void setAutoEnableUsers(boolean autoEnableUsers) {
        this.autoEnableUsers = autoEnableUsers;
    }

    public boolean isDestinationCatchAll() {
        return destinationCatchAll;
    }

    public void setDestinationCatchAll(boolean destinationCatchAll) {
        this.destinationCatchAll = destinationCatchAll;
    }

    public boolean isVerifyRecipients() {
        return verifyRecipients;
    }

    public void setVerifyRecipients(boolean verifyRecipients) {
        this.verifyRecipients = verifyRecipients;
    }

    public boolean isAcceptUnverified() {
        return acceptUnverified;
    }

    public void setAcceptUnverified(boolean acceptUnverified) {
        this.acceptUnverified = acceptUnverified;
    }

    public boolean isGreylisting() {
        return greylisting;
    }

    public void setGreylisting(boolean greylisting) {
        this.greylisting = greylisting;
    }

    public String getDeliveryTls() {
        return deliveryTls;
    }

    public void setDeliveryTls(String deliveryTls) {
        this.deliveryTls = deliveryTls;
    }

    public String getInboundTls() {
        return inboundTls;
    }

    public void setInboundTls(String inboundTls) {
        this.inboundTls = inboundTls;
    }

    public String getAdminContact() {
        return adminContact;
    }

    public void setAdminContact(String adminContact) {
        this.adminContact = adminContact;
    }

    public String getDomainPassword() {
        return domainPassword;
    }

    public void setDomainPassword(String domainPassword) {
        this.domainPassword = domainPassword;
    }

    public PolicyForm getPolicy() {
        return policy;
    }
}
