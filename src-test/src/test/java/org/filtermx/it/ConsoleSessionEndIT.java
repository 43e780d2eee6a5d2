package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * A console session ends with its account, in headless Chromium: a reseller logged in whose account
 * the administrator deletes, replaces by a new one of the same name, or gives a new password lands
 * on the login page at its next page load, and its old session stays ended.
 */
@GatewayTest
@RunAsClient
class ConsoleSessionEndIT {

    private static final String PASSWORD = "Reseller-pass-123";

    private final Api admin = Gateway.admin();

    private String newReseller() {
        String name = "end-" + UUID.randomUUID().toString().substring(0, 8);
        create(name, PASSWORD);
        return name;
    }

    private void create(String name, String password) {
        Api.Response r =
                admin.post(
                        "/resellers",
                        "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private static void loggedIn(Browser b, String name) {
        b.login(name, PASSWORD);
        b.get("/console/domains.xhtml");
        assertThat(b.driver.getCurrentUrl()).contains("/console/domains.xhtml");
        assertThat(b.source()).contains(name);
    }

    @Test
    void aDeletedResellersNextPageLoadLandsOnTheLoginPage() {
        String name = newReseller();
        try (Browser b = Browser.open()) {
            loggedIn(b, name);
            assertThat(admin.delete("/resellers/" + name).status()).isEqualTo(204);
            b.get("/console/domains.xhtml");
            assertThat(b.driver.getCurrentUrl()).contains("/login.xhtml");
            b.screenshot("session-ended-account-deleted");
            // The same name made again does not revive the old session.
            create(name, PASSWORD);
            b.get("/console/index.xhtml");
            assertThat(b.driver.getCurrentUrl()).contains("/login.xhtml");
        }
    }

    @Test
    void anAccountReplacedUnderTheSameNameEndsTheSession() {
        String name = newReseller();
        try (Browser b = Browser.open()) {
            loggedIn(b, name);
            assertThat(admin.delete("/resellers/" + name).status()).isEqualTo(204);
            create(name, PASSWORD);
            b.get("/console/domains.xhtml");
            assertThat(b.driver.getCurrentUrl()).contains("/login.xhtml");
            // Logging in again as the new account works.
            loggedIn(b, name);
        }
    }

    @Test
    void aPasswordSetByTheAdministratorEndsTheSession() {
        String name = newReseller();
        try (Browser b = Browser.open()) {
            loggedIn(b, name);
            assertThat(
                            admin.put(
                                            "/resellers/" + name + "/password",
                                            "{\"password\":\"Another-pass-456\"}")
                                    .status())
                    .isIn(200, 204);
            b.get("/console/domains.xhtml");
            assertThat(b.driver.getCurrentUrl()).contains("/login.xhtml");
        }
    }
}
