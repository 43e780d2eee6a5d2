package org.filtermx.infrastructure.filter.content;

/**
 * Ends archive inspection when a limit is passed; unchecked so that it leaves the decompressing
 * libraries' read calls without being wrapped or swallowed as an I/O error.
 */
final class ArchiveBombException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ArchiveBombException(String message) {
        super(message, null, false, false);
    }
}
