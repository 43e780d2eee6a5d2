package org.filtermx.domain.model.filter;

/** One header field as received: its name and its unfolded value (RFC 5322 section 2.2.3). */
public record HeaderField(String name, String value) {

    public boolean named(String other) {
        return name.equalsIgnoreCase(other);
    }
}
