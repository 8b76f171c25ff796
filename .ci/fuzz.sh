#!/usr/bin/env bash
# Fuzz job: builds the libFuzzer harnesses of tests/fuzz with clang-14 in build-fuzz and runs each
# for a fixed time from a seed corpus of the shipped and test configs. Any crash, hang (an input
# taking longer than -timeout), leak, sanitizer report or escaped exception fails the job; the
# input is saved as build-fuzz/crashes/<target>-crash-*. Copy it into
# tests/data/fuzz_regressions/<target>/ so the normal test suite replays it (regression_test.cpp).
#   FUZZ_SECONDS   seconds per harness (default 38: seven harnesses in the time six took at 45)
#   FUZZ_TARGETS   harnesses to run (default: all seven)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_FUZZ:-build-fuzz}
JOBS=${JOBS:-$(nproc)}
FUZZ_SECONDS=${FUZZ_SECONDS:-38}
read -r -a targets <<<"${FUZZ_TARGETS:-soc family profiles scenario validate campaign campaign_set}"

# Debug with -O1: assertions stay on, and -O1 is what libFuzzer's docs advise with ASan.
cmake -S . -B "$BUILD" -DSOCSIM_FUZZ=ON -DSOCSIM_BUILD_TESTS=OFF \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -gline-tables-only" \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only"
cmake --build "$BUILD" --target fuzz_all -j"$JOBS"

# Seeds and dictionary are rebuilt from the tree every time; build-fuzz/corpus/<target> keeps what
# earlier local runs discovered (CI starts empty).
/usr/bin/python3 tests/fuzz/build_corpus.py . "$BUILD/seeds"
rm -rf "$BUILD/crashes" "$BUILD/tmp"
mkdir -p "$BUILD/crashes" "$BUILD/tmp"

export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# No schema-cache markers on disk for the thousands of valid documents a fuzzer makes.
export SOCSIM_CACHE_DIR=off
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$BUILD/corpus/$t"
  log="$BUILD/fuzz_$t.log"
  echo "fuzz: $t for ${FUZZ_SECONDS}s (log: $log)"
  # TMPDIR: the harness's sandbox folder lives in the build tree. stdin from /dev/null: a fuzzed
  # scenario could name /dev/stdin as its SoC and wait for input forever. -max_len: above the
  # long seeds (build_corpus.py), so that inputs reach the string-length and pattern checks.
  if TMPDIR="$PWD/$BUILD/tmp" "$BUILD/tests/fuzz/fuzz_$t" "$BUILD/corpus/$t" "$BUILD/seeds/$t" \
      -dict="$BUILD/seeds/socsim.dict" -max_len=131072 -max_total_time="$FUZZ_SECONDS" -timeout=5 -rss_limit_mb=2048 \
      -artifact_prefix="$BUILD/crashes/$t-" -print_final_stats=1 </dev/null >"$log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" || true
  else
    failed+=("$t")
    tail -n 80 "$log"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}; inputs in $BUILD/crashes/:" >&2
  ls -l "$BUILD/crashes" >&2
  echo "fuzz: reproduce with $BUILD/tests/fuzz/fuzz_<target> <input>; then add the input to tests/data/fuzz_regressions/<target>/" >&2
  exit 1
fi
echo "fuzz: ok, no findings in ${targets[*]}"
