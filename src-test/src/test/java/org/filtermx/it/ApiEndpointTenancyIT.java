package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint the API describes in its OpenAPI document ({@code /openapi}), called by another
 * tenant with the first tenant's names and ids in its path: each answer is a refusal, or a success
 * that shows nothing of the first tenant. New endpoints are covered the day they are added, since
 * the list comes from the running application.
 */
@GatewayTest
@RunAsClient
class ApiEndpointTenancyIT {

    private static final String PASSWORD = "Tenant-Secret-42";
    private static final Set<Integer> REFUSALS = Set.of(400, 403, 404, 405, 409, 415);

    private final Api admin = Gateway.admin();

    @Test
    void noEndpointLetsATenantReachAnothersData() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String victim = "victim-" + tag + ".test";
        String attacker = "attacker-" + tag + ".test";
        for (String d : List.of(victim, attacker)) {
            admin.addDomain(d, 2626);
            assertThat(
                            admin.put(
                                            "/domains/" + d + "/settings",
                                            "{\"password\":\"" + PASSWORD + "\"}")
                                    .status())
                    .isEqualTo(200);
        }
        assertThat(
                        admin.post(
                                        "/domains/" + victim + "/aliases",
                                        "{\"alias\":\"alias-" + victim + "\"}")
                                .status())
                .isEqualTo(201);
        assertThat(
                        admin.post(
                                        "/domains/" + victim + "/users",
                                        "{\"address\":\"user@" + victim + "\"}")
                                .status())
                .isEqualTo(201);
        Api.Response entry =
                admin.post(
                        "/lists",
                        "{\"owner\":\""
                                + victim
                                + "\",\"action\":\"BLOCK\",\"matchOn\":\"SENDER\",\"pattern\":\"pest-"
                                + tag
                                + ".example\"}");
        assertThat(entry.status()).isEqualTo(201);
        String listId = Api.id(entry.json().get("id"));
        Api victimLogin = new Api(victim, PASSWORD);
        Api.Response token =
                victimLogin.post(
                        "/tokens",
                        "{\"name\":\"victim-" + tag + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(token.status()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        String tokenId = Api.id(((Map<String, Object>) token.json().get("token")).get("id"));

        Map<String, String> victimIds =
                Map.of(
                        "{name}",
                        victim,
                        "{alias}",
                        "alias-" + victim,
                        "{address}",
                        "user@" + victim,
                        "{id}",
                        listId,
                        "{action}",
                        "release",
                        "{kind}",
                        "spam");
        Api attackerLogin = new Api(attacker, PASSWORD);

        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, Object> path : paths().entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> operations = (Map<String, Object>) path.getValue();
            for (String method : operations.keySet()) {
                String template = path.getKey().replaceFirst("^/api/v1", "");
                List<String> concrete = new ArrayList<>();
                String filled = template;
                for (Map.Entry<String, String> p : victimIds.entrySet()) {
                    filled = filled.replace(p.getKey(), p.getValue());
                }
                concrete.add(filled);
                if (template.contains("{id}")) {
                    String withToken = template.replace("{id}", tokenId);
                    for (Map.Entry<String, String> p : victimIds.entrySet()) {
                        withToken = withToken.replace(p.getKey(), p.getValue());
                    }
                    concrete.add(withToken);
                }
                for (String url : concrete) {
                    String call = method.toUpperCase(Locale.ROOT) + " " + url;
                    Api.Response r =
                            attackerLogin.send(
                                    method.toUpperCase(Locale.ROOT),
                                    url + victimQuery(url, victim),
                                    body(method));
                    checked.add(call + " -> " + r.status());
                    if (r.status() >= 200 && r.status() < 300) {
                        assertThat(r.body())
                                .as(call + " answered " + r.status())
                                .doesNotContain(victim)
                                .doesNotContain("user@" + victim);
                    } else {
                        assertThat(r.status()).as(call + ": " + r.body()).isIn(REFUSALS);
                    }
                }
            }
        }
        assertThat(checked).as("endpoints from /openapi").hasSizeGreaterThan(40);
        // The victim's data is all still there.
        assertThat(admin.get("/domains/" + victim).status()).isEqualTo(200);
        assertThat(admin.get("/users/user@" + victim).status()).isEqualTo(200);
        assertThat(admin.get("/lists?owner=" + victim).body()).contains("pest-" + tag);
        assertThat(victimLogin.get("/tokens").body()).contains("victim-" + tag);
        assertThat(admin.get("/domains/" + victim).json().get("aliases").toString())
                .contains("alias-" + victim);
    }

    /** Query parameters that aim list and training calls at the victim's domain too. */
    private static String victimQuery(String url, String victim) {
        if (url.equals("/log") || url.equals("/quarantine") || url.startsWith("/training/")) {
            return "?domain=" + victim;
        }
        if (url.equals("/lists")) {
            return "?owner=" + victim;
        }
        return "";
    }

    /** A body naming the victim where a body is taken. */
    private static String body(String method) {
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "post", "put" -> "{}";
            default -> null;
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> paths() throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://"
                                                                + Gateway.HOST
                                                                + ":"
                                                                + Gateway.HTTP_PORT
                                                                + "/openapi"))
                                        .header("Accept", "application/json")
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return (Map<String, Object>) Json.object(r.body()).get("paths");
    }
}
