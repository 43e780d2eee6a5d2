package org.filtermx.it.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import org.filtermx.application.Caller;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.application.EmailUserService;
import org.filtermx.application.ReportService;
import org.filtermx.application.ReportService.RunResult;
import org.filtermx.domain.model.account.AccountRole;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two report runs for the same moment, started at the same instant inside the server (as two nodes
 * whose timers both fired would, or a timer and a run started through the API): every user of a
 * fresh domain receives exactly one report at the domain's mail server. The runs race on every
 * user; only the unique sent record decides which of them sends.
 */
@ExtendWith(ArquillianExtension.class)
class ReportRunRaceIT {

    private static final String EJB_MODULE = "deployment.filtermx.ear.filtermx-ejb.jar";
    private static final int USERS = 40;
    private static final Caller ADMIN = new Caller("admin", AccountRole.ADMIN);

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "report-run-race.war")
                .addClasses(ReportRunRaceIT.class, CountingSink.class)
                .addAsManifestResource(
                        new StringAsset("Dependencies: " + EJB_MODULE + "\n"), "MANIFEST.MF");
    }

    @Test
    void twoRacingRunsSendEveryUserOneReport() throws Exception {
        DomainService domains = service(DomainService.class);
        EmailUserService users = service(EmailUserService.class);
        ReportService reports = service(ReportService.class);
        String domain = "race-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        try (CountingSink sink = new CountingSink()) {
            domains.add(
                    ADMIN, domain, List.of(new DomainDetails.Route("127.0.0.1", sink.port(), 10)));
            try {
                List<String> addresses = new ArrayList<>();
                for (int i = 0; i < USERS; i++) {
                    String address = "user" + i + "@" + domain;
                    users.add(ADMIN, domain, address, null, "daily", "html");
                    addresses.add(address);
                }

                Instant now = Instant.now();
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService threads = Executors.newFixedThreadPool(2);
                try {
                    List<Future<RunResult>> runs = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        runs.add(
                                threads.submit(
                                        () -> {
                                            start.await();
                                            return reports.sendDue(now);
                                        }));
                    }
                    start.countDown();
                    for (Future<RunResult> run : runs) {
                        RunResult result = run.get(5, TimeUnit.MINUTES);
                        assertEquals(0, result.failed(), "reports that failed: " + result);
                    }
                } finally {
                    threads.shutdownNow();
                }

                assertTrue(
                        sink.awaitReports(USERS, 120_000), "reports received: " + sink.received());
                // Quiet time: a second report would come right behind the first.
                Thread.sleep(3_000);
                Map<String, Integer> received = sink.received();
                for (String address : addresses) {
                    assertEquals(1, received.getOrDefault(address, 0), "reports for " + address);
                }
                assertEquals(USERS, sink.total(), "reports received: " + received);
            } finally {
                domains.remove(ADMIN, domain);
            }
        }
    }

    /**
     * A destination mail server that accepts every message and counts, per recipient, the messages
     * whose data it accepted (RFC 5321 section 3.3); enough SMTP for the gateway's delivery.
     */
    static final class CountingSink implements AutoCloseable {

        private final ServerSocket server;
        private final Map<String, Integer> received = new ConcurrentHashMap<>();
        private final AtomicInteger total = new AtomicInteger();
        private final Thread acceptor;

        CountingSink() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "counting-sink");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        Map<String, Integer> received() {
            return Map.copyOf(received);
        }

        int total() {
            return total.get();
        }

        boolean awaitReports(int count, long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            while (total.get() < count && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            return total.get() >= count;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> serve(s), "counting-sink-session");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket;
                    BufferedReader in =
                            new BufferedReader(
                                    new InputStreamReader(
                                            socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    OutputStream out = socket.getOutputStream()) {
                reply(out, "220 sink ESMTP");
                List<String> rcpts = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null) {
                    String verb = line.length() < 4 ? line : line.substring(0, 4);
                    switch (verb.toUpperCase(Locale.ROOT)) {
                        case "EHLO" -> reply(out, "250-sink\r\n250 8BITMIME");
                        case "HELO" -> reply(out, "250 sink");
                        case "MAIL" -> {
                            rcpts.clear();
                            reply(out, "250 2.1.0 ok");
                        }
                        case "RCPT" -> {
                            int lt = line.indexOf('<');
                            int gt = line.indexOf('>', lt + 1);
                            rcpts.add(
                                    lt < 0 || gt < 0
                                            ? line
                                            : line.substring(lt + 1, gt).toLowerCase(Locale.ROOT));
                            reply(out, "250 2.1.5 ok");
                        }
                        case "DATA" -> {
                            reply(out, "354 go ahead");
                            String data;
                            while ((data = in.readLine()) != null && !data.equals(".")) {
                                // the message itself is not needed, only that it was accepted
                            }
                            for (String r : rcpts) {
                                received.merge(r, 1, Integer::sum);
                                total.incrementAndGet();
                            }
                            rcpts.clear();
                            reply(out, "250 2.0.0 queued");
                        }
                        case "QUIT" -> {
                            reply(out, "221 2.0.0 bye");
                            return;
                        }
                        default -> reply(out, "250 2.0.0 ok");
                    }
                }
            } catch (IOException e) {
                // the gateway closed the session; nothing to count
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
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
