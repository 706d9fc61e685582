#!/usr/bin/env bash
# Fuzzes the Rust engine with cargo-fuzz (libFuzzer). Targets, in fuzz/fuzz_targets/:
#   dsl_parse  arbitrary mappings text -> dsl::parse, then the whole engine built from it:
#              no panic, every span inside the text and on char boundaries, diagnostics render
#   glob       arbitrary glob text + paths -> Glob::new / is_match: no panic, error spans inside
#              the glob, without `**` a match never lets `*`, `?` or a class cross `/`
#   apply      structured: content bytes (BOM, CRLF), a regex from a small grammar of named
#              groups or arbitrary text, values -> Engine (`__always__ {THEN_UPDATE_FILES} f=r`,
#              `regexes: r=<regex>`) -> apply("f", bytes): no panic, the output is the input
#              with exactly the reported spans replaced, edit positions exact
# The invariants live in tests/common/mod.rs, shared with tests/properties.rs.
#
# Usage:
#   scripts/fuzz.sh [SECONDS] [TARGET...]  each target (default: all) for SECONDS (default 60),
#                                          one after another; corpus kept in fuzz/corpus/
#   scripts/fuzz.sh --smoke [SECONDS]      for CI: replays fuzz/regressions/<target>/*, then runs
#                                          each target SECONDS (default 5) on a scratch corpus.
#                                          Exits 0 with a message (SKIPPED) when cargo-fuzz is
#                                          missing and cannot be installed, or when there is no
#                                          nightly toolchain and the pinned one cannot stand in.
# Exit status: 0 when nothing crashed; 1 when a target crashed, hung (over 10 s on one input:
# matching must be linear-time) or failed to build. A crashing input lands in
# fuzz/artifacts/<target>/: minimise it with `cargo +nightly fuzz tmin -s none -a <target> <file>`,
# keep it in fuzz/regressions/<target>/<name> and as a named case in tests/fuzz_regressions.rs.
#
# Built without a sanitizer (the engine has no `unsafe`; about 5x the executions of ASan) and
# with debug assertions (integer overflow panics).
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TARGETS_ALL=(dsl_parse glob apply)

smoke=false
if [[ "${1:-}" == "--smoke" ]]; then
    smoke=true
    shift
    seconds=${1:-5}
    targets=("${TARGETS_ALL[@]}")
else
    seconds=${1:-60}
    shift || true
    targets=("$@")
    ((${#targets[@]})) || targets=("${TARGETS_ALL[@]}")
fi

skip() {
    echo "fuzz: SKIPPED: $*"
    if $smoke; then exit 0; fi
    exit 1
}

# The toolchain: nightly (cargo-fuzz passes -Z flags); else try to install it; else the
# project's pinned stable toolchain with RUSTC_BOOTSTRAP=1, which accepts the same flags.
FUZZ=(cargo +nightly fuzz)
toolchain="nightly"
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz: no nightly toolchain; trying: rustup toolchain install nightly --profile minimal"
    if ! timeout 300 rustup toolchain install nightly --profile minimal >/dev/null 2>&1; then
        echo "fuzz: nightly cannot be installed here; using the pinned toolchain with RUSTC_BOOTSTRAP=1"
        export RUSTC_BOOTSTRAP=1
        FUZZ=(cargo fuzz)
        toolchain="$(cargo --version) with RUSTC_BOOTSTRAP=1"
    fi
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: no cargo-fuzz; trying: cargo install cargo-fuzz --locked"
    cargo install cargo-fuzz --locked >/dev/null 2>&1 \
        || skip "cargo-fuzz is missing and cannot be installed (cargo install cargo-fuzz)"
fi
FLAGS=(-s none -a)
cd "$ROOT/fuzz"

logdir=$(mktemp -d)
trap 'rm -rf "$logdir"' EXIT

echo "fuzz: building ${targets[*]} ($toolchain)"
for t in "${targets[@]}"; do
    if ! "${FUZZ[@]}" build "${FLAGS[@]}" "$t" >"$logdir/build-$t.log" 2>&1; then
        tail -n 40 "$logdir/build-$t.log"
        if [[ -n "${RUSTC_BOOTSTRAP:-}" ]]; then
            skip "the fuzz targets do not build with $toolchain (no nightly toolchain here)"
        fi
        echo "fuzz: FAILED to build $t"
        exit 1
    fi
done

failed=()
for t in "${targets[@]}"; do
    # Every kept crashing input must run clean now.
    shopt -s nullglob
    regressions=(regressions/"$t"/*)
    shopt -u nullglob
    if ((${#regressions[@]})); then
        if "${FUZZ[@]}" run "${FLAGS[@]}" "$t" "${regressions[@]}" >"$logdir/$t-regressions.log" 2>&1; then
            echo "fuzz: $t: ${#regressions[@]} regression input(s) pass"
        else
            grep -E "panicked|SUMMARY|Test unit written" -A2 "$logdir/$t-regressions.log" | head -n 20
            echo "fuzz: $t: a regression input FAILS"
            failed+=("$t (regression)")
        fi
    fi

    if $smoke; then
        corpus=("$logdir/corpus-$t")
        mkdir -p "${corpus[0]}"
    else
        corpus=("corpus/$t")
        mkdir -p "corpus/$t"
    fi
    [[ -d "seeds/$t" ]] && corpus+=("seeds/$t")
    log="$logdir/$t.log"
    if "${FUZZ[@]}" run "${FLAGS[@]}" "$t" "${corpus[@]}" -- \
        -max_total_time="$seconds" -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
        # Keep libFuzzer's closing lines: executions, coverage, exec/s.
        grep -E "^#[0-9]+[[:space:]]+DONE" "$log" | tail -n 1 | sed "s/^/fuzz: $t: /"
        grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$log" | sed "s/^/fuzz: $t: /"
    else
        grep -E "panicked|ERROR|SUMMARY|Test unit written" -A2 "$log" | head -n 30
        echo "fuzz: $t: CRASH (input kept in fuzz/artifacts/$t/)"
        failed+=("$t")
    fi
done

if ((${#failed[@]})); then
    echo "fuzz: FAILED: ${failed[*]}"
    exit 1
fi
echo "fuzz: ok: ${targets[*]}, ${seconds} s each, no crash"
