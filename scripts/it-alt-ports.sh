#!/usr/bin/env bash
# Runs `mvn verify` (with the arguments given) on another set of loopback ports, so that several
# working copies on one machine can run their integration tests at the same time.
# FILTERMX_IT_SLOT (1 to 9, default 1) picks the set: every port is the default plus 100 x slot.
# The private engines (clamd, rspamd with its redis, spamd; scripts/engines.sh) move too, so a
# run never loses its engines when another working copy's run ends and stops its own.
set -euo pipefail
slot="${FILTERMX_IT_SLOT:-1}"
case "$slot" in [1-9]) ;; *) echo "FILTERMX_IT_SLOT must be 1 to 9" >&2; exit 2 ;; esac
shift_by=$((slot * 100))
export FILTERMX_IT_SMTP_PORT=$((12525 + shift_by)) FILTERMX_IT_HTTP_PORT=$((18080 + shift_by))
export FILTERMX_IT_MANAGEMENT_PORT=$((19990 + shift_by)) FILTERMX_IT_DB_PORT=$((13306 + shift_by))
export ENGINES_CLAMD_PORT=$((13310 + shift_by)) ENGINES_RSPAMD_PORT=$((21333 + shift_by))
export ENGINES_RSPAMD_CONTROLLER_PORT=$((21334 + shift_by)) ENGINES_REDIS_PORT=$((16379 + shift_by))
export ENGINES_SPAMD_PORT=$((10783 + shift_by))
export FILTERMX_IT_DNS=127.0.0.1:$((15353 + shift_by)) FILTERMX_IT_SUBMISSION_PORT=$((15870 + shift_by))
export FILTERMX_IT_MX_PORT=$((14525 + shift_by))
export FILTERMX_IT_SUBMISSIONS_PORT=$((14650 + shift_by))
export FILTERMX_IT_IMAP_PORT=$((11143 + shift_by)) FILTERMX_IT_IMAPS_PORT=$((19930 + shift_by))
# The same ports as Maven properties: the tests and Arquillian's management client read them.
exec mvn -B verify -Dfiltermx.it.smtp="$FILTERMX_IT_SMTP_PORT" -Dfiltermx.it.http="$FILTERMX_IT_HTTP_PORT" \
  -Dfiltermx.it.management="$FILTERMX_IT_MANAGEMENT_PORT" -Dfiltermx.it.db="$FILTERMX_IT_DB_PORT" "$@"
