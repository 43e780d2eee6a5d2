#!/usr/bin/env bash
# The integration-test environment around the server: Debian packages, a private MariaDB and the
# scanning engines. Usage: it-env.sh up|down (run by src-test's Maven build). The server itself is
# started, deployed to, crashed and stopped by Arquillian (src-test/src/test/resources/arquillian.xml);
# `up` prepares its instance directory and writes the settings it starts with (server.properties).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IT="${FILTERMX_IT_DIR:-$ROOT/src-test/target/it}"
DB_PORT="${FILTERMX_IT_DB_PORT:-13306}"

# Settings of the FilterMX instance under test; the tests read the same values.
export FILTERMX_DATA="$IT/data"
export FILTERMX_SMTP_PORT="${FILTERMX_IT_SMTP_PORT:-12525}"
export FILTERMX_HTTP_PORT="${FILTERMX_IT_HTTP_PORT:-18080}"
export FILTERMX_MANAGEMENT_PORT="${FILTERMX_IT_MANAGEMENT_PORT:-19990}"
export FILTERMX_SUBMISSION_PORT="${FILTERMX_IT_SUBMISSION_PORT:-15870}"
export FILTERMX_SUBMISSIONS_PORT="${FILTERMX_IT_SUBMISSIONS_PORT:-14650}"
export FILTERMX_IMAP_PORT="${FILTERMX_IT_IMAP_PORT:-11143}"
export FILTERMX_IMAPS_PORT="${FILTERMX_IT_IMAPS_PORT:-19930}"
# IDLE notices new messages within this many seconds (the tests wait for one).
export FILTERMX_IMAP_IDLE_POLL_SECONDS=1
# As in production: the tests connect from 127.0.0.1, and must see AUTH (and IMAP LOGIN) only
# after TLS.
export FILTERMX_SUBMISSION_CLEARTEXT_AUTH_ON_LOOPBACK=false
export FILTERMX_IMAP_CLEARTEXT_LOGIN_ON_LOOPBACK=false
export FILTERMX_DB_URL="jdbc:mariadb://127.0.0.1:$DB_PORT/filtermx"
export FILTERMX_DB_USER=filtermx FILTERMX_DB_PASSWORD=filtermx
export FILTERMX_ADMIN_PASSWORD="${FILTERMX_IT_ADMIN_PASSWORD:-it-admin-Secret-1}"
export FILTERMX_HOSTNAME=mx.filtermx.test
# The DNS status page checks hosted domains against these (DnsStatusIT serves them with dnsmasq).
export FILTERMX_MX_HOSTS=mx1.filtermx.test:10,mx2.filtermx.test:20
export FILTERMX_DELIVERY_HOSTNAME=out.filtermx.test
export FILTERMX_MESSAGE_SIZE_LIMIT=1048576
export FILTERMX_RETRY_MIN_BACKOFF=2s FILTERMX_RETRY_MAX_BACKOFF=4s FILTERMX_QUEUE_SCAN_INTERVAL=1s
export FILTERMX_NODE_NAME=it-node
# The tests play a reverse proxy on 127.0.0.1 (X-Forwarded-For); other loopback addresses are not one.
export FILTERMX_TRUSTED_PROXIES=127.0.0.1
export FILTERMX_HOUSEKEEPING_INTERVAL=2s FILTERMX_PUBLIC_URL="http://127.0.0.1:$FILTERMX_HTTP_PORT"
# Tests talk only to loopback: DNS goes to a local port where nothing answers, so every
# lookup fails at once (temperror) instead of leaving the machine.
export FILTERMX_DNS="${FILTERMX_IT_DNS:-127.0.0.1:15353}"
# MX delivery (outgoing mail) connects to this port instead of 25, so that the tests can run the
# recipients' MX (smtp-sink) without root. A test-only setting (operator guide, "Outgoing mail").
export FILTERMX_MX_PORT="${FILTERMX_IT_MX_PORT:-14525}"
# Verified TLS and MTA-STS (TlsPolicyIT, MtaStsIT): the test CA that issued the destinations' and
# the policy servers' certificates (src-test/src/test/resources/tls), and the port MTA-STS policies
# are fetched from (443 in production), one above the MX port so that each IT slot has its own.
export FILTERMX_TLS_TRUST_ANCHORS="$ROOT/src-test/src/test/resources/tls/ca.pem"
export FILTERMX_MTA_STS_PORT="${FILTERMX_IT_MTA_STS_PORT:-$((FILTERMX_MX_PORT + 1))}"
# The tests configure their own private engines (engines.sh below); the launcher must not pick
# up rspamd, clamd or spamd services that happen to run on this machine's standard ports.
export FILTERMX_ENGINES=off
# Recipient verification (RecipientVerificationIT): a silent destination is given up after 3 s.
export FILTERMX_CALLOUT_TIMEOUT=3s
# Greylisting (GreylistingIT): a first attempt passes when retried 2 s later.
export FILTERMX_GREYLIST_DELAY=2s
# The warm-up before the MX port accepts (ADR 0048) would add its seconds to every start of the
# suite; WarmUpIT turns it on for itself.
export FILTERMX_WARMUP_SECONDS=0
# OutgoingBreakerIT's webhook receivers listen on loopback, which production refuses.
export FILTERMX_WEBHOOK_PRIVATE_TARGETS=true

