package org.filtermx.infrastructure.filter.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code tag=value; ...} list as DKIM signatures and keys (RFC 6376 section 3.2) and DMARC
 * records (RFC 7489 section 6.4) write them: tag names are case-sensitive, a tag may appear once,
 * whitespace around tags and values is dropped.
 */
public final class TagList {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final Map<String, String> tags;

    private TagList(Map<String, String> tags) {
        this.tags = Collections.unmodifiableMap(tags);
    }

    /**
     * @throws IllegalArgumentException for a malformed tag-spec or a tag given twice, which RFC
     *     6376 section 3.2 makes the whole list invalid
     */
    public static TagList parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String spec : text.split(";", -1)) {
            if (spec.isBlank()) {
                continue;
            }
            int equals = spec.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("tag without value: " + spec.strip());
            }
            String name = spec.substring(0, equals).strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("bad tag name: " + name);
            }
            if (tags.put(name, spec.substring(equals + 1).strip()) != null) {
                throw new IllegalArgumentException("tag " + name + " given twice");
            }
        }
        return new TagList(tags);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    /** The tag's value; {@link IllegalArgumentException} if the tag is missing. */
    public String required(String name) {
        return get(name)
                .orElseThrow(() -> new IllegalArgumentException("missing tag " + name + "="));
    }

    /** The first tag's name, which DKIM keys and DMARC records require to be {@code v}. */
    public Optional<String> firstName() {
        return tags.keySet().stream().findFirst();
    }
}
