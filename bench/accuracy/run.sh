#!/usr/bin/env bash
# Accuracy on the SpamAssassin public corpus, trained on one half and measured on the other: the
# bayes scanner alone, then every built-in scanner summed as the server's pipeline does (DNS
# offline). Prints spam caught and ham held; see bench/README.md, "Accuracy".
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
# ENGINES=1: the same halves with rspamd and SpamAssassin too (bench/accuracy/engines.sh).
if [ "${ENGINES:-0}" != 0 ]; then
    exec "$root/bench/accuracy/engines.sh"
fi
. "$root/bench/accuracy/prepare.sh"

{
    "${bench_java[@]}" org.filtermx.infrastructure.filter.bayes.AccuracyBenchmark "$corpus_dir"
    echo
    "${bench_java[@]}" org.filtermx.bench.FullAccuracyBenchmark "$corpus_dir"
} | tee "$bench_target/accuracy-result.txt"