# The server instance Arquillian starts: a fresh base directory with the provisioned server's
# configuration (as the launcher's prepare_base makes it), and every FILTERMX_* setting the
# launcher would pass, as system properties the server reads at start (WildFly's -P file). The
# server reads them before the environment; only the datasource's ${env.FILTERMX_DB_*}
# expressions need the environment, which src-test/pom.xml gives the test JVM and so the server.
server_instance() {
  local base="$IT/server" name
  rm -rf "$base"
  mkdir -p "$base/configuration" "$base/deployments" "$base/log" "$base/data" "$base/tmp"
  cp -f "$ROOT"/wildfly-config/target/server/standalone/configuration/*.xml \
        "$ROOT"/wildfly-config/target/server/standalone/configuration/*.properties "$base/configuration/"
  export FILTERMX_BIND=127.0.0.1
  {
    for name in $(compgen -e | grep '^FILTERMX_' | grep -v '^FILTERMX_IT_\|^FILTERMX_DB_\|^FILTERMX_ADMIN_PASSWORD$'); do
      # java.util.Properties format: backslashes and colons escaped.
      printf '%s=%s\n' "$name" "$(printf '%s' "${!name}" | sed 's/\\/\\\\/g; s/:/\\:/g')"
    done
  } > "$IT/server.properties"
  chmod 600 "$IT/server.properties"
}

case "${1:-}" in
up)
  "$ROOT/scripts/install-test-deps.sh"
  mkdir -p "$IT"
  "$ROOT/scripts/mariadb-private.sh" start "$IT/mariadb" "$DB_PORT"
  "$ROOT/scripts/mariadb-private.sh" reset "$IT/mariadb" "$DB_PORT"
  # FlywayOnMariaDbIT makes fresh databases of its own (filtermx_it_*) next to the server's.
  mariadb --no-defaults --protocol=socket --socket="$IT/mariadb/mysqld.sock" -uroot \
    -e "GRANT ALL PRIVILEGES ON \`filtermx\\_it\\_%\`.* TO 'filtermx'@'127.0.0.1'"
  rm -rf "$FILTERMX_DATA"
  # rspamd, clamd (with a local EICAR signature) and spamd, private instances for the tests.
  eval "$("$ROOT/scripts/engines.sh" start "$IT/engines")"
  export FILTERMX_RSPAMD_URL FILTERMX_RSPAMD_CONTROLLER_URL FILTERMX_CLAMD FILTERMX_SPAMD
  # The launcher's own preparation of the data directory (private, mode 700).
  "$ROOT/filtermx" prepare
  server_instance
  ;;
down)
  "$ROOT/scripts/engines.sh" stop "$IT/engines" || true
  "$ROOT/scripts/mariadb-private.sh" stop "$IT/mariadb" "$DB_PORT" || true
  ;;
*) echo "usage: $0 up|restart|stop|crash|down" >&2; exit 2 ;;
esac
