/**
 * The trainable statistical spam classifier: a tokenizer in the manner of SpamBayes and bogofilter,
 * Robinson/Fisher chi-square combining over token counts kept per scope (cluster-wide and per
 * hosted domain) in the database, and the {@code bayes} scanner that reports the result in
 * SpamAssassin-style probability bands.
 */
package org.filtermx.infrastructure.filter.bayes;
