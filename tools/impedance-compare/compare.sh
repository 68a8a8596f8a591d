#!/bin/sh
# Side-by-side benchmark of Presslab's CNLS fitter and impedance.py 1.7.1 on the issue-12 set
# (not a test). Usage: tools/impedance-compare/compare.sh [count] [impedance.py folder]
# The second argument defaults to ../shared/tools/impedance.py relative to the repository root;
# when it is absent the script says so and exits 0. Needs Debian's python3-numpy, -scipy,
# -pandas, -matplotlib, -altair for /usr/bin/python3 and a built benchmarks.jar
# (mvn -q -pl benchmarks/impedance-bench -am install -DskipTests).
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
count=${1:-200}
ipy=${2:-$root/../shared/tools/impedance.py}
if [ ! -d "$ipy/impedance" ]; then
  echo "impedance.py not found at $ipy: side-by-side comparison skipped"
  exit 0
fi
jar=$root/benchmarks/impedance-bench/target/benchmarks.jar
java=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
# COMPARE_DIR=folder keeps the exchange files there (and reuses impedance.py's results when present)
if [ -n "$COMPARE_DIR" ]; then
  work=$COMPARE_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
"$java" -cp "$jar" org.presslab.bench.impedance.Compare export "$work" "$count"
if [ ! -s "$work/impedancepy.csv" ]; then
  echo "impedance.py: fitting $count spectra from two starts each ..."
  MPLBACKEND=Agg PYTHONPATH="$ipy" /usr/bin/python3 "$root/tools/impedance-compare/fit_impedancepy.py" "$work"
fi
"$java" -cp "$jar" org.presslab.bench.impedance.Compare report "$work" "$count"
