#!/usr/bin/env bash
# FilterMX training rate: how many messages per second POST /training/spam|ham takes.
#
#   bench/training.sh            N=1000 bench/training.sh            DB=mariadb bench/training.sh
#
# Starts a private FilterMX (own data directory in bench/target/training, own ports, embedded H2
# or with DB=mariadb a private MariaDB), then posts N messages of the SpamAssassin public corpus
# (default all of it; spam and ham interleaved in a fixed shuffled order) to the training API
# over WORKERS parallel curl loops, and prints the rate overall and per WINDOW messages: each
# message adds its tokens to bayes_token, so the rate falls as that table grows. Only the
# built-in classifier is trained (FILTERMX_ENGINES=off: rspamd is not asked). The server is
# stopped on exit whatever happens. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/training"
BENCH_NAME=training

N="${N:-0}"                      # messages to train (0 = the whole corpus)
WORKERS="${WORKERS:-2}"          # parallel curl loops
WINDOW="${WINDOW:-500}"          # messages per reported window
DB="${DB:-h2}"                   # h2 (the launcher's embedded database) or mariadb
SINK_PORT="${BENCH_SINK_PORT:-45427}"   # unused (nothing is delivered); common.sh checks it is free
SMTP_PORT="${BENCH_SMTP_PORT:-45425}"
HTTP_PORT="${BENCH_HTTP_PORT:-45481}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-45491}"
DB_PORT="${BENCH_DB_PORT:-45607}"

# shellcheck source=bench/lib/common.sh
. "$ROOT/bench/lib/common.sh"

check_numbers N WORKERS WINDOW SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT
[ "$WORKERS" -ge 1 ] || die "WORKERS must be at least 1"
[ "$WINDOW" -ge 1 ] || die "WINDOW must be at least 1"
case "$DB" in h2|mariadb) ;; *) die "DB must be h2 or mariadb, not '$DB'" ;; esac
command -v curl >/dev/null || die "curl is required"
[ "$DB" = h2 ] || need_tools mariadbd

# --- the corpus, extracted as bench/accuracy/prepare.sh does it --------------------------------
corpus_archive=${CORPUS_ARCHIVE:-$ROOT/../shared/corpus/spamassassin-public.tar.gz}
corpus_dir=$ROOT/bench/target/corpus/spamassassin-public
if [ ! -d "$corpus_dir/spam" ]; then
  [ -f "$corpus_archive" ] || die "the SpamAssassin public corpus is not in the repository: set CORPUS_ARCHIVE to spamassassin-public.tar.gz (see bench/README.md)"
  say "extracting $corpus_archive to $ROOT/bench/target/corpus"
  mkdir -p "$ROOT/bench/target/corpus"
  tar -xzf "$corpus_archive" -C "$ROOT/bench/target/corpus"
fi

# --- the server ---------------------------------------------------------------------------------
gateway_env
export FILTERMX_ENGINES=off
unset FILTERMX_RSPAMD_URL FILTERMX_CLAMD FILTERMX_SPAMD
if [ "$DB" = h2 ]; then
  unset FILTERMX_DB_URL FILTERMX_DB_USER FILTERMX_DB_PASSWORD   # the launcher's embedded H2
fi

WORKER_PIDS="" PROGRESS_PID=""
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  for pid in $WORKER_PIDS $PROGRESS_PID; do kill "$pid" 2>/dev/null; done
  bench_cleanup
  [ "$rc" -eq 0 ] || say "failed; server log: $FILTERMX_DATA/server/log/server.log" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

prepare_run "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT"
rm -rf "$OUT/messages" "$OUT/requests" "$OUT"/worker-*.log "$OUT/result.txt"

