/**
 * Checks that need no training: named rules on the parsed message (links, sender names, HTML
 * tricks, attachment contents, wording) that hold obvious spam and phishing on a new installation
 * before the classifier has learnt anything. Their scores come from a weights file learned from
 * training data ({@link org.filtermx.infrastructure.filter.rules.RuleWeights}).
 */
package org.filtermx.infrastructure.filter.rules;
