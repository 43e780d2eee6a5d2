package org.filtermx.infrastructure.filter.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.infrastructure.dns.Deadline;
import org.filtermx.infrastructure.dns.LoopbackDnsServer;
import org.filtermx.infrastructure.filter.auth.TestMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DkimScannerTest {

    private static final String MESSAGE =
            String.join(
                    "\r\n",
                    "From: Alice <alice@example.test>",
                    "To: bob@filtermx.test",
                    "Subject: Quarterly figures",
                    "Date: Mon, 2 Jun 2025 09:00:00 +0000",
                    "Message-ID: <1@example.test>",
                    "",
                    "Hello Bob,",
                    "  here are the figures.",
                    "",
                    "Alice",
                    "");

    private static final String RELAXED =
            "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=sel;\r\n"
                    + "\th=from:to:subject:date";

    private final LoopbackDnsServer dns = new LoopbackDnsServer();
    private final DkimScanner scanner = new DkimScanner(dns.lookup(), DkimSettings.DEFAULTS);

    DkimScannerTest() {
        dns.txt("sel._domainkey.example.test", TestSigner.keyRecord(TestSigner.RSA));
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    private List<String> scan(String raw) {
        return scanner
                .scan(TestMessage.of("192.0.2.1", "h.test", "a@example.test", raw))
                .reasons()
                .stream()
                .map(Reason::toString)
                .toList();
    }

    private static String sign(String tags, String message) throws Exception {
        return new TestSigner(TestSigner.RSA, tags).sign(message);
    }

    @Test
    void verifiesTheRfc8463ExampleSignedWithEd25519AndRsa() {
        dns.txt(
                        "brisbane._domainkey.football.example.com",
                        "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
                .txt(
                        "test._domainkey.football.example.com",
                        "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
                                + "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W"
                                + "91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9P"
                                + "zoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB");

        List<DkimOutcome> outcomes =
                new DkimVerifier(dns.lookup(), 5)
                        .verify(
                                Rfc8463Example.MESSAGE.getBytes(StandardCharsets.US_ASCII),
                                Deadline.after(Duration.ofSeconds(3)));

        assertThat(outcomes)
                .extracting(DkimOutcome::status, DkimOutcome::selector, DkimOutcome::detail)
                .containsExactly(
                        tuple(DkimOutcome.Status.PASS, "brisbane", ""),
                        tuple(DkimOutcome.Status.PASS, "test", ""));
        assertThat(scan(Rfc8463Example.MESSAGE))
                .containsExactly(
                        "DKIM_VALID -0.1 (d=football.example.com)",
                        "DKIM_VALID_AUTHOR_DOMAIN -0.1 (d=football.example.com)");
    }

    @Test
    void acceptsAValidSignatureAlignedWithFrom() throws Exception {
        assertThat(scan(sign(RELAXED, MESSAGE)))
                .containsExactly(
                        "DKIM_VALID -0.1 (d=example.test)",
                        "DKIM_VALID_AUTHOR_DOMAIN -0.1 (d=example.test)");
    }

    @Test
    void rejectsAChangedBody() throws Exception {
        String tampered = sign(RELAXED, MESSAGE).replace("the figures", "the new bank details");

        assertThat(scan(tampered))
                .containsExactly("DKIM_INVALID +1.0 (d=example.test: body hash mismatch)");
    }

    @Test
    void rejectsAChangedSignedHeader() throws Exception {
        String tampered = sign(RELAXED, MESSAGE).replace("Quarterly figures", "Urgent payment");

        assertThat(scan(tampered))
                .containsExactly("DKIM_INVALID +1.0 (d=example.test: signature mismatch)");
    }

    @Test
    void rejectsAFromAddedToAnOverSignedMessage() throws Exception {
        // h= naming From twice signs that there is no second From (RFC 6376 section 8.15).
        String signed = sign(RELAXED.replace("h=from:", "h=from:from:"), MESSAGE);
        String tampered =
                signed.replace("From: Alice", "From: Mallory <m@evil.test>\r\nFrom: Alice");

        assertThat(scan(tampered)).singleElement().asString().startsWith("DKIM_INVALID");
    }

    @Test
    void signsTheBottomInstanceOfARepeatedField() throws Exception {
        String twoTraces = "X-Trace: top\r\nX-Trace: bottom\r\n" + MESSAGE;
        String signed = sign(RELAXED.replace("h=from:", "h=x-trace:from:"), twoTraces);

        assertThat(scan(signed.replace("X-Trace: top", "X-Trace: changed")))
                .first()
                .asString()
                .startsWith("DKIM_VALID ");
        assertThat(scan(signed.replace("X-Trace: bottom", "X-Trace: changed")))
                .containsExactly("DKIM_INVALID +1.0 (d=example.test: signature mismatch)");
    }

    @Test
    void relaxedCanonicalizationSurvivesWhitespaceChanges() throws Exception {
        String signed = sign(RELAXED, MESSAGE);
        String rewritten =
                signed.replace("Subject: Quarterly figures", "subject:   Quarterly\r\n   figures ")
                        .replace("  here are the figures.", "  here  are\tthe figures.   ")
                        .concat("\r\n\r\n");

        assertThat(scan(rewritten)).first().asString().startsWith("DKIM_VALID ");
    }

    @Test
    void simpleCanonicalizationBreaksOnWhitespaceChanges() throws Exception {
        String signed = sign(RELAXED.replace("relaxed/relaxed", "simple/simple"), MESSAGE);

        assertThat(scan(signed)).first().asString().startsWith("DKIM_VALID ");
        assertThat(scan(signed.replace("here are", "here  are")))
                .containsExactly("DKIM_INVALID +1.0 (d=example.test: body hash mismatch)");
    }

    @Test
    void verifiesEd25519Signatures() throws Exception {
        dns.txt("ed._domainkey.example.test", TestSigner.keyRecord(TestSigner.ED25519));
        String signed =
                new TestSigner(
                                TestSigner.ED25519,
                                "v=1; a=ed25519-sha256; c=relaxed/simple; d=example.test; s=ed;"
                                        + " h=from:subject")
                        .sign(MESSAGE);

        assertThat(scan(signed)).first().isEqualTo("DKIM_VALID -0.1 (d=example.test)");
    }

    @Test
    void scoresNothingForAnUnsignedMessage() {
        assertThat(scan(MESSAGE)).containsExactly("DKIM_NONE +0.0");
    }

    @Test
    void treatsAnEmptyKeyAsRevoked() throws Exception {
        dns.txt("gone._domainkey.example.test", "v=DKIM1; p=");

        assertThat(scan(sign(RELAXED.replace("s=sel", "s=gone"), MESSAGE)))
                .containsExactly("DKIM_INVALID +1.0 (d=example.test: key revoked (empty p=))");
    }

    @Test
    void rejectsASignatureWithoutKey() throws Exception {
        assertThat(scan(sign(RELAXED.replace("s=sel", "s=none"), MESSAGE)))
                .containsExactly(
                        "DKIM_INVALID +1.0 (d=example.test: no key at"
                                + " none._domainkey.example.test)");
    }

    @Test
    void rejectsAnExpiredSignature() throws Exception {
        long past = Instant.now().minusSeconds(3600).getEpochSecond();
        String signed = sign(RELAXED + "; t=" + (past - 60) + "; x=" + past, MESSAGE);

        assertThat(scan(signed))
                .singleElement()
                .asString()
                .startsWith("DKIM_INVALID")
                .contains("expired");
    }

    @Test
    void rejectsASignatureNotCoveringFrom() {
        String signed =
                "DKIM-Signature: v=1; a=rsa-sha256; d=example.test; s=sel; h=to:subject;"
                        + " bh=AAAA; b=AAAA\r\n"
                        + MESSAGE;

        assertThat(scan(signed)).singleElement().asString().contains("From is not signed");
    }

    @Test
    void neverPassesAnRsaSha1Signature() throws Exception {
        String sha1 = sign(RELAXED.replace("rsa-sha256", "rsa-sha1"), MESSAGE);

        assertThat(scan(sha1))
                .containsExactly(
                        "DKIM_PERMERROR +0.0 (d=example.test: rsa-sha1 is not accepted (RFC 8301))");
    }

    @Test
    void scoresPartialBodySignaturesAsWeak() throws Exception {
        String partial = sign(RELAXED + "; l=10", MESSAGE);

        assertThat(scan(partial))
                .singleElement()
                .asString()
                .startsWith("DKIM_VALID_WEAK +0.0 (d=example.test: l= leaves");
    }

    @Test
    void acceptsABodyLengthCoveringTheWholeBodyAsStrong() throws Exception {
        // The relaxed body is 45 octets: "Hello Bob,", " here are the figures.", "", "Alice".
        String signed = sign(RELAXED + "; l=45", MESSAGE);

        assertThat(scan(signed)).first().isEqualTo("DKIM_VALID -0.1 (d=example.test)");
    }

    @Test
    void doesNotCountASignerOfAnotherDomainAsTheAuthor() throws Exception {
        dns.txt("list._domainkey.lists.test", TestSigner.keyRecord(TestSigner.RSA));

        assertThat(
                        scan(
                                sign(
                                        RELAXED.replace(
                                                "d=example.test; s=sel", "d=lists.test; s=list"),
                                        MESSAGE)))
                .containsExactly("DKIM_VALID -0.1 (d=lists.test)");
    }

    @Test
    void ignoresABrokenSignatureNextToAValidOne() throws Exception {
        String broken =
                sign(RELAXED, MESSAGE).replace("Quarterly figures", "[list] Quarterly figures");
        dns.txt("list._domainkey.lists.test", TestSigner.keyRecord(TestSigner.RSA));
        String resigned =
                sign(RELAXED.replace("d=example.test; s=sel", "d=lists.test; s=list"), broken);

        assertThat(scan(resigned)).containsExactly("DKIM_VALID -0.1 (d=lists.test)");
    }

    @Test
    void readsKeysPublishedAsBarePkcs1() throws Exception {
        byte[] spki = TestSigner.RSA.getPublic().getEncoded();
        // A 2048-bit SubjectPublicKeyInfo has a 24-octet prefix before the RSAPublicKey.
        byte[] pkcs1 = Arrays.copyOfRange(spki, 24, spki.length);
        dns.txt(
                "pk1._domainkey.example.test",
                "k=rsa; p=" + Base64.getEncoder().encodeToString(pkcs1));

        assertThat(scan(sign(RELAXED.replace("s=sel", "s=pk1"), MESSAGE)))
                .first()
                .isEqualTo("DKIM_VALID -0.1 (d=example.test)");
    }

    @Test
    void rejectsRsaKeysShorterThan1024Bits() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(512);
        KeyPair small = generator.generateKeyPair();
        dns.txt("small._domainkey.example.test", TestSigner.keyRecord(small));

        String signed = new TestSigner(small, RELAXED.replace("s=sel", "s=small")).sign(MESSAGE);

        assertThat(scan(signed)).singleElement().asString().contains("too short");
    }

    @Test
    void givesTemperrorWithinTheBudgetWhenTheKeyServerIsSilent() throws Exception {
        dns.silent("slow._domainkey.example.test");
        DkimSettings quick =
                new DkimSettings(Duration.ofMillis(600), 5, -0.1, -0.1, 0.0, 1.0, 0.0, 0.0);
        DkimScanner impatient = new DkimScanner(dns.lookup(Duration.ofMillis(400)), quick);
        String signed = sign(RELAXED.replace("s=sel", "s=slow"), MESSAGE);

        long start = System.nanoTime();
        List<Reason> reasons =
                impatient
                        .scan(TestMessage.of("192.0.2.1", "h", "a@example.test", signed))
                        .reasons();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(reasons)
                .extracting(Reason::rule, Reason::score)
                .containsExactly(tuple("DKIM_TEMPERROR", 0.0));
    }
}
