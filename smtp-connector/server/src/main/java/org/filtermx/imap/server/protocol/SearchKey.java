package org.filtermx.imap.server.protocol;

import java.util.function.Predicate;

/**
 * One SEARCH criterion (RFC 3501 section 6.4.4) as a test on a {@link SearchCandidate}, with how
 * much of the message the test needs: flags and numbers only, the header section (also for size and
 * dates), or the whole message (BODY, TEXT).
 */
record SearchKey(FetchRequest.Need need, Predicate<SearchCandidate> test) {

    static SearchKey flags(Predicate<SearchCandidate> test) {
        return new SearchKey(FetchRequest.Need.NONE, test);
    }

    static SearchKey header(Predicate<SearchCandidate> test) {
        return new SearchKey(FetchRequest.Need.HEADER, test);
    }

    static SearchKey content(Predicate<SearchCandidate> test) {
        return new SearchKey(FetchRequest.Need.CONTENT, test);
    }

    SearchKey and(SearchKey other) {
        return new SearchKey(max(need, other.need), test.and(other.test));
    }

    SearchKey or(SearchKey other) {
        return new SearchKey(max(need, other.need), test.or(other.test));
    }

    SearchKey not() {
        return new SearchKey(need, test.negate());
    }

    boolean matches(SearchCandidate candidate) {
        return test.test(candidate);
    }

    private static FetchRequest.Need max(FetchRequest.Need a, FetchRequest.Need b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
