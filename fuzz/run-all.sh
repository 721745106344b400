#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 60) each, one after another, and exits non-zero
# if any of them crashes (a panic, a failed assertion, a timeout or an out-of-memory).
#
#   fuzz/run-all.sh [SECONDS]
#
# New interesting inputs go to a scratch corpus ($FUZZ_WORK, default target/fuzz-work/<target>),
# not to the committed seeds in corpus/; crashes land in artifacts/<target>/. Set
# FUZZ_TARGETS="query analyzer" to run only some targets. Needs cargo-fuzz; on a stable
# toolchain RUSTC_BOOTSTRAP=1 lets it use the nightly-only sanitizer flags.
set -u
seconds="${1:-60}"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
export RUSTC_BOOTSTRAP="${RUSTC_BOOTSTRAP:-1}"
work="${FUZZ_WORK:-$here/target/fuzz-work}"
targets="${FUZZ_TARGETS:-jsonl text_page html warc query analyzer api_query}"

cargo fuzz build -O || exit 2

failed=()
for t in $targets; do
    mkdir -p "$work/$t" "artifacts/$t"
    seeds=("corpus/$t")
    extra=()
    if [ "$t" = html ]; then
        # The real pages of the ingest tests are seeds too; a page may take a while.
        seeds+=("../crates/ingest/tests/fixtures")
        extra+=(-timeout=10)
    else
        extra+=(-timeout=5)
    fi
    echo "== $t: ${seconds}s"
    if ! cargo fuzz run -O "$t" "$work/$t" "${seeds[@]}" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 "${extra[@]}"; then
        failed+=("$t")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "crashed: ${failed[*]} (inputs in $here/artifacts/)" >&2
    exit 1
fi
echo "no crashes in: $targets"
