package org.filtermx.application.port;

import org.filtermx.domain.model.dkim.DkimAlgorithm;

/** Makes new DKIM key pairs: RSA 2048 bit or Ed25519 (RFC 8463). */
public interface DkimKeyGenerator {

    /**
     * A fresh key pair.
     *
     * @param publicKey the base64 text of the DNS record's {@code p=} tag
     * @param privateKey the private key, PKCS#8
     */
    record KeyPair(String publicKey, byte[] privateKey) {}

    KeyPair generate(DkimAlgorithm algorithm);
}
