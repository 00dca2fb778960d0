#!/usr/bin/env bash
# `make demo`: morctl's main job on the bundled example workspace, examples/acme.
set -euo pipefail
MORCTL=${1:-morctl}
cd "$(dirname "$0")/.."
WS=examples/acme
OUT=$(mktemp -d "${TMPDIR:-/tmp}/morctl-demo.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then B=$'\033[1m' R=$'\033[0m'; else B='' R=''; fi
step() { printf '\n%s$ %s%s\n' "$B" "$*" "$R"; "$@"; }
# The example's logs run to Sunday 22 November 2026: report on that week, judged the
# Monday after, so the demo shows the same numbers whenever it runs.
step "$MORCTL" validate "$WS"
step "$MORCTL" show "$WS" --role manager
step "$MORCTL" calendar "$WS" --out "$OUT/calendars" --from 2026-11-23 --to 2027-11-22
ls "$OUT/calendars" | head -5; echo "…"
echo "(a temporary folder, removed when the demo ends; to keep the feeds and open one in"
echo " Outlook or Google Calendar: morctl calendar $WS --out calendars/)"
step "$MORCTL" checklist "$WS" --week 2026-W48 --person priya --format md
step "$MORCTL" report "$WS" --week 2026-W47 --as-of 2026-11-23
