package org.filtermx.infrastructure.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.filtermx.application.port.DkimKeyGenerator;
import org.filtermx.domain.model.dkim.DkimAlgorithm;

/**
 * Key pairs with the JDK's providers: RSA 2048 bit (RFC 8301 section 3.2 asks for at least 1024,
 * 2048 is the usual) and Ed25519; and the private key read back from its PKCS#8 form.
 */
public final class DkimKeyPairs implements DkimKeyGenerator {

    static final int RSA_BITS = 2048;

    /** An Ed25519 SubjectPublicKeyInfo is this 12-octet prefix and the raw 32-octet key. */
    private static final int ED25519_SPKI_PREFIX = 12;

    @Override
    public KeyPair generate(DkimAlgorithm algorithm) {
        try {
            KeyPairGenerator generator =
                    KeyPairGenerator.getInstance(
                            algorithm == DkimAlgorithm.RSA_SHA256 ? "RSA" : "Ed25519");
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                generator.initialize(RSA_BITS);
            }
            java.security.KeyPair pair = generator.generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            // RFC 6376 section 3.6.1: RSA's p= is the SubjectPublicKeyInfo; RFC 8463 section 4:
            // Ed25519's is the bare key.
            byte[] published =
                    algorithm == DkimAlgorithm.RSA_SHA256
                            ? spki
                            : Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX, spki.length);
            return new KeyPair(
                    Base64.getEncoder().encodeToString(published), pair.getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA and Ed25519 are part of every Java 17 runtime", e);
        }
    }

    /** The private key from its PKCS#8 form. */
    static PrivateKey privateKey(DkimAlgorithm algorithm, byte[] pkcs8) {
        try {
            return KeyFactory.getInstance(algorithm == DkimAlgorithm.RSA_SHA256 ? "RSA" : "Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a " + algorithm.keyType() + " private key", e);
        }
    }
}
