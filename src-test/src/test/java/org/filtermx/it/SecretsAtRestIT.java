package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Secrets at rest (issue 11): the data directory and what the server writes there are its own;
 * second-factor secrets are sealed in the database with the key file outside it, also those an
 * earlier version stored in plain text; the release-link key rotates without a restart, links
 * issued before a rotation keep working, and a revocation ends them; the launcher gives the
 * embedded H2 database a random password, also one made with the old fixed {@code sa}/{@code sa}.
 */
@GatewayTest
@RunAsClient
class SecretsAtRestIT {

    private static final Path DATA =
            Path.of(
                            System.getProperty(
                                    "filtermx.it.dir",
                                    Gateway.ROOT.resolve("src-test/target/it").toString()))
                    .resolve("data");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "Sealed-Secret-7";

    @RegisterExtension static final Resellers RESELLERS = new Resellers(PASSWORD);

    private final Api admin = Gateway.admin();

    @Test
    void dataDirectoryAndKeyFileAreTheServersAlone() throws Exception {
        assertThat(mode(DATA)).isEqualTo("rwx------");
        Path keyFile = DATA.resolve("secrets.key");
        assertThat(mode(keyFile)).isEqualTo("rw-------");
        assertThat(Files.readString(keyFile)).containsPattern("(?m)^1 [A-Za-z0-9+/]{43}=$");
        // Whatever the server wrote into the data directory: nothing for group or others.
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(DATA)) {
            all.filter(p -> !Files.isSymbolicLink(p))
                    .forEach(
                            p -> {
                                String m = mode(p);
                                if (!m.endsWith("------")) {
                                    open.add(DATA.relativize(p) + " " + m);
                                }
                            });
        }
        assertThat(open).as("files in the data directory others can use").isEmpty();
        assertThat(
                        Gateway.query(
                                "SELECT COUNT(*) FROM server_secret WHERE name LIKE 'secrets-key-check.%'"))
                .isEqualTo("1");
    }

    @Test
    void secondFactorSecretIsSealedInTheDatabaseAndStillWorks() throws Exception {
        String user = reseller("sealed");
        Api api = new Api(user, PASSWORD);
        Api token = token(api);
        Api.Response setup = api.post("/me/totp", "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
        String secret = (String) setup.json().get("secret");

        String stored = storedSecret(user);
        assertThat(stored)
                .startsWith("fmx1.")
                .doesNotContain(secret)
                .doesNotContain(secret.substring(0, 8));

        confirm(api, secret);
        assertThat(token.get("/me").json()).containsEntry("twoStepLogin", "true");
    }

    @Test
    void plainSecretOfAnEarlierVersionIsSealedAtTheNextStartAndStillWorks() throws Exception {
        String user = reseller("legacy");
        String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        Gateway.sql(
                "INSERT INTO account_totp (account_id, secret, confirmed, last_step, created_at)"
                        + " SELECT id, '"
                        + secret
                        + "', FALSE, 0, NOW(3) FROM user_account WHERE username = '"
                        + user
                        + "'");
        assertThat(storedSecret(user)).isEqualTo(secret);

        Gateway.restartWith(Map.of());
        assertThat(Gateway.awaitHealthy(Duration.ofSeconds(60))).isTrue();

        assertThat(storedSecret(user)).startsWith("fmx1.").doesNotContain(secret.substring(0, 8));
        Api api = new Api(user, PASSWORD);
        Api token = token(api);
        confirm(api, secret);
        assertThat(token.get("/me").json()).containsEntry("twoStepLogin", "true");
    }

    @Test
    void releaseLinksSurviveARotationUntilTheKeyIsRevoked() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("rotate");
            admin.addDomain(domain, sink.port());
            assertThat(
                            admin.put(
                                            "/domains/" + domain + "/filter-policy",
                                            "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                    .status())
                    .isEqualTo(200);
            String subject = "Rotation " + UUID.randomUUID();
            long id =
                    hold(
                            domain,
                            subject,
                            List.of("bob@" + domain, "carol@" + domain, "dave@" + domain));

            String before = link(id, "bob@" + domain);
            int keyBefore = keyId(before);

            // Only administrators rotate; others get a JSON error, and the key stays.
            String user = reseller("rot");
            Api.Response refused = new Api(user, PASSWORD).post("/admin/release-key/rotate", "");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json()).containsKey("error");
            assertThat(keyId(link(id, "bob@" + domain))).isEqualTo(keyBefore);

            Api.Response rotated = admin.post("/admin/release-key/rotate", "");
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            assertThat(Api.id(rotated.json().get("keyId")))
                    .isEqualTo(String.valueOf(keyBefore + 1));
            String after = link(id, "carol@" + domain);
            assertThat(keyId(after)).isEqualTo(keyBefore + 1);

            assertThat(page(before).body()).contains("Release this message?");
            assertThat(page(after).body()).contains("Release this message?");
            // Carol's link re-signed for Dave with its signature unchanged: refused.
            HttpResponse<String> forged = post(forRecipient(after, "carol@", "dave@"));
            assertThat(forged.statusCode()).isEqualTo(400);
            assertThat(forged.body()).contains("This link cannot be used");

            assertThat(post(before).body()).contains("Released");
            assertThat(sink.awaitMessages(1, Duration.ofSeconds(20)).get(0))
                    .contains("bob@" + domain);

            // A revocation (for a leaked key) ends every link issued so far, on the spot.
            String daves = link(id, "dave@" + domain);
            Api.Response revoked = admin.post("/admin/release-key/rotate?revokePrevious=true", "");
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
            assertThat(Api.id(revoked.json().get("previousKeysKept"))).isEqualTo("0");
            for (String old : List.of(after, daves)) {
                HttpResponse<String> dead = post(old);
                assertThat(dead.statusCode()).isEqualTo(400);
                assertThat(dead.body()).contains("This link cannot be used");
            }
            assertThat(post(link(id, "dave@" + domain)).body()).contains("Released");
            assertThat(sink.awaitMessages(2, Duration.ofSeconds(20))).hasSize(2);
            assertThat(sink.messagesAfter(Duration.ofSeconds(2))).hasSize(2);
        }
    }

    @Test
    void administratorRotatesTheReleaseKeyInTheConsole() throws Exception {
        try (Browser b = Browser.open()) {
            b.login("admin", Gateway.ADMIN_PASSWORD);
            b.get("/console/defaults.xhtml");
            b.click("releaseKey:rotate");
            String notice =
                    b.awaitText(
                                    By.cssSelector(".ui-messages"),
                                    "Release links are now signed with key")
                            .getText();
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("key (\\d+)").matcher(notice);
            assertThat(m.find()).as(notice).isTrue();
            // The API's next rotation continues from the key the console made.
            Api.Response next = admin.post("/admin/release-key/rotate", "");
            assertThat(Api.id(next.json().get("keyId")))
                    .isEqualTo(String.valueOf(Integer.parseInt(m.group(1)) + 1));
        }
    }

    @Test
    void launcherGivesAnEmbeddedDatabaseARandomPasswordAlsoOneMadeWithSaSa() throws Exception {
        Path jar;
        try (Stream<Path> jars =
                Files.list(
                        Gateway.ROOT.resolve(
                                "wildfly-config/target/server/modules/system/layers/base/com/h2database/h2/main"))) {
            jar =
                    jars.filter(p -> p.getFileName().toString().endsWith(".jar"))
                            .findFirst()
                            .orElseThrow();
        }
        Path scratch = Files.createTempDirectory(DATA.getParent(), "launcher-");

        // A new data directory: private, with a generated password and no database yet.
        Path fresh = scratch.resolve("fresh");
        prepare(fresh);
        assertThat(mode(fresh)).isEqualTo("rwx------");
        assertThat(mode(fresh.resolve("db-password"))).isEqualTo("rw-------");
        assertThat(Files.readString(fresh.resolve("db-password")).strip())
                .hasSizeGreaterThanOrEqualTo(32);

        // An H2 database made by an earlier version with sa/sa, in a directory others could read.
        Path old = scratch.resolve("old");
        Files.createDirectories(old.resolve("db"));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        String url =
                "jdbc:h2:file:"
                        + old.resolve("db/filtermx")
                        + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE";
        assertThat(h2(jar, url, "sa", "CREATE TABLE kept (x INT); INSERT INTO kept VALUES (42)"))
                .isZero();
        prepare(old);
        assertThat(mode(old)).isEqualTo("rwx------");
        assertThat(mode(old.resolve("db/filtermx.mv.db"))).isEqualTo("rw-------");
        String password = Files.readString(old.resolve("db-password")).strip();
        assertThat(password).isNotEqualTo("sa");
        assertThat(h2(jar, url, "sa", "SELECT x FROM kept"))
                .as("sa/sa no longer opens it")
                .isNotZero();
        assertThat(h2(jar, url, password, "SELECT x FROM kept")).isZero();
        // The next start keeps the password it made.
        prepare(old);
        assertThat(Files.readString(old.resolve("db-password")).strip()).isEqualTo(password);
    }

    // ---- helpers

    private static void prepare(Path data) throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder(Gateway.ROOT.resolve("filtermx").toString(), "prepare")
                        .redirectErrorStream(true);
        pb.environment().remove("FILTERMX_DB_URL");
        pb.environment().remove("FILTERMX_DB_USER");
        pb.environment().remove("FILTERMX_DB_PASSWORD");
        pb.environment().put("FILTERMX_DATA", data.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static int h2(Path jar, String url, String password, String sql) throws Exception {
        Process p =
                new ProcessBuilder(
                                "java",
                                "-cp",
                                jar.toString(),
                                "org.h2.tools.Shell",
                                "-url",
                                url,
                                "-user",
                                "sa",
                                "-password",
                                password,
                                "-sql",
                                sql)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        return p.waitFor();
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String reseller(String prefix) {
        return RESELLERS.addUnique(prefix);
    }

    private static String storedSecret(String user) throws Exception {
        return Gateway.query(
                "SELECT t.secret FROM account_totp t JOIN user_account u ON u.id = t.account_id"
                        + " WHERE u.username = '"
                        + user
                        + "'");
    }

    /** An API token of the account: with two-step login on, the API takes nothing else. */
    private static Api token(Api api) {
        Api.Response made =
                api.post("/tokens", "{\"name\":\"sealed\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return Api.withAuthorization("Bearer " + made.json().get("secret"));
    }

    private static void confirm(Api api, String secret) throws Exception {
        long step = System.currentTimeMillis() / 1000 / 30;
        Api.Response confirmed =
                api.post(
                        "/me/totp/confirm",
                        "{\"code\":\""
                                + TwoStepLoginIT.code(secret, step)
                                + "\",\"password\":\""
                                + PASSWORD
                                + "\"}");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(204);
    }

    private long hold(String domain, String subject, List<String> to) throws Exception {
        String from = "spammer@sender.example";
        String content =
                "From: "
                        + from
                        + "\r\nTo: "
                        + String.join(", ", to)
                        + "\r\nSubject: "
                        + subject
                        + "\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <"
                        + System.nanoTime()
                        + "@sender.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                        + FilteringIT.GTUBE
                        + "\r\n";
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(smtp.transaction(from, to, content)).startsWith("250 2.0.0");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (Map<String, Object> h :
                    admin.get("/quarantine" + Api.query("domain", domain)).jsonArray()) {
                if (subject.equals(h.get("subject"))) {
                    return Long.parseLong(Api.id(h.get("id")));
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not held: " + subject);
    }

    private String link(long id, String recipient) {
        Api.Response made =
                admin.get(
                        "/quarantine/" + id + "/release-link" + Api.query("recipient", recipient));
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        return (String) made.json().get("url");
    }

    /** The key id a link's payload names ({@code 2|keyId|...}). */
    private static int keyId(String url) {
        String[] fields = payload(url).split("\\|");
        assertThat(fields[0]).isEqualTo("2");
        return Integer.parseInt(fields[1]);
    }

    private static String payload(String url) {
        String token = url.substring(url.lastIndexOf('/') + 1);
        return new String(
                Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
    }

    private static String forRecipient(String url, String from, String to) {
        String token = url.substring(url.lastIndexOf('/') + 1);
        String forged =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                payload(url)
                                        .replace("|" + from, "|" + to)
                                        .getBytes(StandardCharsets.UTF_8));
        return url.substring(0, url.lastIndexOf('/') + 1)
                + forged
                + token.substring(token.indexOf('.'));
    }

    private static HttpResponse<String> page(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
