package org.filtermx.infrastructure.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.filtermx.domain.model.dkim.DkimAlgorithm;
import org.junit.jupiter.api.Test;

/**
 * The Ed25519 example of RFC 8463 appendix A: its key, its message and its relaxed/relaxed
 * signature. The canonicalization and hashing here must reproduce the body hash, the JDK's Ed25519
 * must accept the published signature over the data this code hashes, and since Ed25519 is
 * deterministic, signing that data with the example's private key must give the same signature.
 */
class Rfc8463ExampleTest {

    /** Appendix A.1: the private key (the 32-octet seed) and the public key of the example. */
    static final String SEED = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";

    static final String PUBLIC = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

    private static final String SIGNATURE_FIELD =
            String.join(
                    "\r\n",
                    "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;",
                    " d=football.example.com; i=@football.example.com;",
                    " q=dns/txt; s=brisbane; t=1528637909; h=from : to :",
                    " subject : date : message-id : from : subject : date;",
                    " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
                    " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus",
                    " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==");

    /** Appendix A.3, without its signatures (the RSA one is not about this algorithm). */
    private static final String MESSAGE =
            String.join(
                    "\r\n",
                    "From: Joe SixPack <joe@football.example.com>",
                    "To: Suzie Q <suzie@shopping.example.net>",
                    "Subject: Is dinner ready?",
                    "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)",
                    "Message-ID: <20030712040037.46341.5F8J@football.example.com>",
                    "",
                    "Hi.",
                    "",
                    "We lost the game.  Are you hungry yet?",
                    "",
                    "Joe.",
                    "");

    private static final String RFC_SIGNATURE =
            "/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11BusFa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==";

    @Test
    void theBodyHashIsTheExamples() {
        byte[] message = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        assertThat(
                        Base64.getEncoder()
                                .encodeToString(
                                        RelaxedCanonicalization.bodyHash(
                                                message, MessageHeader.parse(message).bodyStart())))
                .isEqualTo("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=");
    }

    @Test
    void theExamplesSignatureVerifiesOverTheDataHashedHere() throws Exception {
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(publicKey());
        ed25519.update(DkimSignatures.sha256().digest(signedData()));
        assertThat(ed25519.verify(Base64.getDecoder().decode(RFC_SIGNATURE))).isTrue();
    }

    @Test
    void signingTheSameDataWithTheExamplesKeyGivesTheSameSignature() throws Exception {
        byte[] signature =
                DkimSignatures.signature(
                        DkimAlgorithm.ED25519_SHA256,
                        privateKey(),
                        new String(signedData(), StandardCharsets.ISO_8859_1));
        assertThat(Base64.getEncoder().encodeToString(signature)).isEqualTo(RFC_SIGNATURE);
    }

    /**
     * RFC 6376 section 3.7: the fields named by h= (from the bottom up; names past the last
     * instance add nothing), then the signature field with an empty b=, without its CRLF.
     */
    private static byte[] signedData() {
        MessageHeader header = MessageHeader.parse(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        StringBuilder data = new StringBuilder();
        List<String> names =
                List.of("from", "to", "subject", "date", "message-id", "from", "subject", "date");
        java.util.Map<String, Integer> used = new java.util.HashMap<>();
        for (String name : names) {
            int seen = used.merge(name, 1, Integer::sum);
            List<String> instances =
                    header.fields().stream()
                            .filter(f -> f.toLowerCase().startsWith(name + ":"))
                            .toList();
            if (seen <= instances.size()) {
                data.append(RelaxedCanonicalization.header(instances.get(instances.size() - seen)));
            }
        }
        String withoutB = SIGNATURE_FIELD.substring(0, SIGNATURE_FIELD.lastIndexOf(" b=") + 3);
        String own = RelaxedCanonicalization.header(withoutB);
        data.append(own, 0, own.length() - 2);
        return data.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The raw key behind the fixed SubjectPublicKeyInfo prefix of Ed25519 (RFC 8410). */
    static PublicKey publicKey() throws Exception {
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(concat(prefix, PUBLIC)));
    }

    /** The seed behind the fixed PKCS#8 prefix of Ed25519 (RFC 8410 section 7). */
    static PrivateKey privateKey() throws Exception {
        byte[] prefix = {
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
            0x04, 0x20
        };
        return KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(concat(prefix, SEED)));
    }

    private static byte[] concat(byte[] prefix, String base64) {
        byte[] raw = Base64.getDecoder().decode(base64);
        byte[] out = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(raw, 0, out, prefix.length, raw.length);
        return out;
    }
}
