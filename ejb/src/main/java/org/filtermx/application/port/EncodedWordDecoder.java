package org.filtermx.application.port;

/**
 * Decodes RFC 2047 encoded words in a header field's value, leaving anything undecodable as it is.
 */
public interface EncodedWordDecoder {

    String decode(String value);
}
