package org.filtermx.infrastructure.filter.auth.spf;

/**
 * Ends an evaluation early with temperror or permerror, the way RFC 7208 section 4.6 lets a single
 * term decide the whole check_host() result.
 */
final class SpfException extends Exception {

    private static final long serialVersionUID = 1L;

    private final SpfResult result;

    private SpfException(SpfResult result, String message) {
        super(message, null, false, false);
        this.result = result;
    }

    static SpfException permanent(String message) {
        return new SpfException(SpfResult.PERMERROR, message);
    }

    static SpfException temporary(String message) {
        return new SpfException(SpfResult.TEMPERROR, message);
    }

    SpfResult result() {
        return result;
    }
}
