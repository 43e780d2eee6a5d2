package org.filtermx.web.api;

import org.filtermx.application.InvalidRequest;

/**
 * Query and path parameters parsed here, so a malformed one is a 400 in words, not a framework 404.
 */
final class Params {

    private Params() {}

    static Long number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequest(name + " must be a whole number");
        }
    }
}
