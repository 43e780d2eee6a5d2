package org.filtermx.infrastructure.filter.auth.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A test-only DKIM signer: hashes with the verifier's own canonicalization (checked separately
 * against the RFC examples) and signs with a generated key, so tests can sign what they alter.
 */
final class TestSigner {

    static final KeyPair RSA = generate("RSA", 2048);
    static final KeyPair ED25519 = generate("Ed25519", 0);

    /** Long ago, so that tests can sign already expired signatures. */
    private static final Instant SIGNING_TIME = Instant.EPOCH;

    private final KeyPair keys;
    private final String tags;

    /**
     * @param tags the tags before bh= and b=, e.g. {@code v=1; a=rsa-sha256; c=relaxed/relaxed;
     *     d=example.test; s=sel; h=from:to:subject}
     */
    TestSigner(KeyPair keys, String tags) {
        this.keys = keys;
        this.tags = tags;
    }

    /** The DNS TXT record publishing this signer's public key. */
    static String keyRecord(KeyPair keys) {
        byte[] encoded = keys.getPublic().getEncoded();
        if (keys.getPublic().getAlgorithm().equals("RSA")) {
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(encoded);
        }
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(raw);
    }

    /** {@code message} (CRLF line ends) with a DKIM-Signature field put on top. */
    String sign(String message) throws GeneralSecurityException {
        RawMessage unsigned = RawMessage.parse(message.getBytes(StandardCharsets.ISO_8859_1));
        String placeholder = "DKIM-Signature: " + tags + ";\r\n\tbh=AAAA; b=AAAA";
        DkimSignature draft =
                DkimSignature.parse(
                        new RawMessage.Field("DKIM-Signature", placeholder), SIGNING_TIME);
        byte[] body = draft.bodyCanonicalization().body(unsigned.body());
        long length = draft.bodyLength() < 0 ? body.length : draft.bodyLength();
        MessageDigest digest = MessageDigest.getInstance(draft.hashAlgorithm());
        digest.update(body, 0, (int) length);
        String withHash =
                placeholder.replace(
                        "bh=AAAA", "bh=" + Base64.getEncoder().encodeToString(digest.digest()));
        RawMessage withField =
                RawMessage.parse(
                        (withHash + "\r\n" + message).getBytes(StandardCharsets.ISO_8859_1));
        DkimSignature signature = DkimSignature.parse(withField.fields().get(0), SIGNING_TIME);
        byte[] data = SignedHeaders.of(withField, signature).getBytes(StandardCharsets.ISO_8859_1);
        Signature signer;
        if (draft.algorithm().startsWith("ed25519")) {
            signer = Signature.getInstance("Ed25519");
            data = MessageDigest.getInstance("SHA-256").digest(data);
        } else {
            signer = Signature.getInstance(draft.hashAlgorithm().replace("-", "") + "withRSA");
        }
        signer.initSign(keys.getPrivate());
        signer.update(data);
        String b = Base64.getEncoder().encodeToString(signer.sign());
        return withHash.replace("b=AAAA", "b=" + fold(b)) + "\r\n" + message;
    }

    /** Folds the base64 value as signers do, which verification must ignore. */
    private static String fold(String base64) {
        StringBuilder folded = new StringBuilder();
        for (int i = 0; i < base64.length(); i += 64) {
            folded.append(i == 0 ? "" : "\r\n\t")
                    .append(base64, i, Math.min(base64.length(), i + 64));
        }
        return folded.toString();
    }

    private static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (size > 0) {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
