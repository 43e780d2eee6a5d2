package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two-step login (RFC 6238): set up and confirmed through the API, then the console needs the
 * current code as well as the password; a code works once. With two-step login on, the API takes
 * API tokens only (HTTP Basic, even with the right password, gets a 401 that says so), setting it
 * up again cannot remove or weaken the confirmed factor, and every change of password, second
 * factor or tokens needs the current password and a fresh code. Switched off, the password is
 * enough again. The codes are computed here as an authenticator app would.
 */
@GatewayTest
@RunAsClient
class TwoStepLoginIT {

    private static final String PASSWORD = "Two-Step-Secret-9";

    @RegisterExtension static final Resellers RESELLERS = new Resellers(PASSWORD);

    @Test
    void consoleLoginsNeedTheCodeOnceItIsOn() throws Exception {
        String user = "totp-" + UUID.randomUUID().toString().substring(0, 6);
        RESELLERS.add(user);
        Api api = new Api(user, PASSWORD).via("192.0.2.120");
        Api.Response made =
                api.post("/tokens", "{\"name\":\"panel\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        Api token = Api.withAuthorization("Bearer " + made.json().get("secret")).via("192.0.2.120");

        assertThat(api.post("/me/totp", "{}").status())
                .as("setting up asks for the password")
                .isEqualTo(400);
        Api.Response setup = api.post("/me/totp", "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
        String secret = (String) setup.json().get("secret");
        assertThat((String) setup.json().get("uri")).startsWith("otpauth://totp/FilterMX:" + user);

        long step = System.currentTimeMillis() / 1000 / 30;
        assertThat(
                        api.post(
                                        "/me/totp/confirm",
                                        "{\"code\":\"" + wrong(code(secret, step)) + "\"}")
                                .status())
                .isEqualTo(400);
        assertThat(
                        api.post("/me/totp/confirm", "{\"code\":\"" + code(secret, step) + "\"}")
                                .status())
                .isEqualTo(204);

        // The API now takes the token only; the password alone is refused, with the reason.
        Api.Response basic = api.get("/me");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.json().get("detail").toString())
                .contains("two-step login")
                .contains("API token");
        assertThat(token.get("/me").json()).containsEntry("twoStepLogin", "true");
        // Setting up again neither removes nor replaces the confirmed factor.
        Api.Response again = token.post("/me/totp", "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(token.get("/me").json()).containsEntry("twoStepLogin", "true");

        try (Browser b = Browser.open()) {
            b.login(user, PASSWORD);
            assertThat(b.driver.getCurrentUrl()).contains("/login.xhtml");
            assertThat(b.messages())
                    .contains("The user name, the password or the code is not right.");

            String next = code(secret, step + 1);
            loginWithCode(b, user, next);
            assertThat(b.driver.getCurrentUrl()).contains("/console/index.xhtml");
            b.logout();

            loginWithCode(b, user, next);
            assertThat(b.driver.getCurrentUrl()).as("a code works once").contains("/login.xhtml");
        }

        // Changes need the code as well as the password.
        Api.Response noCode =
                token.put(
                        "/me/password",
                        "{\"current\":\"" + PASSWORD + "\",\"password\":\"Changed-Pass-123\"}");
        assertThat(noCode.status()).as(noCode.toString()).isEqualTo(400);
        assertThat(noCode.json().get("detail").toString()).contains("code");
        assertThat(
                        token.post(
                                        "/tokens",
                                        "{\"name\":\"more\",\"password\":\"" + PASSWORD + "\"}")
                                .status())
                .isEqualTo(400);
        assertThat(token.post("/me/totp/disable", "{\"password\":\"" + PASSWORD + "\"}").status())
                .isEqualTo(400);

        // A code not used yet: the next step once it is valid (each step's code works once).
        long fresh = step + 2;
        while (System.currentTimeMillis() / 1000 / 30 < fresh - 1) {
            Thread.sleep(1000);
        }
        Api.Response off =
                token.post(
                        "/me/totp/disable",
                        "{\"password\":\""
                                + PASSWORD
                                + "\",\"code\":\""
                                + code(secret, fresh)
                                + "\"}");
        assertThat(off.status()).as(off.toString()).isEqualTo(204);
        assertThat(api.get("/me").status()).isEqualTo(200);
        try (Browser b = Browser.open()) {
            b.login(user, PASSWORD);
            assertThat(b.driver.getCurrentUrl()).contains("/console/index.xhtml");
        }
    }

    @Test
    void consoleTokenChangesAskForTheCurrentPassword() {
        String user = "tokpage-" + UUID.randomUUID().toString().substring(0, 6);
        RESELLERS.add(user);
        try (Browser b = Browser.open()) {
            b.login(user, PASSWORD);
            b.settle();
            b.get("/console/tokens.xhtml");
            b.type("tokens:name", "panel");
            b.click("tokens:create");
            assertThat(b.messages()).contains("current password");
            assertThat(b.findAll(org.openqa.selenium.By.id("tokens:secret"))).isEmpty();
            b.type("tokens:name", "panel");
            b.type("tokens:password", PASSWORD);
            b.click("tokens:create");
            assertThat(b.find(org.openqa.selenium.By.id("tokens:secret")).getText())
                    .startsWith("fmx_");

            b.get("/console/password.xhtml");
            b.type("password:current", "Not-The-Password-1");
            b.type("password:replacement", "Another-Pass-12345");
            b.type("password:confirmation", "Another-Pass-12345");
            b.click("password:change");
            assertThat(b.messages()).contains("current password is not right");
        }
        assertThat(new Api(user, PASSWORD).via("192.0.2.121").get("/me").status()).isEqualTo(200);
    }

    private static void loginWithCode(Browser b, String user, String code) {
        b.get("/login.xhtml");
        b.type("login:username", user);
        b.type("login:password", PASSWORD);
        b.type("login:code", code);
        b.click("login:submit");
        b.settle();
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    /** RFC 6238 with HMAC-SHA1, 30-second steps, six digits, from a base32 secret. */
    static String code(String base32, long step) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(decode(base32), "HmacSHA1"));
        byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int o = h[h.length - 1] & 0x0f;
        int bin =
                ((h[o] & 0x7f) << 24)
                        | ((h[o + 1] & 0xff) << 16)
                        | ((h[o + 2] & 0xff) << 8)
                        | (h[o + 3] & 0xff);
        return String.format("%06d", bin % 1_000_000);
    }

    private static byte[] decode(String base32) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(base32.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}
