/**
 * The trainable statistical spam classifier: a tokenizer in the manner of SpamBayes and bogofilter,
 * Robinson/Fisher chi-square combining over token counts kept per scope (cluster-wide and per
 * hosted domain) in the database, and the {@code bayes} scanner that reports the result in
 * SpamAssassin-style probability bands.
 *
 * <p>The tokens and features are chosen to generalize to mail from other sites and times, and a
 * message the training barely knows is reported as unsure rather than ham ({@link KnownEvidence}).
 * A store trained before the tokenizer changed (issue 12) holds token strings no longer produced:
 * operators retrain after upgrading.
 */
package org.filtermx.infrastructure.filter.bayes;
