package org.filtermx.domain.model.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * A hosted domain: mail for it is accepted on the MX port, filtered and delivered to its
 * destination routes. Alias domains share everything with their main domain.
 */
@Entity
@Table(name = "domain")
@SecondaryTable(
        name = "domain_auto_enable",
        pkJoinColumns = @PrimaryKeyJoinColumn(name = "domain_id"))
@SecondaryTable(name = "domain_outbound", pkJoinColumns = @PrimaryKeyJoinColumn(name = "domain_id"))
@SecondaryTable(
        name = "domain_recipient_check",
        pkJoinColumns = @PrimaryKeyJoinColumn(name = "domain_id"))
@SecondaryTable(
        name = "domain_tls_policy",
        pkJoinColumns = @PrimaryKeyJoinColumn(name = "domain_id"))
@NamedQuery(name = "Domain.findByName", query = "SELECT d FROM Domain d WHERE d.name = :name")
@NamedQuery(name = "Domain.findAll", query = "SELECT d FROM Domain d ORDER BY d.name")
public class Domain {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, unique = true, length = 253)
    private String name;

    @Column(name = "catch_all", nullable = false)
    private boolean catchAll;

    /** Null (no row in {@code domain_auto_enable}) means off, as for every domain before V16. */
    @Column(name = "auto_enable_users", table = "domain_auto_enable")
    private Boolean autoEnableUsers;

    @Column(name = "destination_catch_all", table = "domain_auto_enable")
    private Boolean destinationCatchAll;

    /** Null (no row in {@code domain_outbound}): the cluster's default (V19). */
    @Column(name = "spam_threshold", table = "domain_outbound")
    private Double outboundSpamThreshold;

    @Column(name = "lock_threshold", table = "domain_outbound")
    private Double outboundLockThreshold;

    /**
     * Null (no row in {@code domain_recipient_check}) means off, as for every domain before V22.
     */
    @Column(name = "verify_recipients", table = "domain_recipient_check")
    private Boolean verifyRecipients;

    @Column(name = "accept_unverified", table = "domain_recipient_check")
    private Boolean acceptUnverified;

    /** Null means off (V23). */
    @Column(name = "greylisting", table = "domain_recipient_check")
    private Boolean greylisting;

    /** Null (no row in {@code domain_tls_policy}) means opportunistic, as before V24. */
    @Column(name = "delivery", table = "domain_tls_policy", length = 16)
    private String deliveryTls;

    /** Null means optional (V24). */
    @Column(name = "inbound", table = "domain_tls_policy", length = 16)
    private String inboundTls;

    @Column(name = "admin_contact", length = 320)
    private String adminContact;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "domain_alias", joinColumns = @JoinColumn(name = "domain_id"))
    @Column(name = "name", nullable = false, length = 253)
    private Set<String> aliases = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "domain_route", joinColumns = @JoinColumn(name = "domain_id"))
    private List<DestinationRoute> routes = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "local_recipient", joinColumns = @JoinColumn(name = "domain_id"))
    @Column(name = "local_part", nullable = false, length = 64)
    private Set<String> localRecipients = new LinkedHashSet<>();

    protected Domain() {}

    public Domain(String name, List<DestinationRoute> routes) {
        this.name = DomainName.normalize(name);
        this.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        replaceRoutes(routes);
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean catchAll() {
        return catchAll;
    }

    public void setCatchAll(boolean catchAll) {
        this.catchAll = catchAll;
    }

    /** Whether recipients with held spam become email users on their own (issue 14). */
    public boolean autoEnableUsers() {
        return Boolean.TRUE.equals(autoEnableUsers);
    }

    public void setAutoEnableUsers(boolean on) {
        this.autoEnableUsers = on;
    }

    /** The operator's word that the destination accepts mail for every address of the domain. */
    public boolean destinationCatchAll() {
        return Boolean.TRUE.equals(destinationCatchAll);
    }

    public void setDestinationCatchAll(boolean catchAll) {
        this.destinationCatchAll = catchAll;
    }

    /**
     * Whether each new recipient is verified with a callout to the destination at RCPT time (ADR
     * 0031); off by default.
     */
    public boolean verifyRecipients() {
        return Boolean.TRUE.equals(verifyRecipients);
    }

    public void setVerifyRecipients(boolean on) {
        this.verifyRecipients = on;
    }

    /**
     * Whether a recipient the destination could not be asked about in time is accepted rather than
     * deferred with a 451.
     */
    public boolean acceptUnverified() {
        return Boolean.TRUE.equals(acceptUnverified);
    }

    public void setAcceptUnverified(boolean on) {
        this.acceptUnverified = on;
    }

    /** Whether first attempts are deferred by greylisting (ADR 0032); off by default. */
    public boolean greylisting() {
        return Boolean.TRUE.equals(greylisting);
    }

    public void setGreylisting(boolean on) {
        this.greylisting = on;
    }

    /** How mail to the domain's destination routes is protected; opportunistic by default. */
    public DeliveryTls deliveryTls() {
        return DeliveryTls.of(deliveryTls).orElse(DeliveryTls.OPPORTUNISTIC);
    }

    public void setDeliveryTls(DeliveryTls level) {
        this.deliveryTls = level.id();
    }

    /** Whether mail for the domain must arrive over STARTTLS; optional by default. */
    public InboundTls inboundTls() {
        return InboundTls.of(inboundTls).orElse(InboundTls.OPTIONAL);
    }

    public void setInboundTls(InboundTls value) {
        this.inboundTls = value.id();
    }

    /**
     * The score at or above which this domain's outgoing mail is blocked, or empty for the
     * cluster's default.
     */
    public OptionalDouble outboundSpamThreshold() {
        return outboundSpamThreshold == null
                ? OptionalDouble.empty()
                : OptionalDouble.of(outboundSpamThreshold);
    }

    /**
     * The score at or above which outgoing mail also locks its sender, or empty for the cluster's
     * default.
     */
    public OptionalDouble outboundLockThreshold() {
        return outboundLockThreshold == null
                ? OptionalDouble.empty()
                : OptionalDouble.of(outboundLockThreshold);
    }

    /** Sets the outbound thresholds; a null one goes back to the cluster's default. */
    public void setOutboundThresholds(Double spam, Double lock) {
        this.outboundSpamThreshold = spam;
        this.outboundLockThreshold = lock;
    }

    /**
     * Whether mail to an address not on the local recipients list is refused at RCPT: the list is
     * in use and the domain is not catch-all.
     */
    public boolean refusesUnknownRecipients() {
        return !localRecipients.isEmpty() && !catchAll;
    }

    public String adminContact() {
        return adminContact;
    }

    public void setAdminContact(String adminContact) {
        this.adminContact = adminContact;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Set<String> aliases() {
        return Set.copyOf(aliases);
    }

    public void addAlias(String alias) {
        String normalized = DomainName.normalize(alias);
        if (normalized.equals(name)) {
            throw new IllegalArgumentException("a domain cannot be its own alias");
        }
        aliases.add(normalized);
    }

    public boolean removeAlias(String alias) {
        return aliases.remove(DomainName.normalize(alias));
    }

    /** The destination routes in the order they are tried. */
    public List<DestinationRoute> routes() {
        return routes.stream().sorted(DestinationRoute.BY_PRIORITY).toList();
    }

    public void replaceRoutes(List<DestinationRoute> newRoutes) {
        if (newRoutes == null || newRoutes.isEmpty()) {
            throw new IllegalArgumentException("a domain needs at least one destination route");
        }
        routes.clear();
        routes.addAll(new LinkedHashSet<>(newRoutes));
    }

    /** The local parts accepted when the list is in use; empty means every address is accepted. */
    public Set<String> localRecipients() {
        return Set.copyOf(localRecipients);
    }

    public void replaceLocalRecipients(Collection<String> localParts) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String part : localParts) {
            if (part == null || part.isBlank() || part.length() > 64 || part.contains("@")) {
                throw new IllegalArgumentException(
                        "a local recipient is the part before the @, at most 64 characters: "
                                + part);
            }
            normalized.add(LowerCase.of(part.trim()));
        }
        localRecipients.clear();
        localRecipients.addAll(normalized);
    }
}
