package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * Cross-site requests against the API, as a page on another site would send them through a browser
 * that caches the operator's Basic credentials: a {@code text/plain} form POST to the CSV import,
 * and every state-changing endpoint in {@code /openapi} with a foreign {@code Origin}, are refused
 * and change nothing; scripts (no {@code Origin}, no {@code Sec-Fetch-*}) and the API's own pages
 * keep working.
 */
@GatewayTest
@RunAsClient
class ApiCrossSiteIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BASE = "http://" + Gateway.HOST + ":" + Gateway.HTTP_PORT;
    private static final String ADMIN =
            "Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    ("admin:" + Gateway.ADMIN_PASSWORD)
                                            .getBytes(StandardCharsets.UTF_8));

    private final Api admin = Gateway.admin();

    private static Api.Response send(
            String method, String path, String body, String contentType, String... headers)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(BASE + "/api/v1" + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", ADMIN)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Api.Response(r.statusCode(), r.body(), r.headers().map());
    }

    @Test
    void aCrossSiteFormPostToTheCsvImportCreatesNothing() throws Exception {
        String domain = Gateway.uniqueDomain("csrf");
        admin.addDomain(domain, 2626);
        String path = "/domains/" + domain + "/users/import";
        String csv = "attacker@" + domain + ",Attacker-pass-123\n";

        Api.Response crossSite =
                send(
                        "POST",
                        path,
                        csv,
                        "text/plain",
                        "Origin",
                        "https://evil.example",
                        "Sec-Fetch-Site",
                        "cross-site",
                        "Sec-Fetch-Mode",
                        "no-cors");
        assertThat(crossSite.status()).as(crossSite.toString()).isEqualTo(403);
        assertThat(crossSite.json()).containsEntry("error", "Forbidden");
        assertThat(crossSite.json().get("detail").toString()).contains("cross-site");

        Api.Response foreignOrigin =
                send("POST", path, csv, "text/csv", "Origin", "https://evil.example");
        assertThat(foreignOrigin.status()).as(foreignOrigin.toString()).isEqualTo(403);
        Api.Response sameSite = send("POST", path, csv, "text/csv", "Sec-Fetch-Site", "same-site");
        assertThat(sameSite.status()).isEqualTo(403);

        // Without browser headers, a form type is still no CSV: 415 with the JSON error.
        for (String type :
                List.of(
                        "text/plain",
                        "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x")) {
            Api.Response r = send("POST", path, csv, type);
            assertThat(r.status()).as(type + ": " + r).isEqualTo(415);
            assertThat(r.json()).containsKey("detail");
        }
        Api.Response json = send("POST", path, csv, "application/json");
        assertThat(json.status()).as(json.toString()).isEqualTo(415);
        assertThat(json.json().get("detail").toString()).contains("text/csv");
        Api.Response training =
                send("POST", "/training/spam", "Subject: x\r\n\r\nx\r\n", "text/plain");
        assertThat(training.status()).isEqualTo(415);

        Thread.sleep(1000);
        assertThat(admin.get("/users/attacker@" + domain).status())
                .as("nothing was created")
                .isEqualTo(404);

        // The same call as a script makes it, with the real type and no Origin: accepted and done.
        Api.Response script = send("POST", path, csv, "text/csv");
        assertThat(script.status()).as(script.toString()).isEqualTo(202);
        assertThat(UserImportIT.awaitImport(admin, script).get("added")).isEqualTo(1.0);
        assertThat(admin.get("/users/attacker@" + domain).status()).isEqualTo(200);

        // A page of the API's own origin may change things too.
        Api.Response own =
                send(
                        "DELETE",
                        "/users/attacker@" + domain,
                        null,
                        null,
                        "Origin",
                        BASE,
                        "Sec-Fetch-Site",
                        "same-origin");
        assertThat(own.status()).as(own.toString()).isEqualTo(204);
    }

    @Test
    void everyStateChangingEndpointRefusesAForeignOrigin() throws Exception {
        String domain = Gateway.uniqueDomain("csrf-all");
        admin.addDomain(domain, 2626);
        Map<String, String> names =
                Map.of(
                        "{name}",
                        domain,
                        "{alias}",
                        "alias-" + domain,
                        "{address}",
                        "user@" + domain,
                        "{id}",
                        "1",
                        "{action}",
                        "delete",
                        "{kind}",
                        "spam");
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, Object> path : paths().entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> operations = (Map<String, Object>) path.getValue();
            for (String method : operations.keySet()) {
                String m = method.toUpperCase(Locale.ROOT);
                if (!List.of("POST", "PUT", "PATCH", "DELETE").contains(m)) {
                    continue;
                }
                String url = path.getKey().replaceFirst("^/api/v1", "");
                for (Map.Entry<String, String> p : names.entrySet()) {
                    url = url.replace(p.getKey(), p.getValue());
                }
                String body = m.equals("DELETE") ? null : "{}";
                for (String[] headers :
                        List.of(
                                new String[] {"Origin", "https://evil.example"},
                                new String[] {"Sec-Fetch-Site", "cross-site"},
                                new String[] {"Origin", "null"})) {
                    Api.Response r =
                            send(m, url, body, body == null ? null : "application/json", headers);
                    assertThat(r.status())
                            .as(m + " " + url + " " + headers[0] + ": " + headers[1] + " -> " + r)
                            .isEqualTo(403);
                    assertThat(r.body()).contains("cross-site request refused");
                }
                checked.add(m + " " + url);
            }
        }
        assertThat(checked).as("state-changing endpoints from /openapi").hasSizeGreaterThan(20);
        assertThat(admin.get("/domains/" + domain).status()).as("still there").isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> paths() throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(BASE + "/openapi"))
                                .header("Accept", "application/json")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return (Map<String, Object>) Json.object(r.body()).get("paths");
    }
}
