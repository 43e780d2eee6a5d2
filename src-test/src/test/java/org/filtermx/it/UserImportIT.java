package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * The CSV import of email users over the API: a spreadsheet's export (UTF-8 byte order mark, {@code
 * ;} separators, quoted fields holding the separator and quotes) and a password hash made elsewhere
 * are imported in the background, and the users log in with those passwords; bad lines are reported
 * with their line numbers; a file that is not CSV is refused at once.
 */
@GatewayTest
@RunAsClient
class UserImportIT {

    private final Api admin = Gateway.admin();

    /** Polls an import started by {@code started} (202) until it ends; returns the finished job. */
    static Map<String, Object> awaitImport(Api api, Api.Response started)
            throws InterruptedException {
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String location = java.net.URI.create(started.header("Location")).getPath();
        assertThat(location).startsWith("/api/v1/domains/").contains("/users/import/");
        String path = location.substring("/api/v1".length());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> job = started.json();
        while ("RUNNING".equals(job.get("state")) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            Api.Response r = api.get(path);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            job = r.json();
        }
        assertThat(job.get("state")).as(job.toString()).isEqualTo("DONE");
        return job;
    }

    /** A hash in the form FilterMX stores, made here as another system would have made it. */
    private static String pbkdf2(String password, int iterations) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash =
                SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(
                                new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                        .getEncoded();
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$"
                + iterations
                + "$"
                + b64.encodeToString(salt)
                + "$"
                + b64.encodeToString(hash);
    }

    @Test
    void importsASpreadsheetExportWithQuotesBomSemicolonsAndPasswordHashes() throws Exception {
        String domain = Gateway.uniqueDomain("import");
        admin.addDomain(domain, 2626);
        String annPassword = "Ann;pass, with \"quotes\"";
        String bobPassword = "Bob-hashed-elsewhere-1";
        String csv =
                "\uFEFFEmail;Password;Password_Hash;Frequency\r\n"
                        + "\"ann@"
                        + domain
                        + "\";\""
                        + annPassword.replace("\"", "\"\"")
                        + "\";;daily\r\n"
                        + "bob@"
                        + domain
                        + ";;"
                        + pbkdf2(bobPassword, 120_000)
                        + ";weekly\r\n"
                        + "\"carol@"
                        + domain
                        + "\";;\"pbkdf2-sha256$600000$not-base64$x\";never\r\n"
                        + "dee@"
                        + domain
                        + ";Dee-pass-12345;"
                        + pbkdf2("other", 120_000)
                        + ";\r\n"
                        + "\r\n"
                        + "eve@"
                        + domain
                        + ";;;\r\n";
        Map<String, Object> job =
                awaitImport(admin, admin.postCsv("/domains/" + domain + "/users/import", csv));
        assertThat(job)
                .containsEntry("added", 3.0)
                .containsEntry("users", 5.0)
                .containsEntry("done", 5.0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) job.get("errors");
        assertThat(errors).extracting(e -> e.get("line")).containsExactly(4.0, 5.0);
        assertThat(errors.get(0).get("error").toString()).contains("pbkdf2-sha256");
        assertThat(errors.get(1).get("error").toString()).contains("not both");
        assertThat(errors.toString()).doesNotContain("Dee-pass");

        assertThat(new Api("ann@" + domain, annPassword).get("/me").json())
                .containsEntry("username", "ann@" + domain)
                .containsEntry("role", "EMAIL_USER");
        assertThat(new Api("bob@" + domain, bobPassword).get("/me").status()).isEqualTo(200);
        assertThat(admin.get("/users/bob@" + domain).json())
                .containsEntry("login", true)
                .containsEntry("reportFrequency", "weekly");
        assertThat(admin.get("/users/eve@" + domain).json()).containsEntry("login", false);
        assertThat(admin.get("/users/carol@" + domain).status()).isEqualTo(404);
    }

    @Test
    void refusesAFileThatIsNotCsvBeforeImportingAnything() {
        String domain = Gateway.uniqueDomain("import-bad");
        admin.addDomain(domain, 2626);
        Api.Response r =
                admin.postCsv(
                        "/domains/" + domain + "/users/import",
                        "address\nann@" + domain + "\nbob@" + domain + ",\"unclosed\n");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("detail").toString()).contains("line 3").contains("malformed");
        assertThat(admin.get("/users/ann@" + domain).status()).isEqualTo(404);
        Api.Response unknownJob = admin.get("/domains/" + domain + "/users/import/nonexistent");
        assertThat(unknownJob.status()).isEqualTo(404);
    }

    @Test
    void onlyTheStarterSeesAnImport() throws Exception {
        String domain = Gateway.uniqueDomain("import-own");
        admin.addDomain(domain, 2626);
        assertThat(
                        admin.put(
                                        "/domains/" + domain + "/settings",
                                        "{\"password\":\"Domain-pass-123\"}")
                                .status())
                .isEqualTo(200);
        Api domainLogin = new Api(domain, "Domain-pass-123");
        Api.Response started =
                domainLogin.postCsv("/domains/" + domain + "/users/import", "fay@" + domain + "\n");
        Map<String, Object> job = awaitImport(domainLogin, started);
        assertThat(job).containsEntry("added", 1.0);
        String path = "/domains/" + domain + "/users/import/" + job.get("id");
        assertThat(admin.get(path).status()).isEqualTo(404);
        assertThat(domainLogin.get(path).status()).isEqualTo(200);
    }
}
