#!/usr/bin/env bash
# Cost per message of parsing and every built-in scanner, one thread, on the SpamAssassin public
# corpus (bayes trained on its training part, DNS offline): median, p90, p99, max and messages/s,
# per stage. See bench/README.md, "Pipeline speed".
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bench/accuracy/prepare.sh"

"${bench_java[@]}" org.filtermx.bench.PipelineSpeedBenchmark "$corpus_dir" \
    "${WARMUP:-3}" "${PASSES:-10}" | tee "$bench_target/pipeline-result.txt"
