package org.filtermx.domain.model.dkim;

import java.util.List;
import java.util.Optional;

/**
 * The DKIM keys of hosted domains; the private keys are kept sealed (ADR 0029). Domain names are
 * lower-case. At most one key of a domain is active.
 */
public interface DkimKeyRepository {

    /** A domain's active key with its private half (PKCS#8), for signing. */
    record SigningKey(DkimKey key, byte[] privateKey) {}

    /** The domain's keys, oldest first. */
    List<DkimKey> list(String domain);

    Optional<DkimKey> find(String domain, long id);

    Optional<DkimKey> active(String domain);

    Optional<SigningKey> signingKey(String domain);

    /**
     * Stores a new, inactive key.
     *
     * @return the key, or empty when the domain already has a key with this selector
     */
    Optional<DkimKey> add(
            String domain,
            String selector,
            DkimAlgorithm algorithm,
            String publicKey,
            byte[] privateKey);

    /** Makes key {@code id} the domain's only active key, in one statement. */
    boolean activate(String domain, long id);

    boolean remove(String domain, long id);
}
