package org.filtermx.domain.model.outgoing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * An outgoing user of a hosted domain: who may relay through the submission ports, with its limits,
 * its automatic lock setting and, for a smarthost account, where the real sender is read from. An
 * IP user's ranges are kept beside it ({@link OutgoingUserRepository#ranges}).
 */
@Entity
@Table(name = "outgoing_user")
@NamedQuery(
        name = "OutgoingUser.findByLogin",
        query = "SELECT u FROM OutgoingUser u WHERE u.loginName = :login")
@NamedQuery(
        name = "OutgoingUser.findByDomains",
        query = "SELECT u FROM OutgoingUser u WHERE u.domainId IN :domains ORDER BY u.id")
@NamedQuery(name = "OutgoingUser.findAll", query = "SELECT u FROM OutgoingUser u ORDER BY u.id")
public class OutgoingUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "domain_id", nullable = false)
    private long domainId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 8)
    private OutgoingUserKind kind;

    @Column(name = "login_name", length = 320)
    private String loginName;

    @Column(name = "password_hash", length = 200)
    private String passwordHash;

    @Column(name = "identity_source", length = 80)
    private String identitySource;

    @Column(name = "messages_per_hour", nullable = false)
    private int messagesPerHour;

    @Column(name = "recipients_per_hour", nullable = false)
    private int recipientsPerHour;

    @Column(name = "max_connections", nullable = false)
    private int maxConnections;

    @Column(name = "auto_lock", nullable = false)
    private boolean autoLock;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    protected OutgoingUser() {}

    private OutgoingUser(long domainId, OutgoingUserKind kind, String loginName, String hash) {
        this.domainId = domainId;
        this.kind = kind;
        this.loginName = loginName;
        this.passwordHash = hash;
        this.autoLock = true;
        this.createdAt = Instant.now();
        changeLimits(OutgoingLimits.DEFAULT);
        changeIdentitySource(IdentitySource.NONE);
    }

    /** A user that logs in with SMTP AUTH; {@code loginName} as {@link LoginName} made it. */
    public static OutgoingUser byLogin(long domainId, String loginName, String passwordHash) {
        Objects.requireNonNull(loginName, "loginName");
        Objects.requireNonNull(passwordHash, "passwordHash");
        return new OutgoingUser(
                domainId, OutgoingUserKind.USERNAME, LowerCase.of(loginName), passwordHash);
    }

    /** A user authorized by its client address; its ranges are stored beside it. */
    public static OutgoingUser byAddress(long domainId) {
        return new OutgoingUser(domainId, OutgoingUserKind.IP, null, null);
    }

    public Long id() {
        return id;
    }

    public long domainId() {
        return domainId;
    }

    public OutgoingUserKind kind() {
        return kind;
    }

    /** The SMTP AUTH login name, null for an IP user. */
    public String loginName() {
        return loginName;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public void changePassword(String hash) {
        if (kind != OutgoingUserKind.USERNAME) {
            throw new IllegalArgumentException("an IP user has no password");
        }
        this.passwordHash = Objects.requireNonNull(hash, "hash");
    }

    public IdentitySource identitySource() {
        return IdentitySource.parse(identitySource);
    }

    public void changeIdentitySource(IdentitySource source) {
        this.identitySource = source.smarthost() ? source.text() : null;
    }

    public OutgoingLimits limits() {
        return new OutgoingLimits(messagesPerHour, recipientsPerHour, maxConnections);
    }

    public void changeLimits(OutgoingLimits limits) {
        this.messagesPerHour = limits.messagesPerHour();
        this.recipientsPerHour = limits.recipientsPerHour();
        this.maxConnections = limits.connections();
    }

    public boolean autoLock() {
        return autoLock;
    }

    public void changeAutoLock(boolean on) {
        this.autoLock = on;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
