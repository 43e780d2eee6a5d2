#!/usr/bin/env bash
# FilterMX training rate: how many messages per second POST /training/spam|ham takes.
#
#   bench/training.sh            N=1000 bench/training.sh            DB=mariadb bench/training.sh
#   BULK=1 bench/training.sh     (mbox uploads of CHUNK messages each instead of one call per message)
#   ASYNC=1 bench/training.sh    (one call per message with "Prefer: respond-async": queued, 202)
#
# Starts a private FilterMX (own data directory in bench/target/training, own ports, embedded H2
# or with DB=mariadb a private MariaDB), then posts N messages of the SpamAssassin public corpus
# (default all of it; spam and ham interleaved in a fixed shuffled order) to the training API
# over WORKERS parallel curl loops, and prints the rate overall and per WINDOW messages: each
# message adds its tokens to bayes_token, so the rate falls as that table grows. With BULK=1 the
# same messages go as mbox uploads (Content-Type: application/mbox) of CHUNK messages, each chunk
# split into its spam and its ham upload, over the same WORKERS loops. With ASYNC=1 each call
# carries "Prefer: respond-async" and is answered 202 once the message is in the durable training
# queue; the script then polls GET /training/queue until nothing waits, and the rate is end to end,
# from the first call to the queue found empty (ADR 0051). Only the
# built-in classifier is trained (FILTERMX_ENGINES=off: rspamd is not asked). The calls carry an
# API token (POST /tokens), as a training client would. One call per message is grouped by the
# server with the calls in flight on other connections (one transaction per group): WORKERS=16
# shows how far several connections take it. The server is stopped on exit whatever happens.
# See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/training"
BENCH_NAME=training

N="${N:-0}"                      # messages to train (0 = the whole corpus)
WORKERS="${WORKERS:-2}"          # parallel curl loops
WINDOW="${WINDOW:-500}"          # messages per reported window
DB="${DB:-h2}"                   # h2 (the launcher's embedded database) or mariadb
BULK="${BULK:-0}"                # 1: mbox uploads of CHUNK messages instead of one call per message
CHUNK="${CHUNK:-1000}"           # messages per mbox upload pair (BULK=1)
ASYNC="${ASYNC:-0}"              # 1: single calls with "Prefer: respond-async", then wait for the queue
SINK_PORT="${BENCH_SINK_PORT:-45427}"   # unused (nothing is delivered); common.sh checks it is free
SMTP_PORT="${BENCH_SMTP_PORT:-45425}"
HTTP_PORT="${BENCH_HTTP_PORT:-45481}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-45491}"
DB_PORT="${BENCH_DB_PORT:-45607}"

# shellcheck source=bench/lib/common.sh
. "$ROOT/bench/lib/common.sh"

check_numbers N WORKERS WINDOW CHUNK SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT
[ "$WORKERS" -ge 1 ] || die "WORKERS must be at least 1"
[ "$WINDOW" -ge 1 ] || die "WINDOW must be at least 1"
[ "$CHUNK" -ge 1 ] || die "CHUNK must be at least 1"
case "$BULK" in 0|1) ;; *) die "BULK must be 0 or 1, not '$BULK'" ;; esac
case "$ASYNC" in 0|1) ;; *) die "ASYNC must be 0 or 1, not '$ASYNC'" ;; esac
[ "$BULK$ASYNC" != 11 ] || die "BULK=1 and ASYNC=1 exclude each other"
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
  load_sampler_stop
  bench_cleanup
  [ "$rc" -eq 0 ] || say "failed; server log: $FILTERMX_DATA/server/log/server.log" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

prepare_run "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT"
rm -rf "$OUT/messages" "$OUT/chunks" "$OUT/requests" "$OUT"/worker-*.log "$OUT/result.txt"

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
if [ "$BULK" = 1 ]; then
  # Chunk C holds plan lines (C-1)*CHUNK+1 .. C*CHUNK, as C.spam.mbox and C.ham.mbox: mboxrd, each
  # message after a "From " line, its lines that start with >*"From " quoted with one more ">".
  mkdir -p "$OUT/chunks"
  awk -v out="$OUT/chunks" -v chunk="$CHUNK" '{
      name = sprintf("%s/%06d.%s.mbox", out, int((NR - 1) / chunk) + 1, $1)
      print "From training@bench.filtermx.test Thu Jan  1 00:00:00 1970" > name
      first = 1
      while ((getline line < $2) > 0) {
        if (!(first && line ~ /^From /)) {
          if (line ~ /^>*From /) line = ">" line
          print line > name
        }
        first = 0
      }
      print "" > name
      close($2)
      if (NR % chunk == 0) { close(sprintf("%s/%06d.spam.mbox", out, int((NR - 1) / chunk) + 1)); close(sprintf("%s/%06d.ham.mbox", out, int((NR - 1) / chunk) + 1)) }
    }' "$OUT/plan.txt"
