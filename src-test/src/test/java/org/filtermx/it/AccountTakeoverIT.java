package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Account names of different kinds never collide (issue 11, item 1): a reseller that adds a domain
 * named like another reseller's account cannot set that "domain login" password, log in as the
 * other reseller or delete it; reseller names cannot look like domains or addresses; and the
 * database itself refuses an account whose name has another kind's shape.
 */
@GatewayTest
@RunAsClient
class AccountTakeoverIT {

    private static final String PASSWORD = "Takeover-Secret-42";
    @RegisterExtension static final Resellers RESELLERS = new Resellers(PASSWORD);
    private static final String STOLEN = "Attacker-Chosen-99";
    private final Api admin = Gateway.admin();
    private final String tag = UUID.randomUUID().toString().substring(0, 6);

    /**
     * A reseller's domain: its route may not point at loopback, so it names a documentation
     * address.
     */
    private static String domainBody(String name) {
        return "{\"name\":\""
                + name
                + "\",\"destinations\":[{\"host\":\"192.0.2.25\",\"port\":2525}]}";
    }

    @Test
    void aResellerCannotTakeOverAnotherThroughADomainLogin() {
        String r1 = "r1-" + tag;
        String r2 = "r2-" + tag;
        assertThat(admin.post("/resellers", RESELLERS.body(r1)).status()).isEqualTo(201);
        assertThat(admin.post("/resellers", RESELLERS.body(r2)).status()).isEqualTo(201);
        Api attacker = new Api(r1, PASSWORD).via("198.51.100.31");
        Api victim = new Api(r2, PASSWORD);
        String victimsDomain = Gateway.uniqueDomain("victim");
        assertThat(victim.post("/domains", domainBody(victimsDomain)).status()).isEqualTo(201);

        // The domain named like r2's account: a reseller name is never a domain name.
        Api.Response added = attacker.post("/domains", domainBody(r2));
        assertThat(added.status()).as(added.toString()).isEqualTo(400);
        Api.Response takeover =
                attacker.put("/domains/" + r2 + "/settings", "{\"password\":\"" + STOLEN + "\"}");
        assertThat(takeover.status()).as(takeover.toString()).isIn(400, 404);
        assertThat(new Api(r2, STOLEN).via("198.51.100.251").get("/me").status()).isEqualTo(401);
        assertThat(attacker.delete("/domains/" + r2).status()).isIn(400, 404);
        // Nor can it be named like a domain in the first place, so the old shape of the attack is
        // gone.
        for (String name : new String[] {r2 + ".example", "ops@" + r2 + ".example"}) {
            Api.Response r = admin.post("/resellers", RESELLERS.body(name));
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().get("detail").toString()).contains("no dots or @");
        }

        // r2 is intact: its own password, its role, its domain.
        assertThat(victim.get("/me").json())
                .containsEntry("username", r2)
                .containsEntry("role", "RESELLER");
        assertThat(victim.get("/domains").jsonArray())
                .extracting(d -> d.get("name"))
                .containsExactly(victimsDomain);
        assertThat(admin.get("/resellers").jsonArray())
                .extracting(r -> r.get("username"))
                .contains(r2);
    }

    @Test
    void aDomainLoginNeverReachesAnEmailUserOrAResellerAndBack() {
        String domain = Gateway.uniqueDomain("kinds");
        admin.addDomain(domain, 2626);
        assertThat(
                        admin.put(
                                        "/domains/" + domain + "/settings",
                                        "{\"password\":\"" + PASSWORD + "\"}")
                                .status())
                .isEqualTo(200);
        assertThat(
                        admin.post(
                                        "/domains/" + domain + "/users",
                                        "{\"address\":\"bob@"
                                                + domain
                                                + "\",\"password\":\""
                                                + PASSWORD
                                                + "\"}")
                                .status())
                .isEqualTo(201);
        assertThat(new Api(domain, PASSWORD).get("/me").json()).containsEntry("role", "DOMAIN");
        assertThat(new Api("bob@" + domain, PASSWORD).get("/me").json())
                .containsEntry("role", "EMAIL_USER");
        // The reseller endpoints reach resellers only: a domain login is "no reseller".
        assertThat(
                        admin.put(
                                        "/resellers/" + domain + "/password",
                                        "{\"password\":\"" + STOLEN + "\"}")
                                .status())
                .isEqualTo(404);
        assertThat(admin.delete("/resellers/" + domain).status()).isEqualTo(404);
        // Its own password changes only where the current one is asked for.
        Api.Response own =
                new Api(domain, PASSWORD)
                        .put(
                                "/domains/" + domain + "/settings",
                                "{\"password\":\"" + STOLEN + "\"}");
        assertThat(own.status()).as(own.toString()).isEqualTo(403);
        assertThat(new Api(domain, PASSWORD).get("/me").status()).isEqualTo(200);
    }

    @Test
    void theDatabaseRefusesANameOfAnotherKindsShape() throws Exception {
        String name = "dbcheck-" + tag;
        assertThat(admin.post("/resellers", RESELLERS.body(name)).status()).isEqualTo(201);
        assertThatThrownBy(
                        () ->
                                Gateway.sql(
                                        "INSERT INTO user_account (username, password_hash, role, created_at)"
                                                + " VALUES ('"
                                                + name
                                                + ".example', 'x', 'RESELLER', NOW(3))"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(
                        () ->
                                Gateway.sql(
                                        "UPDATE user_account SET role = 'DOMAIN' WHERE username = '"
                                                + name
                                                + "'"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(
                        () ->
                                Gateway.sql(
                                        "INSERT INTO user_account (username, password_hash, role, created_at)"
                                                + " VALUES ('"
                                                + name
                                                + "', 'x', 'EMAIL_USER', NOW(3))"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(new Api(name, PASSWORD).get("/me").json()).containsEntry("role", "RESELLER");
    }
}
