#!/usr/bin/env bash
# How often each training-free rule (the `rules` scanner) fires on the SpamAssassin public
# corpus' ham and spam, with the weights shipped; see bench/README.md, "Rule hit rates".
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bench/accuracy/prepare.sh"

"${bench_java[@]}" org.filtermx.bench.RuleHitRates "$corpus_dir" "$@" | tee "$bench_target/rule-hit-rates.txt"
