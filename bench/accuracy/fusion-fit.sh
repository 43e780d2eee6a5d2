#!/usr/bin/env bash
# Fits the score fusion's shipped weights (ADR 0019) on the SpamAssassin public corpus' training
# half, bayes out of fold, and measures summed against fused scores on the test half. WRITE=1
# writes the weights into the resource the server reads. See bench/README.md, "Fitting the score
# fusion".
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bench/accuracy/prepare.sh"

weights=$root/ejb/src/main/resources/org/filtermx/infrastructure/filter/fusion/fusion-weights.properties
if [ "${WRITE:-0}" != 0 ]; then
    "${bench_java[@]}" org.filtermx.bench.FusionFit "$corpus_dir" "$weights"
else
    "${bench_java[@]}" org.filtermx.bench.FusionFit "$corpus_dir"
fi | tee "$bench_target/fusion-fit-result.txt"
