package org.filtermx.it.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.filtermx.application.Caller;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.application.NotFound;
import org.filtermx.application.ResellerService;
import org.filtermx.domain.model.account.AccountRole;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application's services inside the server, on MariaDB: a query for tenant data answers within
 * the caller's scope, and the housekeeping and queue timers are registered. The test archive links
 * to the EAR's EJB module and finds each service by its public interface in {@code java:global},
 * whatever the implementing class is called or where it lives.
 */
@ExtendWith(ArquillianExtension.class)
class ApplicationOnMariaDbIT {

    private static final String EJB_MODULE = "deployment.filtermx.ear.filtermx-ejb.jar";

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "application-on-mariadb.war")
                .addClass(ApplicationOnMariaDbIT.class)
                .addAsManifestResource(
                        new StringAsset("Dependencies: " + EJB_MODULE + "\n"), "MANIFEST.MF");
    }

    @Test
    void aTenantQueryAnswersWithinTheCallersScope() throws Exception {
        ResellerService resellers = service(ResellerService.class);
        DomainService domains = service(DomainService.class);
        Caller admin = new Caller("admin", AccountRole.ADMIN);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Caller first = new Caller("scope-a-" + tag, AccountRole.RESELLER);
        Caller second = new Caller("scope-b-" + tag, AccountRole.RESELLER);
        resellers.add(admin, first.username(), "Scope-Secret-" + tag);
        resellers.add(admin, second.username(), "Scope-Secret-" + tag);
        String firsts = "scope-a-" + tag + ".test";
        String seconds = "scope-b-" + tag + ".test";
        List<DomainDetails.Route> documentation =
                List.of(new DomainDetails.Route("192.0.2.1", 25, 10));
        domains.add(first, firsts, documentation);
        domains.add(second, seconds, documentation);

        List<String> seenByFirst = names(domains.list(first));
        assertTrue(seenByFirst.contains(firsts), "own domain listed: " + seenByFirst);
        assertFalse(
                seenByFirst.contains(seconds), "another reseller's domain listed: " + seenByFirst);
        assertThrows(NotFound.class, () -> domains.get(first, seconds));
        assertTrue(
                names(domains.list(admin)).containsAll(List.of(firsts, seconds)),
                "the administrator sees both");
    }

    /** The timers live in the server's management model; read from the client. */
    @Test
    @RunAsClient
    void theHousekeepingAndQueueTimersAreRegistered(@ArquillianResource ManagementClient management)
            throws Exception {
        assertTrue(timersOf(management, "QueueScanner").contains("queue-scan"), "queue timer");
        List<String> housekeeping = timersOf(management, "Housekeeper");
        assertFalse(housekeeping.isEmpty(), "housekeeping timers");
    }

    /**
     * The persistent timers are kept in the database timer store: WildFly's table in the
     * application's database has the report run's and the housekeeping's rows, in the
     * installation's partition (configure-filtermx.cli).
     */
    @Test
    void persistentTimersAreKeptInTheApplicationsDatabase() throws Exception {
        DataSource ds =
                (DataSource) new InitialContext().lookup("java:jboss/datasources/FilterMXDS");
        List<String> beans = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT TIMED_OBJECT_ID FROM JBOSS_EJB_TIMER"
                                        + " WHERE PARTITION_NAME = 'filtermx'")) {
            while (rs.next()) {
                beans.add(rs.getString(1));
            }
        }
        assertTrue(beans.stream().anyMatch(b -> b.endsWith("ReportSchedule")), "rows: " + beans);
        assertTrue(beans.stream().anyMatch(b -> b.endsWith("Housekeeper")), "rows: " + beans);
    }

    /** The daily report run is one persistent calendar timer, at 01:00 UTC by default. */
    @Test
    @RunAsClient
    void theReportRunIsOnePersistentTimerAtOneUtc(@ArquillianResource ManagementClient management)
            throws Exception {
        ModelNode timers = timerResource(management, "ReportSchedule").get("timer");
        List<ModelNode> daily = new ArrayList<>();
        if (timers.isDefined()) {
            for (var timer : timers.asPropertyList()) {
                if ("report-run".equals(timer.getValue().get("info").asString())) {
                    daily.add(timer.getValue());
                }
            }
        }
        assertEquals(1, daily.size(), "report-run timers: " + timers);
        ModelNode timer = daily.get(0);
        assertTrue(timer.get("persistent").asBoolean(), "persistent: " + timer);
        ModelNode schedule = timer.get("schedule");
        assertEquals("1", schedule.get("hour").asString(), "hour: " + schedule);
        assertEquals("0", schedule.get("minute").asString(), "minute: " + schedule);
        assertEquals("UTC", schedule.get("timezone").asString(), "time zone: " + schedule);
    }

    /** The info of each timer of a singleton bean of the EJB module. */
    private static List<String> timersOf(ManagementClient management, String bean)
            throws Exception {
        List<String> infos = new ArrayList<>();
        ModelNode timers = timerResource(management, bean).get("timer");
        if (timers.isDefined()) {
            for (var timer : timers.asPropertyList()) {
                infos.add(timer.getValue().get("info").asString());
            }
        }
        return infos;
    }

    /** The timer service resource of a singleton bean of the EJB module, with its runtime. */
    private static ModelNode timerResource(ManagementClient management, String bean)
            throws Exception {
        ModelNode address =
                Operations.createAddress(
                        "deployment",
                        "filtermx.ear",
                        "subdeployment",
                        "filtermx-ejb.jar",
                        "subsystem",
                        "ejb3",
                        "singleton-bean",
                        bean,
                        "service",
                        "timer-service");
        ModelNode op = Operations.createReadResourceOperation(address, true);
        op.get("include-runtime").set(true);
        ModelNode result = management.getControllerClient().execute(op);
        assertTrue(Operations.isSuccessfulOutcome(result), result.toString());
        return Operations.readResult(result);
    }

    private static List<String> names(List<DomainDetails> list) {
        return list.stream().map(DomainDetails::name).toList();
    }

    /** The one EJB in the EAR that offers {@code type}, found by its view's name in java:global. */
    private static <T> T service(Class<T> type) throws NamingException {
        InitialContext jndi = new InitialContext();
        String base = "java:global/filtermx/filtermx-ejb";
        List<String> views = new ArrayList<>();
        NamingEnumeration<NameClassPair> bindings = jndi.list(base);
        while (bindings.hasMore()) {
            String name = bindings.next().getName();
            if (name.endsWith("!" + type.getName())) {
                views.add(name);
            }
        }
        assertEquals(1, views.size(), "views of " + type.getName() + ": " + views);
        return type.cast(jndi.lookup(base + "/" + views.get(0)));
    }
}