fi
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
# With an API token, as a training client would send: HTTP Basic is a password check per call
# (PBKDF2, cached for minutes per credential), which is the login's cost, not the training's.
TOKEN=$(api -X POST "$API/tokens" -d "{\"name\":\"training-bench-$$\",\"password\":\"$FILTERMX_ADMIN_PASSWORD\"}" \
  | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "could not make an API token for the training calls"
# Worker W posts messages W, W+WORKERS, ... and logs "finish-time status number tries messages"
# per call (messages: 1, or the messages an mbox upload trained). A 503 (the training was rolled
# back, e.g. a lock wait that timed out: the guide says to repeat it) is repeated up to twice, as a
# training client would.
# With ASYNC=1 the call asks to be answered once the message is queued (202), and a 503 (the queue
# is full) is repeated after the Retry-After the server gave, as a client would.
OK_STATUS=200
PREFER=()
if [ "$ASYNC" = 1 ]; then OK_STATUS=202; PREFER=(-H 'Prefer: respond-async'); fi
worker() {
  local w=$1 file name kind code tries
  for file in "$OUT"/messages/*; do
    name=${file##*/}
    [ $(( (10#${name%%.*} - 1) % WORKERS )) -eq $((w - 1)) ] || continue
    kind=${name##*.}
    tries=0
    while :; do
      tries=$((tries + 1))
      code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "${PREFER[@]}" \
        -H 'Content-Type: message/rfc822' --data-binary "@$file" "$API/training/$kind" 2>/dev/null || echo 000)
      [ "$code" = 503 ] && [ "$tries" -lt 3 ] || break
      [ "$ASYNC" = 0 ] || sleep 5
    done
    printf '%s %s %s %s 1\n' "$EPOCHREALTIME" "$code" "${name%%.*}" "$tries"
  done
}

# Worker W posts chunks W, W+WORKERS, ... (their spam upload, then their ham upload) and logs one
# line per upload; an upload that does not answer 200 with every message trained counts as failed.
bulk_worker() {
  local w=$1 file name kind code answer trained expected
  for file in "$OUT"/chunks/*.mbox; do
    name=${file##*/}
    [ $(( (10#${name%%.*} - 1) % WORKERS )) -eq $((w - 1)) ] || continue
    kind=${name#*.}; kind=${kind%.mbox}
    expected=$(grep -c '^From ' "$file")
    answer=$(curl -sS -w '\n%{http_code}' -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/mbox' --data-binary "@$file" "$API/training/$kind" 2>/dev/null || echo 000)
    code=${answer##*$'\n'}
    trained=$(printf '%s' "$answer" | grep -o '"trained":[0-9]*' | head -n 1 | cut -d: -f2 || true)
    trained=${trained:-0}
    [ "$code" != 200 ] || [ "$trained" -eq "$expected" ] || code="200-but-$trained-of-$expected"
    printf '%s %s %s 1 %s\n' "$EPOCHREALTIME" "$code" "${name%%.*}" "$trained"
    [ "$code" = 200 ] || printf '%s\n' "$answer" >&2
  done
}

if [ "$BULK" = 1 ]; then
  say "training $TOTAL messages as mbox uploads of $CHUNK over $WORKERS workers (rate per $WINDOW messages below)"
elif [ "$ASYNC" = 1 ]; then
  say "queueing $TOTAL messages over $WORKERS workers (Prefer: respond-async), then waiting until the queue is learnt"
else
  say "training $TOTAL messages over $WORKERS workers (rate per $WINDOW messages below)"
fi
# CPU of the server (and of the private MariaDB) during the training only, per message trained.
CPU_PIDS="$(gateway_java_pid)"
[ "$DB" = mariadb ] && CPU_PIDS="$CPU_PIDS $(cat "$OUT/mariadb/mysqld.pid")"
load_sampler_start
cpu0=$(cpu_ms $CPU_PIDS)
t0=$EPOCHREALTIME
for w in $(seq 1 "$WORKERS"); do
  if [ "$BULK" = 1 ]; then
    bulk_worker "$w" >"$OUT/worker-$w.log" 2>"$OUT/worker-$w.err" &
  else
    worker "$w" >"$OUT/worker-$w.log" &
  fi
  WORKER_PIDS="$WORKER_PIDS $!"
done
( while sleep 10; do
    done_now=$(cat "$OUT"/worker-*.log 2>/dev/null | awk '{ n += $5 } END { print n + 0 }')
    printf '%s:   %s of %s trained\n' "$BENCH_NAME" "$done_now" "$TOTAL" >&2
  done ) &
PROGRESS_PID=$!
for pid in $WORKER_PIDS; do wait "$pid"; done
WORKER_PIDS=""
kill "$PROGRESS_PID" 2>/dev/null || true; wait "$PROGRESS_PID" 2>/dev/null || true; PROGRESS_PID=""
t_calls=$EPOCHREALTIME
# ASYNC=1: the training is done when the queue holds nothing waiting (GET /training/queue); the
# figures are those of the last poll (every 0.5 s).
queue_waiting="" queue_failed=""
if [ "$ASYNC" = 1 ]; then
  say "all calls answered in $(elapsed "$t0" "$t_calls") s; waiting until the queue is learnt"
  last_say=$SECONDS
  while :; do
    answer=$(curl -sS -H "Authorization: Bearer $TOKEN" "$API/training/queue" 2>/dev/null || true)
    queue_waiting=$(printf '%s' "$answer" | grep -o '"waiting":[0-9]*' | cut -d: -f2 || true)
    queue_failed=$(printf '%s' "$answer" | grep -o '"failed":[0-9]*' | cut -d: -f2 || true)
    [ "$queue_waiting" != 0 ] || break
    if [ $((SECONDS - last_say)) -ge 10 ]; then say "  ${queue_waiting:-?} messages still wait"; last_say=$SECONDS; fi
    sleep 0.5
  done
fi
t1=$EPOCHREALTIME
cpu1=$(cpu_ms $CPU_PIDS)
load_sampler_stop

sort -n "$OUT"/worker-*.log >"$OUT/requests"
failed=$(awk -v ok="$OK_STATUS" '$2 != ok' "$OUT/requests" | wc -l)
trained_total=$(awk -v ok="$OK_STATUS" '$2 == ok { n += $5 } END { print n + 0 }' "$OUT/requests")
repeated=$(awk '$4 > 1' "$OUT/requests" | wc -l)
if [ "$ASYNC" = 1 ]; then trained_total=$((trained_total - ${queue_failed:-0})); fi


{
  echo "FilterMX training rate, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(commit_line)"
  echo "  database     : $DB"
  echo "  messages     : $TOTAL ($(grep -c '^spam' "$OUT/plan.txt") spam, $(grep -c '^ham' "$OUT/plan.txt") ham) of the SpamAssassin public corpus, $((BYTES / TOTAL)) bytes on average"
  if [ "$BULK" = 1 ]; then
    echo "  workers      : $WORKERS parallel curl loops, POST /training/spam|ham as application/mbox, $CHUNK messages per chunk (one spam and one ham upload), built-in classifier only"
  elif [ "$ASYNC" = 1 ]; then
    echo "  workers      : $WORKERS parallel curl loops, POST /training/spam|ham with Prefer: respond-async (202, queued), built-in classifier only"
  else
    echo "  workers      : $WORKERS parallel curl loops, POST /training/spam|ham, built-in classifier only"
  fi
  if [ "$ASYNC" = 1 ]; then
    echo "  overall      : $(elapsed "$t0" "$t1") s from the first call to the queue learnt, $(rate "$trained_total" "$(elapsed "$t0" "$t1")") msg/s end to end ($trained_total learnt, ${queue_failed:-?} failed in the queue)"
    echo "  calls        : $(elapsed "$t0" "$t_calls") s, $(rate "$((trained_total + ${queue_failed:-0}))" "$(elapsed "$t0" "$t_calls")") msg/s queued; the queue was learnt $(elapsed "$t_calls" "$t1") s after the last call"
  else
    echo "  overall      : $(elapsed "$t0" "$t1") s, $(rate "$trained_total" "$(elapsed "$t0" "$t1")") msg/s ($trained_total trained)"
  fi
  echo "  CPU          : $(awk -v c=$((cpu1 - cpu0)) -v n="$trained_total" 'BEGIN { if (n > 0) printf "%.2f", c / n; else print "n/a" }') ms per message trained ($((cpu1 - cpu0)) ms of CPU: the server's JVM$([ "$DB" = mariadb ] && echo ' and MariaDB'))"
  echo "  load         : $(load_summary) during the training (the machine is shared)"
  if [ "$ASYNC" = 1 ]; then
    echo "  per window of $WINDOW messages (calls answered, i.e. queued, in order of completion):"
  else
    echo "  per window of $WINDOW messages (in order of completion):"
  fi
  awk -v t0="$t0" -v w="$WINDOW" '
    BEGIN { start = t0 }
    { n += $5; t = $1 }
    n - from >= w { printf "    %6d-%-6d  %7.1f msg/s\n", from + 1, n, (n - from) / (t - start); start = t; from = n }
    END { if (n > from) printf "    %6d-%-6d  %7.1f msg/s\n", from + 1, n, (n - from) / (t - start) }' "$OUT/requests"
  echo "  failed calls : $failed (HTTP status other than $OK_STATUS after up to 3 tries, or an upload not trained whole); $repeated messages needed a repeat after a 503"
  echo "  machine      : $(machine_line)"
} | tee "$OUT/result.txt"
[ "$failed" -eq 0 ] || { awk -v ok="$OK_STATUS" '$2 != ok' "$OUT/requests" | head -n 5 >&2; die "$failed training calls failed"; }
[ "${queue_failed:-0}" = 0 ] || die "$queue_failed queued messages could not be learnt (GET /training/queue lists them)"
say "result saved in $OUT/result.txt; server log in $FILTERMX_DATA/server/log/server.log"
