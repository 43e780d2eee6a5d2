package org.filtermx.domain.model.filter;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.regex.Pattern;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * One allow or block list entry: who owns it (the cluster, a domain or an email user), whether it
 * allows or blocks, whether it matches the sender or the recipient, and the pattern: a full address
 * ({@code friend@example.org}), a domain ({@code example.org}, matching its sub-domains too) or
 * {@code @example.org} (that domain only).
 */
@Entity
@Table(name = "filter_list_entry")
@NamedQuery(
        name = "FilterListEntry.findAll",
        query = "SELECT e FROM FilterListEntry e ORDER BY e.id")
@NamedQuery(
        name = "FilterListEntry.findByOwner",
        query =
                "SELECT e FROM FilterListEntry e WHERE e.ownerType = :type AND e.owner = :owner ORDER BY e.id")
public class FilterListEntry {

    /** Who the entry belongs to, which is also where it applies. */
    public enum OwnerType {
        CLUSTER,
        DOMAIN,
        USER
    }

    /** Allow (skip content scores) or block (refuse). */
    public enum ListAction {
        ALLOW,
        BLOCK
    }

    /** Which address the pattern is compared with. */
    public enum MatchOn {
        SENDER,
        RECIPIENT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "owner_type", nullable = false, length = 8)
    private OwnerType ownerType;

    @Column(name = "owner", nullable = false, length = 320)
    private String owner;

    @Enumerated(EnumType.STRING)
    @Column(name = "action", nullable = false, length = 8)
    private ListAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "match_on", nullable = false, length = 16)
    private MatchOn matchOn;

    @Column(name = "pattern", nullable = false, length = 320)
    private String pattern;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected FilterListEntry() {}

    /**
     * Characters no address or domain pattern has: white space (CR and LF included), controls,
     * separators.
     */
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s\\p{Cntrl}<>,;\"]");

    public FilterListEntry(
            OwnerType ownerType, String owner, ListAction action, MatchOn matchOn, String pattern) {
        String p = pattern == null ? "" : LowerCase.of(pattern.strip());
        if (p.isEmpty() || p.length() > 320 || FORBIDDEN.matcher(p).find() || p.endsWith("@")) {
            throw new IllegalArgumentException(
                    "a list pattern is an address, a domain or @domain without spaces or brackets");
        }
        this.ownerType = ownerType;
        this.owner = owner == null ? "" : LowerCase.of(owner);
        this.action = action;
        this.matchOn = matchOn;
        this.pattern = p;
        this.createdAt = Instant.now();
    }

    /** Whether {@code address} (lower-case) matches this entry's pattern. */
    public boolean matches(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        String a = LowerCase.of(address);
        if (pattern.startsWith("@")) {
            return a.endsWith(pattern);
        }
        if (pattern.contains("@")) {
            return a.equals(pattern);
        }
        String domain = a.substring(a.lastIndexOf('@') + 1);
        return domain.equals(pattern) || domain.endsWith("." + pattern);
    }

    public Long id() {
        return id;
    }

    public OwnerType ownerType() {
        return ownerType;
    }

    public String owner() {
        return owner;
    }

    public ListAction action() {
        return action;
    }

    public MatchOn matchOn() {
        return matchOn;
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return LowerCase.of(ownerType.name())
                + (owner.isEmpty() ? "" : " " + owner)
                + " "
                + LowerCase.of(action.name())
                + " "
                + LowerCase.of(matchOn.name())
                + " "
                + pattern;
    }

    /** Whether {@code other} says the same as this entry (same action, match and pattern). */
    public boolean sameRuleAs(FilterListEntry other) {
        return action == other.action && matchOn == other.matchOn && pattern.equals(other.pattern);
    }
}
