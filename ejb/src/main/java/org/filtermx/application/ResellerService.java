package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/**
 * Resellers: accounts that own customer domains. The administrator adds resellers; a reseller may
 * add sub-resellers, whose domains it then sees and manages too.
 */
public interface ResellerService {

    /**
     * A reseller as listed: its parent reseller (null: added by an administrator) and domain count.
     */
    record ResellerEntry(String username, String parent, long domains, Instant createdAt) {}

    /** Adds a reseller under the caller (an administrator, or a reseller adding a sub-reseller). */
    ResellerEntry add(Caller caller, String username, String password);

    /**
     * The resellers the caller may manage: all for administrators, its sub-resellers for a
     * reseller.
     */
    List<ResellerEntry> list(Caller caller);

    /**
     * Removes a reseller that owns no domains and has no sub-resellers ({@link Conflict}
     * otherwise).
     */
    void remove(Caller caller, String username);

    void changePassword(Caller caller, String username, String password);
}
