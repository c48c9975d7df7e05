#!/usr/bin/env bash
# Runs schemathesis (pinned 4.x) against the API of a fresh UMIS server on loopback, with the
# default checks and the settings in bench/schemathesis.toml, and fails on any failure or error.
# Usage:
#   bench/schemathesis.sh [UMIS_BINARY] [MAX_EXAMPLES]
# UMIS_BINARY defaults to the debug build; MAX_EXAMPLES (per operation) to 20. The virtual
# environment is kept in /var/tmp/umis-schemathesis so that later runs skip the install.
# With ST_POSTGRES_URL set (e.g. postgres://postgres@127.0.0.1:5432), the server runs on a
# fresh PostgreSQL database created there and dropped afterwards; otherwise on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.32.5
UMIS=${1:-${CARGO_TARGET_DIR:-target}/debug/umis}
EXAMPLES=${2:-20}
VENV=/var/tmp/umis-schemathesis
if ! "$VENV/bin/st" --version 2>/dev/null | grep -q "$VERSION"; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==$VERSION"
fi
DATA=$(mktemp -d)
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
DB_ARGS=()
if [[ -n ${ST_POSTGRES_URL:-} ]]; then
  DB_NAME="umis_schemathesis_$$"
  psql -q "$ST_POSTGRES_URL/postgres" -c "CREATE DATABASE $DB_NAME" >/dev/null
  DB_ARGS=(--database-url "$ST_POSTGRES_URL/$DB_NAME")
fi
cleanup() {
  [[ -n ${PID:-} ]] && kill "$PID" 2>/dev/null
  wait 2>/dev/null
  if [[ -n ${DB_NAME:-} ]]; then
    psql -q "$ST_POSTGRES_URL/postgres" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null || true
  fi
  # The server's log is kept for reading failures.
  cp "$DATA/server.log" "${TMPDIR:-/tmp}/umis-schemathesis-server.log" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT
"$UMIS" migrate --data-dir "$DATA" "${DB_ARGS[@]}" >/dev/null
SCOPES=persons:read,persons:write,screening:read,border-events:write,stay-registrations:write,applications:read,applications:write,checks:answer,stats:read,expulsions:write
TOKEN=$("$UMIS" token create --data-dir "$DATA" "${DB_ARGS[@]}" --client schemathesis --scopes "$SCOPES" | grep -oE 'umis_[0-9a-f]{64}' | head -1)
[[ -n $TOKEN ]] || { echo "no token was issued"; exit 1; }
"$UMIS" serve --data-dir "$DATA" "${DB_ARGS[@]}" --listen "127.0.0.1:$PORT" >"$DATA/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 150); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
status=0
# A JUnit report (naming the operation of every failure) and a pytest file that replays it are
# kept beside the server's log, one directory per database.
KIND=sqlite
[[ -n ${DB_NAME:-} ]] && KIND=postgres
REPORT_DIR="${TMPDIR:-/tmp}/umis-schemathesis-report-$KIND"
rm -rf "$REPORT_DIR"
"$VENV/bin/st" --config-file bench/schemathesis.toml run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --header "Authorization: Bearer $TOKEN" \
  --report junit,pytest --report-dir "$REPORT_DIR" \
  --max-examples "$EXAMPLES" \
  --seed 1 \
  --workers 2 \
  --suppress-health-check all \
  --no-color >"$DATA/schemathesis.log" 2>&1 || status=$?
tail -"${ST_TAIL:-60}" "$DATA/schemathesis.log"
if [[ $status -ne 0 ]]; then
  echo "reports (JUnit, a pytest reproducer) in $REPORT_DIR; server log in ${TMPDIR:-/tmp}/umis-schemathesis-server.log"
fi
# Failures and errors (schemathesis' own as well) both fail the run.
exit "$status"
