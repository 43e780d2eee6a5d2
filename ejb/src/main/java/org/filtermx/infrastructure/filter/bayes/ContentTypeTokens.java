package org.filtermx.infrastructure.filter.bayes;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.filtermx.domain.model.shared.LowerCase;

/** Tokens for a Content-Type value: the media type and the declared charset. */
final class ContentTypeTokens {

    private static final Pattern CHARSET =
            Pattern.compile("(?i)charset\\s*=\\s*\"?([A-Za-z0-9._:-]{1,40})");

    private static final int MAX_VALUE = 1024;

    private ContentTypeTokens() {}

    static void add(TokenSet sink, String prefix, String value) {
        String v = LowerCase.of(value.strip());
        int semi = v.indexOf(';');
        String type = (semi < 0 ? v : v.substring(0, semi)).strip();
        if (!type.isEmpty() && type.length() <= 80) {
            sink.add(prefix + ":" + type);
        }
        // A real Content-Type value is short; the pattern sees its first part only.
        Matcher m = CHARSET.matcher(v.length() > MAX_VALUE ? v.substring(0, MAX_VALUE) : v);
        if (m.find()) {
            sink.add("charset:" + m.group(1));
        }
    }
}
