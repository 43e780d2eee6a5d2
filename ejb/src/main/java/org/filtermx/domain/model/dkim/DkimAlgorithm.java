package org.filtermx.domain.model.dkim;

import java.util.Optional;
import org.filtermx.domain.model.shared.LowerCase;

/** The signing algorithms a hosted domain's key may use: RFC 6376 section 3.3 and RFC 8463. */
public enum DkimAlgorithm {
    /** RSA 2048 bit with SHA-256; every verifier knows it. */
    RSA_SHA256("rsa-sha256", "rsa"),
    /** Ed25519 with SHA-256 (RFC 8463): short keys and signatures, not yet verified everywhere. */
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tag;
    private final String keyType;

    DkimAlgorithm(String tag, String keyType) {
        this.tag = tag;
        this.keyType = keyType;
    }

    /** The {@code a=} value of a signature. */
    public String tag() {
        return tag;
    }

    /** The {@code k=} value of the key record (RFC 6376 section 3.6.1). */
    public String keyType() {
        return keyType;
    }

    /** By key type ({@code rsa}, {@code ed25519}) or signature tag, any case. */
    public static Optional<DkimAlgorithm> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = LowerCase.of(name.strip());
        for (DkimAlgorithm a : values()) {
            if (a.tag.equals(n) || a.keyType.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
