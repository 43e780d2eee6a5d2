package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * Login throttling that cannot be raced or turned against others (issue 11, item 5): the count is
 * reserved in the database before a password is checked, so fifteen wrong passwords sent at once
 * get at most five checks; the client address comes from {@code X-Forwarded-For} only when the peer
 * is a trusted proxy (127.0.0.1 in the test environment), so one forwarded address's failures lock
 * out that address and no other; and the password checks behind {@code /me/password}, {@code
 * /me/totp/disable} and token changes count like logins.
 */
@GatewayTest
@RunAsClient
class LoginThrottlingIT {

    private static final String PASSWORD = "Throttle-Secret-42";
    private final Api admin = Gateway.admin();
    private final String tag = UUID.randomUUID().toString().substring(0, 6);

    private String newReseller(String prefix) {
        String name = prefix + "-" + tag;
        Api.Response r =
                admin.post(
                        "/resellers",
                        "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return name;
    }

    @Test
    void fifteenParallelWrongPasswordsGetAtMostFiveChecks() throws Exception {
        String target = newReseller("race");
        Api wrong = new Api(target, "Wrong-Password-1").via("192.0.2.15");
        ExecutorService pool = Executors.newFixedThreadPool(15);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            answers.add(
                    pool.submit(
                            () -> {
                                start.await();
                                return wrong.get("/me");
                            }));
        }
        start.countDown();
        List<Api.Response> responses = new ArrayList<>();
        for (Future<Api.Response> f : answers) {
            responses.add(f.get());
        }
        pool.shutdown();
        long checked = responses.stream().filter(r -> r.status() == 401).count();
        List<Api.Response> refused = responses.stream().filter(r -> r.status() == 429).toList();
        assertThat(checked).as(responses.toString()).isLessThanOrEqualTo(5).isPositive();
        assertThat(checked + refused.size()).as(responses.toString()).isEqualTo(15);
        assertThat(refused)
                .allSatisfy(
                        r -> {
                            assertThat(r.header("Retry-After")).isNotNull();
                            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 60L);
                            assertThat(r.json()).containsKey("detail");
                        });

        // Still locked: with the right password, and from another address.
        assertThat(new Api(target, PASSWORD).via("192.0.2.15").get("/me").status()).isEqualTo(429);
        assertThat(new Api(target, PASSWORD).via("192.0.2.16").get("/me").status()).isEqualTo(429);
        assertThat(new Api(target, PASSWORD).get("/me").status()).isEqualTo(429);
    }

    @Test
    void badLoginsThroughTheProxyLockOutOneForwardedAddressOnly() throws Exception {
        String user = newReseller("behind-proxy");
        String attacker = "203.0.113.66";
        for (int i = 0; i < 50; i++) {
            Api.Response r =
                    new Api("ghost" + i + "-" + tag, "Wrong-Password-1").via(attacker).get("/me");
            assertThat(r.status()).as("attempt " + i + ": " + r).isEqualTo(401);
        }
        Api.Response locked = new Api(user, PASSWORD).via(attacker).get("/me");
        assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();

        // Everyone else behind the same proxy logs in as before.
        assertThat(new Api(user, PASSWORD).via("203.0.113.67").get("/me").status()).isEqualTo(200);
        assertThat(new Api(user, PASSWORD).via("198.51.100.7, 203.0.113.68").get("/me").status())
                .isEqualTo(200);
        // A client left of an untrusted hop cannot pick the address it is counted under: the
        // rightmost untrusted entry is the one 127.0.0.1 (the proxy) saw.
        assertThat(new Api(user, PASSWORD).via("203.0.113.67, " + attacker).get("/me").status())
                .isEqualTo(429);
        // A peer that is not a trusted proxy is counted under its own address, whatever it
        // forwards.
        assertThat(rawGetMe(InetAddress.getByName("127.0.0.2"), user, PASSWORD, attacker))
                .isEqualTo(200);
    }

    @Test
    void currentPasswordChecksBehindATokenAreThrottledLikeLogins() {
        String user = newReseller("brute");
        Api basic = new Api(user, PASSWORD).via("192.0.2.77");
        Api.Response made =
                basic.post("/tokens", "{\"name\":\"stolen\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        // Someone holding only the token guesses the current password to take the account over.
        Api token = Api.withAuthorization("Bearer " + made.json().get("secret")).via("192.0.2.78");
        for (int i = 0; i < 5; i++) {
            Api.Response r =
                    token.put(
                            "/me/password",
                            "{\"current\":\"Guess-Number-"
                                    + i
                                    + "\",\"password\":\"Taken-Over-12345\"}");
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
        }
        Api.Response refused =
                token.put(
                        "/me/password",
                        "{\"current\":\"" + PASSWORD + "\",\"password\":\"Taken-Over-12345\"}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(token.post("/me/totp/disable", "{\"password\":\"" + PASSWORD + "\"}").status())
                .isEqualTo(429);
        assertThat(
                        token.post(
                                        "/tokens",
                                        "{\"name\":\"more\",\"password\":\"" + PASSWORD + "\"}")
                                .status())
                .isEqualTo(429);
        assertThat(token.post("/me/totp", "{\"password\":\"" + PASSWORD + "\"}").status())
                .isEqualTo(429);
        // The password was not changed.
        assertThat(new Api(user, "Taken-Over-12345").via("192.0.2.79").get("/me").status())
                .isIn(401, 429);
    }

    @Test
    void tokenChangesAskForTheCurrentPassword() {
        String user = newReseller("tokens");
        Api basic = new Api(user, PASSWORD).via("192.0.2.88");
        Api.Response without = basic.post("/tokens", "{\"name\":\"panel\"}");
        assertThat(without.status()).as(without.toString()).isEqualTo(400);
        assertThat(without.json().get("detail").toString()).contains("current password");
        Api.Response made =
                basic.post("/tokens", "{\"name\":\"panel\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(made.status()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        String id = Api.id(((Map<String, Object>) made.json().get("token")).get("id"));
        Api token = Api.withAuthorization("Bearer " + made.json().get("secret")).via("192.0.2.89");
        assertThat(token.delete("/tokens/" + id).status()).isEqualTo(400);
        assertThat(
                        token.send(
                                        "DELETE",
                                        "/tokens/" + id,
                                        "{\"password\":\"Not-The-Password-1\"}")
                                .status())
                .isEqualTo(400);
        assertThat(
                        token.send("DELETE", "/tokens/" + id, "{\"password\":\"" + PASSWORD + "\"}")
                                .status())
                .isEqualTo(204);
        assertThat(token.get("/me").status()).isEqualTo(401);
    }

    /** GET /api/v1/me over a socket bound to {@code local}, with an X-Forwarded-For it chose. */
    private static int rawGetMe(
            InetAddress local, String user, String password, String forwardedFor) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(local, 0));
            s.connect(new InetSocketAddress(Gateway.HOST, Gateway.HTTP_PORT), 5000);
            s.setSoTimeout(30_000);
            String auth =
                    Base64.getEncoder()
                            .encodeToString(
                                    (user + ":" + password).getBytes(StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            out.write(
                    ("GET /api/v1/me HTTP/1.1\r\nHost: "
                                    + Gateway.HOST
                                    + ":"
                                    + Gateway.HTTP_PORT
                                    + "\r\nAuthorization: Basic "
                                    + auth
                                    + "\r\nX-Forwarded-For: "
                                    + forwardedFor
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status =
                    new BufferedReader(
                                    new InputStreamReader(
                                            s.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
