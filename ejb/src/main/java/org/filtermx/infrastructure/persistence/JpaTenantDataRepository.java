package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.filtermx.domain.model.domain.TenantDataRepository;

/**
 * Purges a removed domain's data with one statement per table; child rows (recipients, events) go
 * by their foreign keys' {@code ON DELETE CASCADE}. The quarantine audit stays: it is the
 * administrators' record and no tenant reads it.
 */
@ApplicationScoped
public class JpaTenantDataRepository implements TenantDataRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public int purge(String domainName) {
        int rows = update("DELETE FROM quarantine_message WHERE domain = ?1", domainName);
        rows +=
                update(
                        "DELETE FROM message_log WHERE domain = ?1"
                                + " AND NOT EXISTS (SELECT 1 FROM spool_message s WHERE s.log_id = message_log.id)",
                        domainName);
        rows +=
                update(
                        "DELETE FROM filter_list_entry WHERE owner_type = 'DOMAIN' AND owner = ?1",
                        domainName);
        // A domain name holds no '%' or '_' (RFC 1035 letters, digits, hyphens), so LIKE is exact.
        rows +=
                update(
                        "DELETE FROM filter_list_entry WHERE owner_type = 'USER' AND owner LIKE ?1",
                        "%@" + domainName);
        rows += update("DELETE FROM filter_policy WHERE scope = ?1", domainName);
        // What its destination said about its addresses (ADR 0031) is no one else's business.
        rows += update("DELETE FROM recipient_callout WHERE domain = ?1", domainName);
        rows += update("DELETE FROM callout_domain WHERE domain = ?1", domainName);
        rows += update("DELETE FROM recipient_evidence WHERE domain = ?1", domainName);
        return rows;
    }

    private int update(String sql, String value) {
        return em.createNativeQuery(sql).setParameter(1, value).executeUpdate();
    }
}
