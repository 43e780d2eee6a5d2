package org.filtermx.application.port;

import java.util.List;

/**
 * The settings of authentication posture: the address DMARC aggregate reports are sent to ({@code
 * FILTERMX_DMARC_RUA}), the MX host names the hosted MTA-STS policy lists, the host {@code
 * mta-sts.<domain>} should point at ({@code FILTERMX_MTA_STS_HOST}) and the policy's max_age
 * ({@code FILTERMX_MTA_STS_MAX_AGE}).
 */
public interface PostureSettings {

    /** The rua address, lower case, e.g. {@code dmarc-reports@mx.example.net}. */
    String reportAddress();

    List<String> mxHosts();

    String mtaStsHost();

    long mtaStsMaxAge();
}
