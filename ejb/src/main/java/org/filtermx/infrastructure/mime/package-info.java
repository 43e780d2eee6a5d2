/**
 * Bounded MIME parsing: turns received bytes into the {@link
 * org.apache.james.mime4j.stream.MimeTokenStream}-driven {@link
 * org.filtermx.domain.model.filter.ParsedMessage} every scanner reads, with named limits so that
 * hostile structure costs bounded time and memory; the one linear HTML reader ({@link
 * org.filtermx.infrastructure.mime.HtmlToText}); and the reading of held messages for the console
 * ({@link org.filtermx.infrastructure.mime.MimeMessageReader}).
 */
package org.filtermx.infrastructure.mime;
