package org.filtermx.application;

/**
 * Rotation of the key that signs quarantine release links (ADR 0018), by administrators, while the
 * cluster runs.
 */
public interface ReleaseKeyService {

    /**
     * What a rotation did: the id of the new signing key, and how many earlier keys stay valid for
     * the links they signed or were revoked with all their links.
     */
    record Rotation(int keyId, int previousKeysKept, int previousKeysRevoked) {}

    /**
     * Makes a new signing key. Links signed earlier stay valid until they expire, unless {@code
     * revokePrevious}, which invalidates every link issued so far (for a key that leaked).
     *
     * @throws Forbidden unless the caller is an administrator
     * @throws Conflict when another rotation ran at the same moment
     */
    Rotation rotate(Caller caller, boolean revokePrevious);
}
