package org.filtermx.infrastructure.filter.auth.dkim;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.filter.auth.TagList;

/**
 * A public key record from {@code <s>._domainkey.<d>} (RFC 6376 section 3.6.1), turned into a
 * {@link PublicKey} that java.security can verify with.
 *
 * @param type {@code rsa} or {@code ed25519} (k=)
 * @param strictIdentity the t=s flag: i= must equal d= exactly
 */
record DkimKey(String type, PublicKey key, String hashes, boolean strictIdentity) {

    /** RFC 8301 section 3.2: verifiers must not accept shorter RSA keys. */
    static final int MIN_RSA_BITS = 1024;

    /** The DER prefix that makes a raw 32-octet Ed25519 key a SubjectPublicKeyInfo (RFC 8410). */
    private static final byte[] ED25519_PREFIX =
            HexFormat.of().parseHex("302a300506032b6570032100");

    /**
     * @throws IllegalArgumentException for a revoked (empty p=), malformed or unusable key
     */
    static DkimKey parse(String record) {
        TagList tags = TagList.parse(record);
        if (tags.get("v").isPresent()
                && (!tags.get("v").get().equals("DKIM1") || !tags.firstName().get().equals("v"))) {
            throw new IllegalArgumentException("key record is not v=DKIM1");
        }
        String service = tags.get("s").orElse("*");
        if (!service.equals("*") && !Arrays.asList(service.split(":")).contains("email")) {
            throw new IllegalArgumentException("key is not for email (s=" + service + ")");
        }
        String data = tags.required("p").replaceAll("[ \\t\\r\\n]", "");
        if (data.isEmpty()) {
            throw new IllegalArgumentException("key revoked (empty p=)");
        }
        String type = LowerCase.of(tags.get("k").orElse("rsa"));
        byte[] encoded = Base64.getDecoder().decode(data);
        boolean strict =
                Arrays.asList(tags.get("t").orElse("").split(":")).stream()
                        .anyMatch(flag -> flag.strip().equals("s"));
        return new DkimKey(type, publicKey(type, encoded), tags.get("h").orElse(""), strict);
    }

    /** Whether the key's h= list (empty: any) allows the signature's hash, e.g. {@code sha256}. */
    boolean allowsHash(String algorithm) {
        if (hashes.isBlank()) {
            return true;
        }
        String hash = algorithm.substring(algorithm.indexOf('-') + 1);
        return Arrays.stream(hashes.split(":")).anyMatch(h -> h.strip().equalsIgnoreCase(hash));
    }

    private static PublicKey publicKey(String type, byte[] encoded) {
        try {
            switch (type) {
                case "rsa":
                    return rsa(encoded);
                case "ed25519":
                    // RFC 8463 section 4.2: p= holds the bare 32-octet key.
                    byte[] spki =
                            Arrays.copyOf(ED25519_PREFIX, ED25519_PREFIX.length + encoded.length);
                    System.arraycopy(encoded, 0, spki, ED25519_PREFIX.length, encoded.length);
                    return KeyFactory.getInstance("Ed25519")
                            .generatePublic(new X509EncodedKeySpec(spki));
                default:
                    throw new IllegalArgumentException("unsupported key type k=" + type);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable " + type + " key: " + e.getMessage(), e);
        }
    }

    /**
     * Publishers put a SubjectPublicKeyInfo in p= as the RFC examples do, a few a bare PKCS#1
     * RSAPublicKey; both are read.
     */
    private static PublicKey rsa(byte[] encoded) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("RSA");
        RSAPublicKey key;
        try {
            key = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            key = (RSAPublicKey) factory.generatePublic(pkcs1(encoded));
        }
        if (key.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException(
                    "RSA key of " + key.getModulus().bitLength() + " bits is too short");
        }
        return key;
    }

    /** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1). */
    private static RSAPublicKeySpec pkcs1(byte[] der) throws GeneralSecurityException {
        DerReader reader = new DerReader(der);
        reader.enter(0x30);
        BigInteger modulus = new BigInteger(reader.read(0x02));
        BigInteger exponent = new BigInteger(reader.read(0x02));
        return new RSAPublicKeySpec(modulus, exponent);
    }
}
