package org.filtermx.smtp.server.netty;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Makes short session ids, unique across restarts and cluster nodes, in the spirit of Postfix queue
 * ids: the time in base 36 followed by random base-36 digits, upper case.
 */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_DIGITS = 6;
    private static final long RANDOM_BOUND = 2_176_782_336L; // 36^6

    private SessionIds() {}

    public static String next() {
        String random = Long.toString(RANDOM_BOUND + nextRandom(), 36).substring(1);
        return (Long.toString(System.currentTimeMillis(), 36) + random).toUpperCase(Locale.ROOT);
    }

    private static long nextRandom() {
        return (RANDOM.nextLong() & Long.MAX_VALUE) % RANDOM_BOUND;
    }
}
