package org.filtermx.it.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NamingEnumeration;
import javax.sql.DataSource;
import org.filtermx.application.Caller;
import org.filtermx.application.DkimKeyDetails;
import org.filtermx.application.DkimKeyService;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.dkim.DkimAlgorithm;
import org.filtermx.domain.model.dkim.DkimKey;
import org.filtermx.domain.model.dkim.DkimKeyRepository;
import org.filtermx.infrastructure.config.GatewaySettings;
import org.filtermx.infrastructure.dkim.DkimMessageSigner;
import org.filtermx.infrastructure.secrets.SecretsAtRest;
import org.filtermx.it.Dnsmasq;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DKIM signatures of the gateway checked by an independent verifier: inside the server, the
 * deployed key service generates and activates an RSA and an Ed25519 key for a fresh domain; the
 * gateway's signer signs a message with each, reading the key sealed in MariaDB with the node's key
 * file; dnsmasq publishes the TXT records exactly as the service shows them; and Python's dkimpy
 * (Debian's python3-dkim) verifies the signed messages, looking the keys up in that DNS. A message
 * changed after signing must fail, so the check can fail.
 */
@ExtendWith(ArquillianExtension.class)
class DkimIT {

    private static final String EJB_MODULE = "deployment.filtermx.ear.filtermx-ejb.jar";

    /** dkimpy, with the keys read through dnspython from the resolver the gateway uses. */
    private static final String VERIFIER =
            String.join(
                    "\n",
                    "import sys, dkim, dns.resolver",
                    "message = open(sys.argv[1], 'rb').read()",
                    "r = dns.resolver.Resolver(configure=False)",
                    "r.nameservers = [sys.argv[2]]",
                    "r.port = int(sys.argv[3])",
                    "r.lifetime = 5",
                    "def txt(name, timeout=5):",
                    "    name = name.decode() if isinstance(name, bytes) else name",
                    "    answer = r.resolve(name, 'TXT')",
                    "    return b''.join(answer[0].strings)",
                    "try:",
                    "    ok = dkim.verify(message, dnsfunc=txt)",
                    "except Exception as e:",
                    "    print('dkimpy failed', e)",
                    "    sys.exit(2)",
                    "print('dkimpy says', ok)",
                    "sys.exit(0 if ok else 1)",
                    "");

    private static final String MESSAGE =
            String.join(
                    "\r\n",
                    "From: Alice <alice@%s>",
                    "To: Bob <bob@elsewhere.test>",
                    "Subject: DKIM through   dnsmasq",
                    "Date: Wed, 02 Dec 2026 21:00:00 +0000",
                    "Message-ID: <dkim-it@%s>",
                    "MIME-Version: 1.0",
                    "Content-Type: text/plain; charset=us-ascii",
                    "",
                    "Signed by the gateway,  verified by dkimpy.  ",
                    "",
                    "");

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "dkim.war")
                .addClasses(DkimIT.class, Dnsmasq.class, Dnsmasq.Builder.class)
                .addAsManifestResource(
                        new StringAsset("Dependencies: " + EJB_MODULE + "\n"), "MANIFEST.MF");
    }

    @Test
    void dkimpyVerifiesTheGatewaysRsaAndEd25519Signatures() throws Exception {
        DomainService domains = service(DomainService.class);
        DkimKeyService keys = service(DkimKeyService.class);
        Caller admin = new Caller("admin", AccountRole.ADMIN);
        String domain = "dkim-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        domains.add(admin, domain, List.of(new DomainDetails.Route("192.0.2.1", 25, 10)));
        try {
            DkimKeyDetails rsa = keys.generate(admin, domain, "rsa", "it-rsa");
            DkimKeyDetails ed = keys.generate(admin, domain, "ed25519", "it-ed");
            assertEquals("rsa-sha256", rsa.algorithm());
            assertTrue(rsa.record().startsWith("v=DKIM1; k=rsa; p=MII"), rsa.record());
            assertTrue(ed.record().startsWith("v=DKIM1; k=ed25519; p="), ed.record());
            try (Dnsmasq dns =
                    Dnsmasq.builder()
                            .txt(rsa.recordName(), rsa.record())
                            .txt(ed.recordName(), ed.record())
                            .start()) {
                for (DkimKeyDetails key : List.of(rsa, ed)) {
                    keys.activate(admin, domain, key.id());
                    String message = MESSAGE.formatted(domain, domain);
                    String signed = sign(domain, message) + message;
                    assertTrue(
                            signed.startsWith("DKIM-Signature: v=1; a=" + key.algorithm()), signed);
                    assertEquals(0, dkimpy(signed), key.algorithm() + " verifies:\n" + signed);
                    assertEquals(
                            1,
                            dkimpy(signed.replace("verified by", "forged by")),
                            key.algorithm() + " of a changed body fails");
                }
            }
        } finally {
            domains.remove(admin, domain);
        }
    }

    /**
     * The gateway's signer over the active key as the repository keeps it: the row read from the
     * application's database, the private key opened with this node's secrets key file.
     */
    private static String sign(String domain, String message) throws Exception {
        Path file = itDirectory().resolve("dkim-it-message.eml");
        Files.writeString(file, message, StandardCharsets.ISO_8859_1);
        DkimKeyRepository.SigningKey key = activeKey(domain);
        DkimKeyRepository keys =
                new DkimKeyRepository() {
                    @Override
                    public Optional<SigningKey> signingKey(String d) {
                        return d.equals(domain) ? Optional.of(key) : Optional.empty();
                    }

                    @Override
                    public List<DkimKey> list(String d) {
                        return List.of(key.key());
                    }

                    @Override
                    public Optional<DkimKey> find(String d, long id) {
                        return Optional.of(key.key());
                    }

                    @Override
                    public Optional<DkimKey> active(String d) {
                        return Optional.of(key.key());
                    }

                    @Override
                    public Optional<DkimKey> add(
                            String d, String s, DkimAlgorithm a, String p, byte[] k) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public boolean activate(String d, long id) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public boolean remove(String d, long id) {
                        throw new UnsupportedOperationException();
                    }
                };
        return new DkimMessageSigner(keys, Clock.systemUTC(), 1_000_000)
                .sign(domain, file)
                .orElseThrow(() -> new AssertionError("no signature for " + domain));
    }

    private static DkimKeyRepository.SigningKey activeKey(String domain) throws Exception {
        DataSource ds =
                (DataSource) new InitialContext().lookup("java:jboss/datasources/FilterMXDS");
        try (Connection c = ds.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT k.id, k.selector, k.algorithm, k.public_key, k.secret"
                                        + " FROM dkim_key k JOIN domain d ON d.id = k.domain_id"
                                        + " WHERE d.name = ? AND k.active = TRUE")) {
            ps.setString(1, domain);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "an active key of " + domain);
                String selector = rs.getString(2);
                String sealed = rs.getString(5);
                assertTrue(sealed.startsWith("fmx1."), "the private key is sealed: " + sealed);
                SecretsAtRest secrets = new SecretsAtRest();
                Field settings = SecretsAtRest.class.getDeclaredField("settings");
                settings.setAccessible(true);
                settings.set(secrets, new GatewaySettings());
                byte[] pkcs8 =
                        Base64.getDecoder()
                                .decode(secrets.open(sealed, "dkim_key:" + rs.getLong(1)));
                DkimKey key =
                        new DkimKey(
                                rs.getLong(1),
                                domain,
                                selector,
                                DkimAlgorithm.of(rs.getString(3)).orElseThrow(),
                                rs.getString(4),
                                true,
                                Instant.now());
                return new DkimKeyRepository.SigningKey(key, pkcs8);
            }
        }
    }

    /** dkimpy's verdict on {@code message}: exit code 0 when it verifies, 1 when not. */
    private static int dkimpy(String message) throws IOException, InterruptedException {
        Path dir = itDirectory();
        Path script = dir.resolve("dkim-verify.py");
        Files.writeString(script, VERIFIER, StandardCharsets.US_ASCII);
        Path signed = dir.resolve("dkim-it-signed.eml");
        Files.writeString(signed, message, StandardCharsets.ISO_8859_1);
        InetSocketAddress dns = resolver();
        Path output = dir.resolve("dkim-verify.out");
        Process python =
                new ProcessBuilder(
                                Files.isExecutable(Path.of("/usr/bin/python3"))
                                        ? "/usr/bin/python3"
                                        : "python3",
                                script.toString(),
                                signed.toString(),
                                dns.getAddress().getHostAddress(),
                                String.valueOf(dns.getPort()))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
        assertTrue(python.waitFor(60, TimeUnit.SECONDS), "dkimpy finished");
        String said = Files.readString(output);
        assertTrue(said.contains("dkimpy says"), "dkimpy ran: " + said);
        return python.exitValue();
    }

    private static InetSocketAddress resolver() {
        String setting = new GatewaySettings().dnsServer();
        int colon = setting.lastIndexOf(':');
        return new InetSocketAddress(
                setting.substring(0, colon), Integer.parseInt(setting.substring(colon + 1)));
    }

    private static Path itDirectory() throws IOException {
        Path dir = Path.of(System.getenv().getOrDefault("FILTERMX_IT_DIR", "target"));
        Files.createDirectories(dir);
        return dir.toAbsolutePath();
    }

    private static <T> T service(Class<T> type) throws Exception {
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
