package org.filtermx.infrastructure.mtasts;

import java.util.ArrayList;
import java.util.List;
import org.filtermx.domain.model.mtasts.MtaStsMode;
import org.filtermx.domain.model.mtasts.MtaStsPolicy;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Parses a policy file (RFC 8461 section 3.2) in one pass over its lines: {@code key: value} per
 * line ending in CRLF or LF; {@code version} must be {@code STSv1}, {@code mode} one of {@code
 * enforce}, {@code testing}, {@code none}, {@code max_age} up to ten digits (capped at 31557600),
 * {@code mx} a host name or {@code *.} domain, repeated; enforce and testing need at least one mx.
 * Unknown keys are ignored; of a repeated single-valued key the first counts. Anything else makes
 * the policy invalid, and a sender then acts as if there were none.
 */
final class MtaStsPolicyParser {

    /** RFC 8461 section 3.3 lets senders stop reading a policy after 64 KiB. */
    static final int MAX_POLICY_BYTES = 64 * 1024;

    /**
     * The most mx patterns kept (the shared cache's column holds about this many full-length
     * names); large providers list a handful.
     */
    static final int MAX_MX_PATTERNS = 30;

    private static final int MAX_NAME_LENGTH = 253;

    private MtaStsPolicyParser() {}

    /** Raised for a policy that does not follow the grammar, with what is wrong. */
    static final class InvalidPolicy extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidPolicy(String message) {
            super(message, null, false, false);
        }
    }

    static MtaStsPolicy parse(String body, String id) throws InvalidPolicy {
        if (body.length() > MAX_POLICY_BYTES) {
            throw new InvalidPolicy("policy longer than " + MAX_POLICY_BYTES + " bytes");
        }
        String version = null;
        MtaStsMode mode = null;
        Long maxAge = null;
        List<String> mx = new ArrayList<>();
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = body.length();
            }
            String line = body.substring(start, end);
            start = end + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new InvalidPolicy("line without key and value");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = version == null ? value : version;
                case "mode" -> {
                    if (mode == null) {
                        mode =
                                MtaStsMode.of(value)
                                        .orElseThrow(() -> new InvalidPolicy("unknown mode"));
                    }
                }
                case "max_age" -> maxAge = maxAge == null ? maxAge(value) : maxAge;
                case "mx" -> {
                    if (mx.size() >= MAX_MX_PATTERNS) {
                        throw new InvalidPolicy("more than " + MAX_MX_PATTERNS + " mx patterns");
                    }
                    mx.add(mxPattern(value));
                }
                default -> {
                    // Extension keys are ignored (section 3.2).
                }
            }
        }
        if (!"STSv1".equals(version)) {
            throw new InvalidPolicy("version is not STSv1");
        }
        if (mode == null) {
            throw new InvalidPolicy("no mode");
        }
        if (maxAge == null) {
            throw new InvalidPolicy("no max_age");
        }
        if (mode != MtaStsMode.NONE && mx.isEmpty()) {
            throw new InvalidPolicy("mode " + mode.id() + " without mx");
        }
        return new MtaStsPolicy(id, mode, mx, maxAge);
    }

    /** max_age = 1*10DIGIT, capped at 31557600 (section 3.2). */
    private static long maxAge(String value) throws InvalidPolicy {
        if (value.isEmpty() || value.length() > 10) {
            throw new InvalidPolicy("max_age is not 1 to 10 digits");
        }
        long seconds = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidPolicy("max_age is not 1 to 10 digits");
            }
            seconds = seconds * 10 + (c - '0');
        }
        return Math.min(seconds, MtaStsPolicy.MAX_AGE_LIMIT);
    }

    /** mx = ["*."] Domain: letters, digits, hyphens and dots, a wildcard only as "*." in front. */
    private static String mxPattern(String value) throws InvalidPolicy {
        String name = LowerCase.of(value);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String rest = name.startsWith("*.") ? name.substring(2) : name;
        if (rest.isEmpty() || rest.length() > MAX_NAME_LENGTH) {
            throw new InvalidPolicy("mx pattern of bad length");
        }
        char previous = '.';
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
            if (!ok || (c == '.' && previous == '.')) {
                throw new InvalidPolicy("mx pattern is not a host name or *.domain");
            }
            previous = c;
        }
        if (previous == '.' || rest.startsWith("-")) {
            throw new InvalidPolicy("mx pattern is not a host name or *.domain");
        }
        return name;
    }
}
