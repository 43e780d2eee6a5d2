package org.filtermx.infrastructure.filter.auth.spf;

/** The results check_host() can return (RFC 7208 section 2.6). */
public enum SpfResult {
    NONE,
    NEUTRAL,
    PASS,
    FAIL,
    SOFTFAIL,
    TEMPERROR,
    PERMERROR
}
