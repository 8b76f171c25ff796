#!/usr/bin/env bash
# Sanitizer job: builds socsim with AddressSanitizer (+LeakSanitizer) and UndefinedBehaviorSanitizer
# in build-asan and runs the whole ctest suite there, the CLI tests included (ctest hands them the
# instrumented binary as SOCSIM_BIN). Any sanitizer report fails the job.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_ASAN:-build-asan}
JOBS=${JOBS:-$(nproc)}

# -fno-sanitize-recover=all: UBSan stops at its first report instead of printing and going on.
# -O1: the usual ASan trade-off, fast enough for the CLI tests, stacks still readable.
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DPython3_EXECUTABLE=/usr/bin/python3 \
  -DCMAKE_C_FLAGS_DEBUG="-O1 -g" -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
  -DCMAKE_C_FLAGS="$SAN" -DCMAKE_CXX_FLAGS="$SAN" -DCMAKE_EXE_LINKER_FLAGS="$SAN"
cmake --build "$BUILD" -j"$JOBS"

# A report must fail the job even where a test expects socsim to fail (exit 1, 2 or 3) or captures
# its stderr, so reports do not rely on exit codes alone:
# - ASan and LeakSanitizer write each report to a file under $reports (checked below).
# - UBSan ignores log_path when g++ links it beside ASan, so it aborts instead (SIGABRT, an exit
#   status no test expects) and prints its report on stderr.
# Leak checking stays on: HDF5 frees its memory at exit (it registers H5close with atexit), so no
# leak suppressions are needed.
reports="$PWD/$BUILD/sanitizer-reports"
rm -rf "$reports" && mkdir -p "$reports"
# detect_stack_use_after_return stays off (ASan's default): it made the config-heavy CLI tests
# ~1.7x slower, the largest cost of this job.
export ASAN_OPTIONS="detect_leaks=1:log_path=$reports/asan:strict_init_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:abort_on_error=1"

status=0
# -LE validation: the queueing-theory runs (tests/validation) exercise no C++ the unit and CLI tests
# do not (latency distributions, the fcfs dispatcher: tests/engine, tests/solver); under ASan they
# would only be slow.
ctest --test-dir "$BUILD" --output-on-failure -j"$JOBS" -LE validation || status=$?
if compgen -G "$reports/*" >/dev/null; then
  echo "sanitize: sanitizer reports:" >&2
  for f in "$reports"/*; do echo "==== $f" >&2; cat "$f" >&2; done
  status=1
fi
[ "$status" -eq 0 ] && echo "sanitize: ok, no sanitizer reports"
exit "$status"
