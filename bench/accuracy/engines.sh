#!/usr/bin/env bash
# Accuracy with rspamd and SpamAssassin: run as `ENGINES=1 bench/accuracy/run.sh`. Starts private
# engines on loopback ports 41xxx (scripts/engines.sh, under bench/target/engines), trains rspamd's
# Bayes and SpamAssassin's on the same training part as the built-in classifier (the time split of
# BenchCorpus unless SPLIT=random), scans the validation and test parts and the modern set through
# the gateway's clients and prints spam and ham held for the built-in scanners, each engine alone
# and their sums, at 5.0 and at the validation-chosen threshold; see bench/README.md, "Accuracy
# with rspamd and SpamAssassin". The engines stop when the script ends, however it ends.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bench/accuracy/prepare.sh"

engines_dir=$bench_target/engines
result=$bench_target/accuracy-engines-result.txt

# Ports of their own, clear of the integration tests' (scripts/engines.sh defaults) and of the
# other benchmarks'. rspamd's resolver is a loopback port where nothing listens: DNS is offline,
# as in the built-in benchmark, and no lookup leaves the machine.
export ENGINES_CLAMD_PORT=${ENGINES_CLAMD_PORT:-41310}
export ENGINES_RSPAMD_PORT=${ENGINES_RSPAMD_PORT:-41333}
export ENGINES_RSPAMD_CONTROLLER_PORT=${ENGINES_RSPAMD_CONTROLLER_PORT:-41334}
export ENGINES_REDIS_PORT=${ENGINES_REDIS_PORT:-41379}
export ENGINES_SPAMD_PORT=${ENGINES_SPAMD_PORT:-41783}
export ENGINES_RSPAMD_NAMESERVER=${ENGINES_RSPAMD_NAMESERVER:-127.0.0.1:41053}
# rspamd rules that fire on nearly every message because of the benchmark's setting (DNS offline,
# a test client without PTR, a corpus from 2002) weigh nothing, see rspamd-local.d/;
# ENGINES_OFFLINE_RULES=keep measures rspamd with them as shipped.
offline_rules=${ENGINES_OFFLINE_RULES:-zero}
if [ "$offline_rules" = zero ]; then
    export ENGINES_RSPAMD_LOCAL_D=$root/bench/accuracy/rspamd-local.d
fi
# SpamAssassin's Bayes in a file of its own, learned only by sa-learn below: without this spamd
# would auto-learn test messages from its own verdicts, in whatever order they arrive.
sa_bayes=$engines_dir/spamd/bayes/bayes
export ENGINES_SPAMD_CF="bayes_path $sa_bayes
bayes_auto_learn 0"

stop_engines() { "$root/scripts/engines.sh" stop "$engines_dir" >&2 || true; }

# A fresh start: redis keeps nothing on disk, and SpamAssassin's Bayes files are removed here.
stop_engines
rm -rf "$engines_dir"
trap stop_engines EXIT
trap 'exit 130' INT TERM
assignments=$("$root/scripts/engines.sh" start "$engines_dir")
while IFS= read -r assignment; do
    export "${assignment?}"
done <<<"$assignments"
# clamd runs with only an EICAR signature, which no corpus message carries: not measured.
unset FILTERMX_CLAMD

"${bench_java[@]}" org.filtermx.bench.TrainingHalfExport "$corpus_dir" "$engines_dir/train"

# The same training part for SpamAssassin, when spamd runs (it is optional in engines.sh).
sa_training="SpamAssassin: not running"
if [ -n "${FILTERMX_SPAMD:-}" ]; then
    if [ "${ENGINES_SA_TRAIN:-1}" != 0 ]; then
        echo "Training SpamAssassin's Bayes with sa-learn" >&2
        mkdir -p "$(dirname "$sa_bayes")"
        start=$(date +%s)
        sa-learn --dbpath "$sa_bayes" --no-sync --spam "$engines_dir/train/spam" >&2
        sa-learn --dbpath "$sa_bayes" --no-sync --ham "$engines_dir/train/ham" >&2
        sa-learn --dbpath "$sa_bayes" --sync >&2
        # spamd reads the files as debian-spamd (engines.sh).
        id debian-spamd >/dev/null 2>&1 && chown -R debian-spamd:debian-spamd "$(dirname "$sa_bayes")"
        counts=$(sa-learn --dbpath "$sa_bayes" --dump magic | awk '/ nham$/ {h=$3} / nspam$/ {s=$3} END {print h " ham, " s " spam"}')
        sa_training="SpamAssassin Bayes with sa-learn: $counts ($(( $(date +%s) - start )) s)"
    else
        sa_training="SpamAssassin Bayes: not trained (ENGINES_SA_TRAIN=0)"
    fi
fi

echo "Scanning the validation and test parts and the modern set (about 15 minutes on 2 cores)" >&2
{
    "${bench_java[@]}" org.filtermx.bench.EnginesAccuracyBenchmark "$corpus_dir" "$modern_dir"
    echo
    echo "  $sa_training"
    echo "  rspamd's offline-artefact rules: $offline_rules (ENGINES_OFFLINE_RULES)"
    echo "  engines: rspamd $(rspamd --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -1)," \
        "SpamAssassin $(spamd --version 2>/dev/null | grep -o 'version [0-9.]*' | head -1 | cut -d' ' -f2)"
} | tee "$result"
