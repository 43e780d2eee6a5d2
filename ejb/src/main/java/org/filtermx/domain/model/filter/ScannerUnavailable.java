package org.filtermx.domain.model.filter;

/** A scanner could not reach its engine or ran out of its time budget. */
public class ScannerUnavailable extends Exception {

    private static final long serialVersionUID = 1L;

    public ScannerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public ScannerUnavailable(String message) {
        super(message);
    }
}
