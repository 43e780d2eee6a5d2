package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The REST API as scripts use it (docs/operator-guide.md, "API reference"): health, domains,
 * errors, credentials, log search.
 */
@GatewayTest
@RunAsClient
class ApiIT {

    private final Api api = Gateway.admin();

    @Test
    void healthIsPublicAndReportsEveryPart() {
        Api.Response r = Api.anonymous().get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json())
                .containsEntry("status", "UP")
                .containsEntry("parts", Map.of("database", "UP", "smtp", "UP"));
    }

    @Test
    void domainsAreCreatedReadListedAndRemoved() {
        String name = Gateway.uniqueDomain("crud");
        Api.Response created =
                api.post(
                        "/domains",
                        "{\"name\":\""
                                + name.toUpperCase()
                                + "\","
                                + "\"destinations\":[{\"host\":\"127.0.0.1\",\"port\":2626},"
                                + "{\"host\":\"backup.example\",\"port\":25,\"priority\":20}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/domains/" + name);
        assertThat(created.json())
                .containsEntry("name", name)
                .containsEntry("aliases", List.of())
                .containsEntry("localRecipients", List.of())
                .containsEntry("catchAll", false)
                .containsEntry(
                        "destinations",
                        List.of(
                                Map.of("host", "127.0.0.1", "port", 2626.0, "priority", 10.0),
                                Map.of("host", "backup.example", "port", 25.0, "priority", 20.0)));

        Api.Response read = api.get("/domains/" + name);
        assertThat(read.status()).isEqualTo(200);
        // createdAt is compared to the second: the database keeps less precision than the 201
        // shows.
        assertThat(read.json())
                .usingRecursiveComparison()
                .ignoringFields("createdAt")
                .isEqualTo(created.json());
        assertThat(Instant.parse((String) read.json().get("createdAt")))
                .isCloseTo(
                        Instant.parse((String) created.json().get("createdAt")),
                        within(1, ChronoUnit.SECONDS));
        assertThat(api.get("/domains/" + name.toUpperCase()).status()).isEqualTo(200);
        assertThat(api.get("/domains").jsonArray())
                .anySatisfy(d -> assertThat(d.get("name")).isEqualTo(name));

        assertError(
                api.post(
                        "/domains",
                        "{\"name\":\""
                                + name
                                + "\",\"destinations\":[{\"host\":\"h\",\"port\":25}]}"),
                409);
        assertError(api.get("/domains/" + Gateway.uniqueDomain("unknown")), 404);
        assertError(api.delete("/domains/" + Gateway.uniqueDomain("unknown")), 404);

        assertThat(api.delete("/domains/" + name).status()).isEqualTo(204);
        assertError(api.get("/domains/" + name), 404);
        assertError(api.delete("/domains/" + name), 404);
        assertThat(api.get("/domains").jsonArray())
                .noneSatisfy(d -> assertThat(d.get("name")).isEqualTo(name));
    }

    @Test
    void aliasesAreAddedListedAndRemovedAndNeverShared() {
        String name = Gateway.uniqueDomain("main");
        String other = Gateway.uniqueDomain("other");
        String alias = Gateway.uniqueDomain("alias");
        api.addDomain(name, 2626);
        api.addDomain(other, 2626);

        Api.Response added =
                api.post("/domains/" + name + "/aliases", "{\"alias\":\"" + alias + "\"}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json()).containsEntry("aliases", List.of(alias));
        assertThat(api.get("/domains/" + name).json()).containsEntry("aliases", List.of(alias));

        assertError(
                api.post("/domains/" + name + "/aliases", "{\"alias\":\"" + alias + "\"}"), 409);
        assertError(
                api.post("/domains/" + other + "/aliases", "{\"alias\":\"" + alias + "\"}"), 409);
        assertError(
                api.post("/domains/" + name + "/aliases", "{\"alias\":\"" + other + "\"}"), 409);
        assertError(
                api.post(
                        "/domains",
                        "{\"name\":\""
                                + alias
                                + "\",\"destinations\":[{\"host\":\"h\",\"port\":25}]}"),
                409);
        assertError(api.post("/domains/" + name + "/aliases", "{\"alias\":\"not a domain\"}"), 400);
        assertError(api.post("/domains/" + name + "/aliases", "{}"), 400);
        assertError(
                api.post(
                        "/domains/" + Gateway.uniqueDomain("unknown") + "/aliases",
                        "{\"alias\":\"" + Gateway.uniqueDomain("a") + "\"}"),
                404);

        Api.Response removed = api.delete("/domains/" + name + "/aliases/" + alias);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json()).containsEntry("aliases", List.of());
        assertError(api.delete("/domains/" + name + "/aliases/" + alias), 404);
    }

    @Test
    void localRecipientsAndSettingsAreStored() {
        String name = Gateway.uniqueDomain("settings");
        api.addDomain(name, 2626);
        String path = "/domains/" + name;

        Api.Response list = api.put(path + "/local-recipients", "[\"Sales\",\"info\",\"sales\"]");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json()).containsEntry("localRecipients", List.of("info", "sales"));
        assertThat(api.get(path).json()).containsEntry("localRecipients", List.of("info", "sales"));
        assertError(api.put(path + "/local-recipients", "[\"info@" + name + "\"]"), 400);
        assertError(api.put(path + "/local-recipients", "[\"\"]"), 400);
        assertError(api.put(path + "/local-recipients", "{\"info\":true}"), 400);
        assertThat(api.get(path).json())
                .as("unchanged by refused calls")
                .containsEntry("localRecipients", List.of("info", "sales"));
        assertThat(api.put(path + "/local-recipients", "[]").json())
                .containsEntry("localRecipients", List.of());

        Api.Response settings =
                api.put(
                        path + "/settings",
                        "{\"catchAll\":true,\"adminContact\":\"abuse@example.com\"}");
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        assertThat(settings.json())
                .containsEntry("catchAll", true)
                .containsEntry("adminContact", "abuse@example.com");
        assertThat(api.put(path + "/settings", "{}").json())
                .as("absent fields stay as they are")
                .containsEntry("catchAll", true)
                .containsEntry("adminContact", "abuse@example.com");
        assertError(api.put(path + "/settings", "{\"adminContact\":\"not an address\"}"), 400);
        assertThat(api.put(path + "/settings", "{\"catchAll\":false}").json())
                .containsEntry("catchAll", false);
        assertError(
                api.put(
                        "/domains/" + Gateway.uniqueDomain("unknown") + "/settings",
                        "{\"catchAll\":true}"),
                404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":",
                "not json",
                "[1,2]",
                "{\"name\":\"x.test\",\"destinations\":[{\"host\":\"h\",\"port\":\"twenty-five\"}]}",
            })
    void malformedBodiesAre400(String body) {
        assertError(api.post("/domains", body), 400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bad_domain.test",
                "-lead.test",
                "trail-.test",
                "a..b.test",
                "nodot",
                "",
                " ",
                "ex ample.test",
                "white\\r\\nspace.test",
                "[127.0.0.1]",
                "user@example.test",
                "a.b/c.test",
            })
    void invalidDomainNamesAre400(String name) {
        assertError(
                api.post(
                        "/domains",
                        "{\"name\":\""
                                + name
                                + "\",\"destinations\":[{\"host\":\"h\",\"port\":25}]}"),
                400);
    }

    /** RFC 3696 section 2: a top-level domain is never all-numeric, so these are addresses. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1.", "192.168.1.300"})
    void ipAddressesAreNotDomainNames(String name) {
        assertError(
                api.post(
                        "/domains",
                        "{\"name\":\""
                                + name
                                + "\",\"destinations\":[{\"host\":\"h\",\"port\":25}]}"),
                400);
    }

    @Test
    void overlongDomainNamesAre400() {
        String longLabel = "x".repeat(64) + ".test";
        String longName = ("a".repeat(60) + ".").repeat(5) + "test";
        for (String name : List.of(longLabel, longName)) {
            assertError(
                    api.post(
                            "/domains",
                            "{\"name\":\""
                                    + name
                                    + "\",\"destinations\":[{\"host\":\"h\",\"port\":25}]}"),
                    400);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[{\"host\":\"h\",\"port\":0}]",
                "[{\"host\":\"h\",\"port\":-25}]",
                "[{\"host\":\"h\",\"port\":65536}]",
                "[{\"host\":\"h\"}]",
                "[{\"port\":25}]",
                "[{\"host\":\"\",\"port\":25}]",
                "[{\"host\":\"h\",\"port\":25,\"priority\":-1}]",
                "[]",
                "[null]",
            })
    void invalidDestinationsAre400(String destinations) {
        String name = Gateway.uniqueDomain("dest");
        assertError(
                api.post(
                        "/domains",
                        "{\"name\":\"" + name + "\",\"destinations\":" + destinations + "}"),
                400);
        assertError(api.get("/domains/" + name), 404);
    }

    @Test
    void destinationsAreReplacedAndValidated() {
        String name = Gateway.uniqueDomain("routes");
        api.addDomain(name, 2626);
        String path = "/domains/" + name + "/destinations";
        Api.Response replaced =
                api.put(path, "[{\"host\":\"mx2.example\",\"port\":2727,\"priority\":5}]");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json())
                .containsEntry(
                        "destinations",
                        List.of(Map.of("host", "mx2.example", "port", 2727.0, "priority", 5.0)));
        assertError(api.put(path, "[]"), 400);
        assertError(api.put(path, "[null]"), 400);
        assertError(api.put(path, "[{\"host\":\"h\",\"port\":0}]"), 400);
        assertThat(api.get("/domains/" + name).json())
                .as("unchanged by refused calls")
                .containsEntry(
                        "destinations",
                        List.of(Map.of("host", "mx2.example", "port", 2727.0, "priority", 5.0)));
    }

    @Test
    void aDomainWithoutDestinationsIs400() {
        assertError(
                api.post("/domains", "{\"name\":\"" + Gateway.uniqueDomain("nodest") + "\"}"), 400);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSame401() {
        Api.Response noCredentials = Api.anonymous().get("/domains");
        Api.Response wrongPassword =
                new Api("admin", "wrong-" + Gateway.ADMIN_PASSWORD).get("/domains");
        Api.Response unknownUser =
                new Api("nobody-" + UUID.randomUUID(), Gateway.ADMIN_PASSWORD).get("/domains");
        Api.Response garbage = Api.withAuthorization("Basic !!!not-base64").get("/domains");
        Api.Response bearer = Api.withAuthorization("Bearer not-a-token").get("/domains");
        for (Api.Response r : List.of(noCredentials, wrongPassword, unknownUser, garbage, bearer)) {
            assertError(r, 401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Basic ");
        }
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
        assertThat(unknownUser.headers().keySet()).isEqualTo(wrongPassword.headers().keySet());
        assertError(new Api("admin", "wrong").get("/log"), 401);
    }

    @Test
    void theLogIsSearchedByEveryFilter() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("logsearch");
            api.addDomain(domain, sink.port());
            Instant before = Instant.now().minusSeconds(1);
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String[] senders = {
                "ann-" + tag + "@one.example",
                "ben-" + tag + "@two.example",
                "cy-" + tag + "@three.example"
            };
            String[] ids = new String[3];
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                for (int i = 0; i < 3; i++) {
                    ids[i] = "log-" + i + "-" + tag + "@api.test";
                    String rcpt = "rcpt" + i + "@" + domain;
                    assertThat(
                                    smtp.transaction(
                                            senders[i],
                                            List.of(rcpt),
                                            SmtpConversation.message(
                                                    senders[i], rcpt, ids[i], "log search " + i)))
                            .startsWith("250 2.0.0");
                }
            }
            assertThat(sink.awaitMessages(3, Duration.ofSeconds(20))).hasSize(3);
            List<Map<String, Object>> all =
                    api.awaitLog(
                            Api.allWithStatus(3, "DELIVERED"),
                            Duration.ofSeconds(20),
                            "domain",
                            domain);
            assertThat(all).hasSize(3);
            // Newest first.
            assertThat(all)
                    .extracting(e -> e.get("messageId"))
                    .containsExactly(ids[2], ids[1], ids[0]);
            assertThat(all.get(2))
                    .containsEntry("sender", senders[0])
                    .containsEntry("recipients", List.of("rcpt0@" + domain))
                    .containsEntry("domain", domain)
                    .containsEntry("subject", "log search 0")
                    .containsKeys("id", "queueId", "reason", "receivedAt");

            assertThat(api.log("sender", senders[1]))
                    .extracting(e -> e.get("messageId"))
                    .containsExactly(ids[1]);
            assertThat(api.log("sender", senders[1].toUpperCase())).hasSize(1);
            assertThat(api.log("recipient", "rcpt2@" + domain))
                    .extracting(e -> e.get("messageId"))
                    .containsExactly(ids[2]);
            assertThat(api.log("messageId", ids[0]))
                    .extracting(e -> e.get("sender"))
                    .containsExactly(senders[0]);
            assertThat(api.log("messageId", "<" + ids[0] + ">")).hasSize(1);
            assertThat(api.log("domain", domain, "status", "DELIVERED")).hasSize(3);
            assertThat(api.log("domain", domain, "status", "bounced")).isEmpty();
            assertThat(
                            api.log(
                                    "domain",
                                    domain,
                                    "sender",
                                    senders[0],
                                    "recipient",
                                    "rcpt1@" + domain))
                    .isEmpty();
            assertThat(api.log("domain", domain, "since", before.toString())).hasSize(3);
            assertThat(api.log("domain", domain, "since", Instant.now().plusSeconds(60).toString()))
                    .isEmpty();
            assertThat(api.log("domain", domain, "until", before.toString())).isEmpty();
            assertThat(
                            api.log(
                                    "domain",
                                    domain,
                                    "since",
                                    LocalDate.now(ZoneOffset.UTC).toString(),
                                    "until",
                                    LocalDate.now(ZoneOffset.UTC).plusDays(1).toString()))
                    .hasSize(3);

            assertThat(api.log("domain", domain, "subject", "SEARCH 1"))
                    .extracting(e -> e.get("messageId"))
                    .containsExactly(ids[1]);
            assertThat(api.log("domain", domain, "subject", "log search")).hasSize(3);
            assertThat(api.log("domain", domain, "subject", "log%search")).isEmpty();
            assertThat(api.log("domain", domain, "subject", "log_search")).isEmpty();
            assertThat(api.log("domain", domain, "direction", "inbound")).hasSize(3);
            assertThat(api.log("domain", domain, "direction", "OUTBOUND")).isEmpty();

            // Keyset pages: the last id of a page is the start of the next.
            List<Map<String, Object>> first = api.log("domain", domain, "limit", "2");
            assertThat(first).extracting(e -> e.get("messageId")).containsExactly(ids[2], ids[1]);
            List<Map<String, Object>> second =
                    api.log(
                            "domain",
                            domain,
                            "limit",
                            "2",
                            "before",
                            Api.id(first.get(1).get("id")));
            assertThat(second).extracting(e -> e.get("messageId")).containsExactly(ids[0]);

            Map<String, Object> entry = api.logEntry(all.get(0).get("id"));
            assertThat(entry).containsEntry("messageId", ids[2]).containsKey("history");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> history = (List<Map<String, Object>>) entry.get("history");
            assertThat(history).extracting(e -> e.get("status")).contains("ACCEPTED", "DELIVERED");
            assertThat(history)
                    .anySatisfy(
                            e -> {
                                assertThat(e.get("status")).isEqualTo("DELIVERED");
                                assertThat(e.get("remote"))
                                        .asString()
                                        .contains(String.valueOf(sink.port()));
                                assertThat(e.get("detail")).asString().contains("250");
                            });
        }
    }

    @Test
    void aliasTrafficIsFoundUnderTheMainDomain() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("main");
            String alias = Gateway.uniqueDomain("alias");
            api.addDomain(domain, sink.port());
            assertThat(
                            api.post(
                                            "/domains/" + domain + "/aliases",
                                            "{\"alias\":\"" + alias + "\"}")
                                    .status())
                    .isEqualTo(201);
            Gateway.awaitConfigurationReloaded();
            String id = "alias-" + UUID.randomUUID() + "@api.test";
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(
                                smtp.transaction(
                                        "ann@one.example",
                                        List.of("dora@" + alias),
                                        SmtpConversation.message(
                                                "ann@one.example",
                                                "dora@" + alias,
                                                id,
                                                "to the alias")))
                        .startsWith("250 2.0.0");
            }
            List<Map<String, Object>> viaAlias =
                    api.awaitLog(e -> !e.isEmpty(), Duration.ofSeconds(10), "domain", alias);
            assertThat(viaAlias).extracting(e -> e.get("messageId")).containsExactly(id);
            assertThat(viaAlias.get(0)).containsEntry("domain", domain);
            assertThat(api.log("domain", domain))
                    .extracting(e -> e.get("messageId"))
                    .containsExactly(id);
        }
    }

    @Test
    void invalidLogQueriesAre400() {
        assertError(api.get("/log?status=lost"), 400);
        assertError(api.get("/log?since=yesterday"), 400);
        assertError(api.get("/log?until=2026-13-45"), 400);
        assertError(api.get("/log?direction=sideways"), 400);
        assertError(api.get("/log/abc"), 400);
        assertError(api.get("/log/999999999999"), 404);
    }

    /** Malformed numbers in the query are the client's error, like any other malformed value. */
    @Test
    void malformedNumericLogParametersAre400() {
        assertError(api.get("/log?before=abc"), 400);
        assertError(api.get("/log?limit=ten"), 400);
    }

    /** Every error: the given status, a JSON body with error and detail, and nothing internal. */
    private static void assertError(Api.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/json");
        Map<String, Object> body = r.json();
        assertThat(body.get("error")).as(r.toString()).isInstanceOf(String.class);
        assertThat(body.get("detail")).as(r.toString()).isInstanceOf(String.class);
        assertThat(r.body())
                .as("no internals in %s", r)
                .doesNotContain("at org.")
                .doesNotContain("at java.")
                .doesNotContain("Exception")
                .doesNotContain("RESTEASY")
                .doesNotContainIgnoringCase("hibernate")
                .doesNotContainIgnoringCase("SQL");
    }
}
