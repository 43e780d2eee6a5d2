package org.filtermx.infrastructure.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The decoded bytes of one part, kept up to a cap, with the decoded size counted beyond it when
 * asked, all within the message's {@link DecodeBudget}.
 *
 * @param truncated whether {@code content} stops short of the part's real decoded size
 */
record DecodedBody(byte[] content, long size, boolean truncated) {

    private static final int CHUNK = 8192;

    /** Reads {@code in} until its end, the budget, or (unless {@code countBeyondCap}) the cap. */
    static DecodedBody read(InputStream in, int cap, boolean countBeyondCap, DecodeBudget budget)
            throws IOException {
        if (budget.exhausted()) {
            budget.markExceeded();
            return new DecodedBody(new byte[0], 0, true);
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(cap, CHUNK));
        byte[] chunk = new byte[CHUNK];
        long size = 0;
        boolean truncated = false;
        int n;
        while ((n = in.read(chunk)) != -1) {
            int granted = budget.take(n);
            int keep = (int) Math.min(granted, Math.max(0, cap - kept.size()));
            kept.write(chunk, 0, keep);
            size += granted;
            if (granted < n) {
                truncated = true;
                break;
            }
            if (keep < granted) {
                truncated = true;
            }
            if (!countBeyondCap && kept.size() >= cap) {
                break;
            }
        }
        return new DecodedBody(kept.toByteArray(), size, truncated);
    }
}
