#!/usr/bin/env bash
# `make demo`: morctl's main job on the bundled example workspace.
set -euo pipefail
MORCTL=${1:-morctl}
cd "$(dirname "$0")/.."
echo "\$ morctl validate examples/acme"
"$MORCTL" validate examples/acme
