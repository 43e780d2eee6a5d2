package org.filtermx.application.port;

import java.util.List;

/** The TXT records of one name, asked fresh each time, for proving control of a domain. */
public interface TxtRecords {

    /** What the resolver said about the name. */
    enum Status {
        /** The name exists; {@link Answer#texts()} holds its TXT records (possibly none). */
        FOUND,
        /** The name does not exist. */
        NO_SUCH_NAME,
        /** The lookup failed; {@link Answer#detail()} says how. */
        FAILED
    }

    /** The TXT texts found, each record's character-strings joined; {@code detail} for failures. */
    record Answer(Status status, List<String> texts, String detail) {}

    Answer texts(String name);
}
