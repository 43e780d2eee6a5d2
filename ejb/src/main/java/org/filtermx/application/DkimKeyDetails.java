package org.filtermx.application;

import java.time.Instant;

/**
 * A hosted domain's DKIM key as shown in the console and the API: what to publish in DNS, and
 * whether the gateway signs with it.
 *
 * @param algorithm {@code rsa-sha256} or {@code ed25519-sha256}
 * @param recordName the TXT record's name, {@code <selector>._domainkey.<domain>}
 * @param record the TXT record's text, {@code v=DKIM1; k=...; p=...}
 */
public record DkimKeyDetails(
        long id,
        String domain,
        String selector,
        String algorithm,
        boolean active,
        Instant created,
        String recordName,
        String record) {}
