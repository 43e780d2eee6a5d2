package org.filtermx.application;

import java.util.List;

/**
 * The DKIM keys of a hosted domain (RFC 6376; Ed25519 per RFC 8463): generated here, published by
 * the tenant in DNS, and the active one signs the domain's outgoing mail. Administrators, the
 * domain's resellers and the domain's login manage them.
 */
public interface DkimKeyService {

    List<DkimKeyDetails> list(Caller caller, String domain);

    /**
     * A new key, not yet active (publish its record first, then {@link #activate}).
     *
     * @param algorithm {@code rsa} (2048 bit) or {@code ed25519}; {@code null} for rsa
     * @param selector a DNS label (or several, dotted); {@code null} or blank for one made of the
     *     algorithm and the date
     * @throws InvalidRequest for an unknown algorithm or a selector DNS cannot carry
     * @throws Conflict when the domain already has a key with this selector
     */
    DkimKeyDetails generate(Caller caller, String domain, String algorithm, String selector);

    /** Makes the key the one that signs; the domain's other keys stop signing. */
    DkimKeyDetails activate(Caller caller, String domain, long id);

    /** Removes the key; if it was active, the domain's mail goes out unsigned. */
    void remove(Caller caller, String domain, long id);
}
