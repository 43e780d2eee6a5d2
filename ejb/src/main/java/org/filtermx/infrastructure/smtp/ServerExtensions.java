package org.filtermx.infrastructure.smtp;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service extensions a server announced in its EHLO reply (RFC 5321 section 4.1.1.1), by
 * keyword, with their parameters; empty after HELO.
 */
final class ServerExtensions {

    static final ServerExtensions NONE = new ServerExtensions(Map.of());

    private final Map<String, String> parametersByKeyword;

    private ServerExtensions(Map<String, String> parametersByKeyword) {
        this.parametersByKeyword = parametersByKeyword;
    }

    /** Reads the lines after the first one, which is the server's greeting to our name. */
    static ServerExtensions fromEhloReply(SmtpReply reply) {
        Map<String, String> extensions = new HashMap<>();
        List<String> lines = reply.lines();
        for (String line : lines.subList(1, lines.size())) {
            String ehloLine = line.length() > 4 ? line.substring(4).trim() : "";
            if (ehloLine.isEmpty()) {
                continue;
            }
            int space = ehloLine.indexOf(' ');
            String keyword = space < 0 ? ehloLine : ehloLine.substring(0, space);
            String parameters = space < 0 ? "" : ehloLine.substring(space + 1).trim();
            extensions.put(keyword.toUpperCase(Locale.ROOT), parameters);
        }
        return new ServerExtensions(Map.copyOf(extensions));
    }

    boolean supports(String keyword) {
        return parametersByKeyword.containsKey(keyword);
    }

    /**
     * The fixed message size limit from {@code SIZE nnn} (RFC 1870 section 4), or 0 when the server
     * announced no limit or an unreadable one.
     */
    long sizeLimit() {
        String parameter = parametersByKeyword.getOrDefault("SIZE", "");
        try {
            return parameter.isEmpty() ? 0 : Math.max(0, Long.parseLong(parameter));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
