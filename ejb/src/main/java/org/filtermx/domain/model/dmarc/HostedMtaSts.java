package org.filtermx.domain.model.dmarc;

import java.time.Instant;

/**
 * The MTA-STS policy the cluster hosts for a domain (RFC 8461 section 3.2): its mode ({@code
 * testing}, {@code enforce} or {@code none}) and the id published in the {@code _mta-sts} TXT
 * record, which changes whenever the policy does (section 3.1).
 */
public record HostedMtaSts(String mode, String policyId, Instant updatedAt) {}
