package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.domain.model.schedule.PersistentTimerRepository;

/**
 * WildFly's timer rows in plain SQL, in the partition the server's timer store uses ({@code
 * FILTERMX_TIMER_PARTITION}, configure-filtermx.cli). The states and the idle {@code NODE_NAME} of
 * {@code NULL} are those WildFly's own statements write ({@code timer-sql.properties}: {@code
 * update-running} claims a row only while it is neither {@code IN_TIMEOUT} nor {@code
 * RETRY_TIMEOUT}).
 */
@ApplicationScoped
public class JdbcPersistentTimerRepository implements PersistentTimerRepository {

    private static final String RUNNING = "TIMER_STATE IN ('IN_TIMEOUT', 'RETRY_TIMEOUT')";

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public List<String> releaseRunsOf(String node) {
        String partition = System.getenv().getOrDefault("FILTERMX_TIMER_PARTITION", "filtermx");
        return Jdbc.on(
                em,
                c -> {
                    List<String> beans = new ArrayList<>();
                    // Locked first, so that the beans returned are the rows this update changes.
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT TIMED_OBJECT_ID FROM JBOSS_EJB_TIMER"
                                            + " WHERE PARTITION_NAME = ? AND NODE_NAME = ? AND "
                                            + RUNNING
                                            + " FOR UPDATE")) {
                        ps.setString(1, partition);
                        ps.setString(2, node);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                beans.add(rs.getString(1));
                            }
                        }
                    }
                    if (beans.isEmpty()) {
                        return beans;
                    }
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "UPDATE JBOSS_EJB_TIMER SET TIMER_STATE = 'ACTIVE',"
                                            + " NODE_NAME = NULL WHERE PARTITION_NAME = ?"
                                            + " AND NODE_NAME = ? AND "
                                            + RUNNING)) {
                        ps.setString(1, partition);
                        ps.setString(2, node);
                        ps.executeUpdate();
                    }
                    return beans;
                });
    }
}
