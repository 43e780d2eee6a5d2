package org.filtermx.application.internal.posture;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The MTA-STS policy file the cluster serves for a domain (RFC 8461 section 3.2), lines ending in
 * CRLF, and its id: a digest of the text, so the id changes exactly when the policy does (mode, MX
 * hosts or max_age), as section 3.1 requires, with nothing to remember.
 */
public final class MtaStsPolicyText {

    private MtaStsPolicyText() {}

    public static String text(String mode, List<String> mxHosts, long maxAge) {
        StringBuilder sb = new StringBuilder("version: STSv1\r\n");
        sb.append("mode: ").append(mode).append("\r\n");
        for (String mx : mxHosts) {
            sb.append("mx: ").append(mx).append("\r\n");
        }
        sb.append("max_age: ").append(maxAge).append("\r\n");
        return sb.toString();
    }

    /** Section 3.1: 1 to 32 alphanumeric characters; here 20 hex digits of SHA-256. */
    public static String id(String text) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
