#!/usr/bin/env bash
# Runs `mvn verify` (with the arguments given) on a second set of loopback ports, so that two
# working copies on one machine can run their integration tests at the same time. The external
# engines (clamd, rspamd, spamd) are shared: whichever run starts them first serves both.
set -euo pipefail
export FILTERMX_IT_SMTP_PORT=14525 FILTERMX_IT_HTTP_PORT=14080 FILTERMX_IT_MANAGEMENT_PORT=14990
export FILTERMX_IT_DB_PORT=14306 FILTERMX_IT_DNS=127.0.0.1:14353
exec mvn -B verify -Dfiltermx.it.smtp=14525 -Dfiltermx.it.http=14080 "$@"
