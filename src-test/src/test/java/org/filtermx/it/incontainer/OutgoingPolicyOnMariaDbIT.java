package org.filtermx.it.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import org.filtermx.application.Caller;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.application.OutgoingPolicy;
import org.filtermx.application.OutgoingSender;
import org.filtermx.application.OutgoingUserService;
import org.filtermx.application.OutgoingUserService.OutgoingUserEntry;
import org.filtermx.application.OutgoingUserService.Settings;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.api.SmtpSession;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outgoing policy's end-of-DATA half inside the server, on MariaDB, as the submission intake
 * will call it: a smarthost's real sender taken from its header, counted atomically by {@code
 * admit} (twenty parallel messages against a limit of ten admit ten), and the automatic lock. The
 * AUTH, MAIL and RCPT half is shown over sockets by {@code OutgoingUsersIT}.
 */
@ExtendWith(ArquillianExtension.class)
class OutgoingPolicyOnMariaDbIT {

    /** The EJB module, and the EAR for the listener API in its lib/. */
    private static final String EJB_MODULE =
            "deployment.filtermx.ear.filtermx-ejb.jar, deployment.filtermx.ear";

    private static final Caller ADMIN = new Caller("admin", AccountRole.ADMIN);

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "outgoing-policy-on-mariadb.war")
                .addClass(OutgoingPolicyOnMariaDbIT.class)
                .addAsManifestResource(
                        new StringAsset("Dependencies: " + EJB_MODULE + "\n"), "MANIFEST.MF");
    }

    private static String domain() throws NamingException {
        String name = "out-policy-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        service(DomainService.class)
                .add(ADMIN, name, List.of(new DomainDetails.Route("192.0.2.1", 25, 10)));
        return name;
    }

    private static SmtpSession session(String user) {
        return new SmtpSession(
                UUID.randomUUID().toString(),
                Role.SUBMISSION,
                "192.0.2.99",
                "client.example",
                true,
                "TLSv1.3",
                "TLS_AES_128_GCM_SHA256",
                user,
                "mx.filtermx.test");
    }

    @Test
    void admitCountsASmarthostSenderFromItsHeaderExactlyToTheLimitInParallel() throws Exception {
        OutgoingPolicy policy = service(OutgoingPolicy.class);
        String d = domain();
        try {
            OutgoingUserEntry user =
                    service(OutgoingUserService.class)
                            .add(
                                    ADMIN,
                                    d,
                                    "relay",
                                    new Settings(
                                            "Relay-Secret-42",
                                            null,
                                            10,
                                            0,
                                            0,
                                            true,
                                            "header:X-Sender"));
            SmtpSession session = session(user.username());
            OutgoingSender bob =
                    policy.identify(
                                    session,
                                    "bounces@" + d,
                                    name -> name.equals("X-Sender") ? "Bob <BOB@" + d + ">" : null)
                            .orElseThrow();
            assertEquals("bob@" + d, bob.identity());
            assertEquals("postmaster@mx.filtermx.test", bob.adminContact());
            assertEquals("relay@" + d + " (bob@" + d + ")", bob.displayName());

            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<Future<Optional<Reply>>> results = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    Callable<Optional<Reply>> admit = () -> policy.admit(bob, 1);
                    results.add(pool.submit(admit));
                }
                int admitted = 0;
                for (Future<Optional<Reply>> f : results) {
                    Optional<Reply> r = f.get();
                    if (r.isEmpty()) {
                        admitted++;
                    } else {
                        assertEquals(
                                "451 4.7.1 bob@"
                                        + d
                                        + " (via relay@"
                                        + d
                                        + ") has sent 10"
                                        + " messages in the last hour, the limit is 10; try again"
                                        + " later",
                                r.get().line());
                    }
                }
                assertEquals(10, admitted);
            } finally {
                pool.shutdownNow();
            }
            OutgoingSender carol =
                    policy.identify(session, "carol@" + d, name -> null).orElseThrow();
            assertEquals("carol@" + d, carol.identity());
            assertTrue(policy.admit(carol, 3).isEmpty(), "another sender has its own count");
        } finally {
            service(DomainService.class).remove(ADMIN, d);
        }
    }

    @Test
    void spamLocksTheSenderOnceWhenAutomaticLockIsOnAndNeverWhenOff() throws Exception {
        OutgoingPolicy policy = service(OutgoingPolicy.class);
        OutgoingUserService users = service(OutgoingUserService.class);
        String d = domain();
        try {
            OutgoingUserEntry on =
                    users.add(
                            ADMIN,
                            d,
                            "on",
                            new Settings("Locked-Secret-42", null, null, null, null, null, null));
            OutgoingUserEntry off =
                    users.add(
                            ADMIN,
                            d,
                            "off",
                            new Settings("Open-Secret-42", null, null, null, null, false, null));
            OutgoingSender locked =
                    policy.identify(session(on.username()), "on@" + d, n -> null).orElseThrow();
            OutgoingSender open =
                    policy.identify(session(off.username()), "off@" + d, n -> null).orElseThrow();

            assertTrue(policy.lockForSpam(locked, "spam score 15.2"));
            assertFalse(policy.lockForSpam(locked, "again"), "locked already");
            assertFalse(policy.lockForSpam(open, "spam score 15.2"), "automatic lock off");

            assertEquals(
                    "550 5.7.1 The account on@"
                            + d
                            + " is locked for sending spam; contact"
                            + " postmaster@mx.filtermx.test",
                    policy.admit(locked, 1).orElseThrow().line());
            assertEquals(
                    "550 5.7.1 The account on@"
                            + d
                            + " is locked for sending spam; contact"
                            + " postmaster@mx.filtermx.test",
                    policy.sender(session(on.username()), "on@" + d).line());
            assertTrue(policy.admit(open, 1).isEmpty());
            OutgoingUserEntry seen = users.get(ADMIN, on.id());
            assertTrue(seen.locked());
            assertEquals("spam score 15.2", seen.locks().get(0).reason());
            assertEquals(
                    List.of(on.id()),
                    users.list(ADMIN, d, true).stream().map(OutgoingUserEntry::id).toList());

            users.unlock(ADMIN, on.id(), null);
            assertTrue(policy.admit(locked, 1).isEmpty());
        } finally {
            service(DomainService.class).remove(ADMIN, d);
        }
    }

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
