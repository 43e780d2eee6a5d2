/**
 * Offline benchmarks of the filter (accuracy on a labelled corpus, cost per message) and the corpus
 * and scanner set they share; test scope, run by the scripts under {@code bench/}, never shipped.
 */
package org.filtermx.bench;
