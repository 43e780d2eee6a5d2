package org.filtermx.domain.model.dkim;

import java.time.Instant;
import java.util.Objects;

/**
 * A hosted domain's DKIM key as its tenant sees it: the public half and where to publish it; the
 * private half never leaves the repository except to sign.
 *
 * @param publicKey the base64 of the {@code p=} tag: SubjectPublicKeyInfo for RSA (RFC 6376 section
 *     3.6.1), the raw 32-octet key for Ed25519 (RFC 8463 section 4)
 */
public record DkimKey(
        long id,
        String domain,
        String selector,
        DkimAlgorithm algorithm,
        String publicKey,
        boolean active,
        Instant created) {

    public DkimKey {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** Where the key is published: {@code <selector>._domainkey.<domain>} (section 3.6.2.1). */
    public String recordName() {
        return selector + "._domainkey." + domain;
    }

    /** The TXT record's text to publish (section 3.6.1). */
    public String record() {
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + publicKey;
    }
}
