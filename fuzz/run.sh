#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS each (default 20) from its seed corpus in
# fuzz/corpus/<target>, and fails on the first crash (kept in fuzz/artifacts/<target>/).
# Usage:
#   fuzz/run.sh [SECONDS] [TARGET...]
# Needs a nightly toolchain; installs cargo-fuzz (--locked) when it is missing. Without a
# nightly toolchain it says so and exits 0, so that CI without one still passes. New inputs
# found go to a scratch corpus (FUZZ_WORK, default /var/tmp/umis-fuzz/<target>), never into
# the committed seeds; the build goes to $CARGO_TARGET_DIR/fuzz (or fuzz/target).
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH=${1:-20}
shift || true
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: no nightly toolchain (rustup toolchain install nightly): skipped"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
if [ -n "${CARGO_TARGET_DIR:-}" ]; then
  export CARGO_TARGET_DIR="$CARGO_TARGET_DIR/fuzz"
fi
WORK=${FUZZ_WORK:-/var/tmp/umis-fuzz}
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
start=$(date +%s)
cargo +nightly fuzz build
echo "fuzz: built in $(( $(date +%s) - start )) s"
for t in "${targets[@]}"; do
  mkdir -p "$WORK/$t"
  echo "fuzz: $t for $SECONDS_EACH s"
  # -timeout: one input taking over 10 s is a hang worth a report.
  status=0
  cargo +nightly fuzz run "$t" "$WORK/$t" "corpus/$t" -- \
    -max_total_time="$SECONDS_EACH" -timeout=10 >"$WORK/$t.log" 2>&1 || status=$?
  grep -E '^Done' "$WORK/$t.log" || true
  if [ "$status" -ne 0 ]; then
    grep -vE '^(#|INFO:)' "$WORK/$t.log" | tail -40
    echo "fuzz: $t crashed; reproduce with: cargo +nightly fuzz run $t fuzz/artifacts/$t/<file>"
    exit 1
  fi
done
echo "fuzz: done in $(( $(date +%s) - start )) s"
