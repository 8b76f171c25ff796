#!/usr/bin/env bash
# Installs everything socsim needs on Debian 12 (bookworm) from Debian's archive.
# (chromium: only the test of the HTML report, tests/cli/test_report_browser.py, runs it.
# hdf5-filter-plugin: HDF5's LZ4 filter for h5py and the HDF5 tools, which read socsim's default
# traces with it; socsim itself has its own copy of the filter.)
# Idempotent: does nothing when every package is already installed.
#   --fuzz   also clang-14 and its libFuzzer runtime, for the fuzz job only (.ci/fuzz.sh): the
#            normal build and `make check` use g++ and must not need clang.
set -euo pipefail
packages=(
  cmake g++ make git
  libboost-program-options-dev libboost-dev libfmt-dev nlohmann-json3-dev libvalijson-dev
  libhdf5-dev hdf5-tools libdeflate-dev liblz4-dev libsimdjson-dev
  hdf5-filter-plugin
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-h5py python3-pandas python3-numpy python3-matplotlib python3-xarray python3-h5netcdf
  python3-jsonschema python3-scipy
  openmpi-bin libopenmpi-dev
  chromium
)
case "${1:-}" in
  "") ;;
  --fuzz) packages+=(clang-14 libclang-rt-14-dev) ;;
  *) echo "usage: $0 [--fuzz]" >&2; exit 2 ;;
esac
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
