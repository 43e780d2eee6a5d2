#!/usr/bin/env bash
# Accuracy of the built-in scanners on mail the training never saw: the SpamAssassin public corpus
# split by delivery time (oldest trains, newest is the test, a validation part between them
# chooses thresholds) and the team's hand-written modern set (bench/accuracy/modern), each with
# bayes untrained (day one) and trained; then the bayes scanner alone. DNS offline. SPLIT=random
# measures the old random split instead, labelled "memory, not filtering". See bench/README.md,
# "Accuracy".
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
# ENGINES=1: the same split with rspamd and SpamAssassin too (bench/accuracy/engines.sh).
if [ "${ENGINES:-0}" != 0 ]; then
    exec "$root/bench/accuracy/engines.sh"
fi
. "$root/bench/accuracy/prepare.sh"

{
    "${bench_java[@]}" org.filtermx.bench.FullAccuracyBenchmark "$corpus_dir" "$modern_dir"
    echo
    "${bench_java[@]}" org.filtermx.infrastructure.filter.bayes.AccuracyBenchmark "$corpus_dir"
    if [ "${SPLIT:-time}" != random ]; then
        echo
        echo "(SPLIT=random bench/accuracy/run.sh measures the random split: memory, not filtering)"
    fi
} | tee "$bench_target/accuracy-result.txt"
