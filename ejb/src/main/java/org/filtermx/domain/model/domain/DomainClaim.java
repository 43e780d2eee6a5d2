package org.filtermx.domain.model.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * A name that a tenant below the administrators added to a domain (the domain's own name or an
 * alias) and has not yet proven to control. While the claim exists the name takes no mail; it ends
 * when the tenant publishes {@link #recordValue()} at {@link #recordName()} and asks for a check,
 * or when an administrator approves it.
 */
@Entity
@Table(name = "domain_claim")
@NamedQuery(
        name = "DomainClaim.findByName",
        query = "SELECT c FROM DomainClaim c WHERE c.name = :name")
@NamedQuery(
        name = "DomainClaim.findByDomain",
        query = "SELECT c FROM DomainClaim c WHERE c.domainId = :domainId ORDER BY c.name")
@NamedQuery(name = "DomainClaim.findAll", query = "SELECT c FROM DomainClaim c")
public class DomainClaim {

    /** The label under the claimed name where the token is published. */
    public static final String RECORD_LABEL = "_filtermx-challenge";

    /** What the TXT record's text starts with, before the token. */
    public static final String RECORD_PREFIX = "filtermx-verification=";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, unique = true, length = 253)
    private String name;

    @Column(name = "domain_id", nullable = false)
    private long domainId;

    @Column(name = "token", nullable = false, length = 64)
    private String token;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DomainClaim() {}

    /** A claim on {@code name} for the domain {@code domainId}, with a fresh 128-bit token. */
    public DomainClaim(String name, long domainId) {
        this.name = DomainName.normalize(name);
        this.domainId = domainId;
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public String name() {
        return name;
    }

    public long domainId() {
        return domainId;
    }

    public String token() {
        return token;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The owner name of the TXT record that proves control: {@code _filtermx-challenge.<name>}. */
    public String recordName() {
        return RECORD_LABEL + "." + name;
    }

    /** The text of that TXT record: {@code filtermx-verification=<token>}. */
    public String recordValue() {
        return RECORD_PREFIX + token;
    }

    /**
     * Whether one of the TXT texts found proves control: exactly the expected value, spaces around
     * it ignored. The token is compared whole, so a record for another claim never counts.
     */
    public boolean provenBy(Iterable<String> texts) {
        String expected = recordValue();
        for (String text : texts) {
            if (text != null && text.length() <= 255 && text.strip().equals(expected)) {
                return true;
            }
        }
        return false;
    }
}
