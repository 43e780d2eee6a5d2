package org.filtermx.infrastructure.filter.content;

/**
 * The score of the GTUBE test pattern, high enough by default that a test message is always
 * classified as spam whatever else is configured.
 */
public record GtubeSettings(double score) {

    /** SpamAssassin's own score for its GTUBE rule. */
    public static final double DEFAULT_SCORE = 1000.0;

    public static GtubeSettings defaults() {
        return new GtubeSettings(DEFAULT_SCORE);
    }
}
