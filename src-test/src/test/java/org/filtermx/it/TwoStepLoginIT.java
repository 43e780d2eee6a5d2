package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Two-step login (RFC 6238): set up and confirmed through the API, then the console needs the
 * current code as well as the password; a code works once; switched off, the password is enough
 * again. The codes are computed here as an authenticator app would.
 */
class TwoStepLoginIT {

    private static final String PASSWORD = "Two-Step-Secret-9";

    @Test
    void consoleLoginsNeedTheCodeOnceItIsOn() throws Exception {
        String user = "totp-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(Gateway.admin().post("/resellers", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}")
                .status()).isEqualTo(201);
        Api api = new Api(user, PASSWORD);
        Api.Response setup = api.post("/me/totp", "");
        assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
        String secret = (String) setup.json().get("secret");
        assertThat((String) setup.json().get("uri")).startsWith("otpauth://totp/FilterMX:" + user);

        long step = System.currentTimeMillis() / 1000 / 30;
        assertThat(api.post("/me/totp/confirm", "{\"code\":\"" + wrong(code(secret, step)) + "\"}").status())
                .isEqualTo(400);
        assertThat(api.post("/me/totp/confirm", "{\"code\":\"" + code(secret, step) + "\"}").status()).isEqualTo(204);
        assertThat(api.get("/me").json()).containsEntry("twoStepLogin", "true");

        try (Browser b = Browser.open()) {
            b.login(user, PASSWORD);
            assertThat(b.driver.getCurrentUrl()).contains("/login.xhtml");
            assertThat(b.messages()).contains("The user name, the password or the code is not right.");

            String next = code(secret, step + 1);
            loginWithCode(b, user, next);
            assertThat(b.driver.getCurrentUrl()).contains("/console/index.xhtml");
            b.logout();

            loginWithCode(b, user, next);
            assertThat(b.driver.getCurrentUrl()).as("a code works once").contains("/login.xhtml");
        }

        assertThat(api.post("/me/totp/disable", "{\"password\":\"wrong-password-1\"}").status()).isEqualTo(400);
        assertThat(api.post("/me/totp/disable", "{\"password\":\"" + PASSWORD + "\"}").status()).isEqualTo(204);
        try (Browser b = Browser.open()) {
            b.login(user, PASSWORD);
            assertThat(b.driver.getCurrentUrl()).contains("/console/index.xhtml");
        }
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
        int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
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