# The message list: spam and ham each in a fixed shuffled order, interleaved in proportion (so
# that every window trains both kinds like the whole run), cut at N. The mbox "From " line that
# starts most corpus files is not part of the message and is dropped into a copy.
say "preparing the messages"
mkdir -p "$OUT/messages"
seeded() { openssl enc -aes-256-ctr -pass pass:filtermx-training -nosalt </dev/zero 2>/dev/null; }
shuf --random-source=<(seeded) -e "$corpus_dir"/spam/* >"$OUT/spam.list"
shuf --random-source=<(seeded) -e "$corpus_dir"/ham/* >"$OUT/ham.list"
awk -v n="$N" -v spam="$(wc -l <"$OUT/spam.list")" -v ham="$(wc -l <"$OUT/ham.list")" '
  FNR == 1 { file++ }
  file == 1 { s[FNR] = $0; next }
  { h[FNR] = $0 }
  END {
    total = spam + ham; if (n == 0 || n > total) n = total
    for (i = 1; i <= n; i++) {
      # spam next while it is not ahead of its share: (si + 1) / spam <= (hi + 1) / ham
      if (si < spam && (hi >= ham || (si + 1) * ham <= (hi + 1) * spam)) print "spam " s[++si]
      else print "ham " h[++hi]
    }
  }' "$OUT/spam.list" "$OUT/ham.list" >"$OUT/plan.txt"
TOTAL=$(wc -l <"$OUT/plan.txt")
# One awk for all copies: a process per message took minutes on a busy machine.
awk -v out="$OUT/messages" '{
    name = sprintf("%s/%06d.%s", out, NR, $1); first = 1
    while ((getline line < $2) > 0) {
      if (!(first && line ~ /^From /)) print line > name
      first = 0
    }
    close($2); close(name)
  }' "$OUT/plan.txt"
BYTES=$(cat "$OUT"/messages/* | wc -c)
say "$TOTAL messages ($(grep -c '^spam' "$OUT/plan.txt") spam, $(grep -c '^ham' "$OUT/plan.txt") ham, $((BYTES / 1024)) KiB)"

[ "$DB" = mariadb ] && start_mariadb
if [ "$DB" = h2 ]; then
  say "starting FilterMX on the embedded H2 database (HTTP $HTTP_PORT, data $FILTERMX_DATA)"
  GATEWAY_STARTED=1
  "$ROOT/filtermx" start >"$OUT/start.log" 2>&1 || { cat "$OUT/start.log" >&2; die "FilterMX did not start"; }
else
  start_gateway
fi

# --- training -----------------------------------------------------------------------------------
# Worker W posts messages W, W+WORKERS, ... and logs "finish-time status number tries" per
# message. A 503 (the training was rolled back, e.g. a lock wait that timed out: the guide says
# to repeat it) is repeated up to twice, as a training client would.
worker() {
  local w=$1 file name kind code tries
  for file in "$OUT"/messages/*; do
    name=${file##*/}
    [ $(( (10#${name%%.*} - 1) % WORKERS )) -eq $((w - 1)) ] || continue
    kind=${name##*.}
    tries=0
    while :; do
      tries=$((tries + 1))
      code=$(curl -sS -o /dev/null -w '%{http_code}' -u "admin:$FILTERMX_ADMIN_PASSWORD" \
        -H 'Content-Type: message/rfc822' --data-binary "@$file" "$API/training/$kind" 2>/dev/null || echo 000)
      [ "$code" = 503 ] && [ "$tries" -lt 3 ] || break
    done
    printf '%s %s %s %s\n' "$EPOCHREALTIME" "$code" "${name%%.*}" "$tries"
  done
}

say "training $TOTAL messages over $WORKERS workers (rate per $WINDOW messages below)"
t0=$EPOCHREALTIME
for w in $(seq 1 "$WORKERS"); do
  worker "$w" >"$OUT/worker-$w.log" &
  WORKER_PIDS="$WORKER_PIDS $!"
done
( while sleep 10; do
    done_now=$(cat "$OUT"/worker-*.log 2>/dev/null | wc -l)
    printf '%s:   %s of %s trained\n' "$BENCH_NAME" "$done_now" "$TOTAL" >&2
  done ) &
PROGRESS_PID=$!
for pid in $WORKER_PIDS; do wait "$pid"; done
WORKER_PIDS=""
kill "$PROGRESS_PID" 2>/dev/null || true; wait "$PROGRESS_PID" 2>/dev/null || true; PROGRESS_PID=""
t1=$EPOCHREALTIME

sort -n "$OUT"/worker-*.log >"$OUT/requests"
failed=$(awk '$2 != 200' "$OUT/requests" | wc -l)
repeated=$(awk '$4 > 1' "$OUT/requests" | wc -l)


{
  echo "FilterMX training rate, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(commit_line)"
  echo "  database     : $DB"
  echo "  messages     : $TOTAL ($(grep -c '^spam' "$OUT/plan.txt") spam, $(grep -c '^ham' "$OUT/plan.txt") ham) of the SpamAssassin public corpus, $((BYTES / TOTAL)) bytes on average"
  echo "  workers      : $WORKERS parallel curl loops, POST /training/spam|ham, built-in classifier only"
  echo "  overall      : $(elapsed "$t0" "$t1") s, $(rate "$TOTAL" "$(elapsed "$t0" "$t1")") msg/s"
  echo "  per window of $WINDOW messages (in order of completion):"
  awk -v t0="$t0" -v w="$WINDOW" '
    BEGIN { start = t0 }
    { n++; t = $1 }
    n % w == 0 { printf "    %6d-%-6d  %7.1f msg/s\n", n - w + 1, n, w / (t - start); start = t }
    END { if (n % w) printf "    %6d-%-6d  %7.1f msg/s\n", n - n % w + 1, n, (n % w) / (t - start) }' "$OUT/requests"
  echo "  failed calls : $failed (HTTP status other than 200 after up to 3 tries); $repeated messages needed a repeat after a 503"
  echo "  machine      : $(machine_line)"
} | tee "$OUT/result.txt"
[ "$failed" -eq 0 ] || { awk '$2 != 200' "$OUT/requests" | head -n 5 >&2; die "$failed training calls failed"; }
say "result saved in $OUT/result.txt; server log in $FILTERMX_DATA/server/log/server.log"
