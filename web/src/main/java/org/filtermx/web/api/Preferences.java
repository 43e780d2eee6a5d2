package org.filtermx.web.api;

import java.util.List;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Reads the {@code Prefer} request header (RFC 7240): a comma-separated list of preferences, each a
 * token, optionally {@code =value}, then parameters after {@code ;}; the header may come several
 * times (section 2). Preference names compare case-insensitively. Read with a linear scan.
 */
final class Preferences {

    /** RFC 7240 section 4.1: the client would like the server to answer before processing. */
    static final String RESPOND_ASYNC = "respond-async";

    private Preferences() {}

    /** Whether any of the {@code Prefer} header values names {@code preference}. */
    static boolean prefers(List<String> headers, String preference) {
        if (headers == null) {
            return false;
        }
        for (String header : headers) {
            if (header == null) {
                continue;
            }
            for (String item : header.split(",", -1)) {
                int end = item.length();
                int eq = item.indexOf('=');
                int semicolon = item.indexOf(';');
                if (eq >= 0) {
                    end = eq;
                }
                if (semicolon >= 0 && semicolon < end) {
                    end = semicolon;
                }
                if (LowerCase.of(item.substring(0, end).strip()).equals(preference)) {
                    return true;
                }
            }
        }
        return false;
    }
}
