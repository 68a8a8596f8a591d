#!/usr/bin/env bash
#
# Boot figures of the Presslab distribution, measured with a plain harness (no test framework):
#   1. time from bin/start to "station cell1 bound to its simulated press" (all Presslab boot
#      components active: the station needs the control, simulator, time and registry components);
#   2. resident memory (VmRSS) of the Karaf JVM 10 s after that;
#   3. (with --hot-swap) the time from the driver bundle coming back to the station holding 15 MPa
#      again, taken from HotSwapIT, which measures it inside the container (ms resolution).
#   With --compare-runs each run boots twice, as shipped and with presslab-runs taken out of the boot
#   features (etc/org.apache.karaf.features.cfg), alternating, so that both see the same machine load:
#   what the run store (JDBC, pool, H2, Liquibase migrations) adds to the boot.
#   With --compare-stages each run boots three times, alternating: as shipped (two boot stages: the
#   stations and simulators first, impedance and the run store second), with every boot feature in one
#   stage (as karaf-maven-plugin writes it), and the stock Apache Karaf of the same version (fetched into the local Maven repository if missing)
#   as the baseline: for it, "shell ready" is the first answer of the SSH client. Each line also says how
#   often cell1 started (more than once would mean a refresh restarted it).
#
# Usage: itests/bench/boot-figures.sh [--runs N] [--compare-runs] [--compare-stages] [--hot-swap]
# Needs a built distribution (mvn -DskipTests install). Uses a free SSH port and a throwaway folder.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS=1; HOTSWAP=""; COMPARE=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --hot-swap) HOTSWAP=1; shift ;;
        --compare-runs) COMPARE=1; shift ;;
        --compare-stages) COMPARE=stages; shift ;;
        *) echo "usage: $0 [--runs N] [--compare-runs] [--compare-stages] [--hot-swap]" >&2; exit 2 ;;
    esac
done
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
[ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")" = 17 ] || export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
TGZ=$(ls -t "$ROOT"/distribution/target/presslab-distribution*.tar.gz | head -n 1)
WORK=$(mktemp -d /tmp/presslab-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KARAF=""
cleanup() { [ -n "$KARAF" ] && [ -x "$KARAF/bin/stop" ] && "$KARAF/bin/stop" >/dev/null 2>&1 || true; sleep 2; rm -rf "$WORK"; }
trap cleanup EXIT

now() { date +%s.%N; }
client() { "$KARAF/bin/client" -h 127.0.0.1 -a "$PORT" -u bench -k "$WORK/bench.key" -r 1 -d 1 -b 2>/dev/null; }

ssh-keygen -q -t rsa -b 3072 -m PEM -N '' -f "$WORK/bench.key"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(basename "$TGZ")"
variants="as-shipped"
[ "$COMPARE" = 1 ] && variants="as-shipped without-runs"
if [ "$COMPARE" = stages ]; then
    variants="as-shipped one-stage stock-karaf"
    KV=$(sed -n 's:.*<karaf.version>\(.*\)</karaf.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
    STOCK="$HOME/.m2/repository/org/apache/karaf/apache-karaf/$KV/apache-karaf-$KV.tar.gz"
    [ -f "$STOCK" ] || mvn -B -q dependency:get -Dartifact="org.apache.karaf:apache-karaf:$KV:tar.gz" >&2
fi
for run in $(seq 1 "$RUNS"); do
  for variant in $variants; do
    rm -rf "$WORK/karaf"; mkdir -p "$WORK/karaf"
    if [ "$variant" = stock-karaf ]; then
        tar -xzf "$STOCK" -C "$WORK/karaf" --strip-components=1
    else
        tar -xzf "$TGZ" -C "$WORK/karaf" --strip-components=1
    fi
    KARAF="$WORK/karaf"
    echo "bench=$(cut -d' ' -f2 "$WORK/bench.key.pub"),_g_:admingroup" >> "$KARAF/etc/keys.properties"
    sed -i "s/^sshPort *=.*/sshPort = $PORT/" "$KARAF/etc/org.apache.karaf.shell.cfg"
    if [ "$variant" = one-stage ]; then
        # Every boot feature in one stage, as karaf-maven-plugin writes it: the parentheses removed.
        sed -i -E '/^featuresBoot *=/,/^$/ { s/[()]//g }' "$KARAF/etc/org.apache.karaf.features.cfg"
        ! sed -n '/^featuresBoot *=/,/^$/p' "$KARAF/etc/org.apache.karaf.features.cfg" | grep -q '[()]' || { echo "could not flatten featuresBoot" >&2; exit 1; }
    fi
    if [ "$variant" = without-runs ]; then
        # featuresBoot lists "presslab-runs/<version>, \" on a line of its own (or last, without the comma).
        sed -i -E '/^ *presslab-runs\/[^,]*(, *\\)?$/d' "$KARAF/etc/org.apache.karaf.features.cfg"
        sed -i -E 's/, *presslab-runs\/[^,]*$//' "$KARAF/etc/org.apache.karaf.features.cfg"
        sed -i -E 's/, *presslab-runs\)/)/' "$KARAF/etc/org.apache.karaf.features.cfg"   # the staged form
        ! grep -q presslab-runs "$KARAF/etc/org.apache.karaf.features.cfg" || { echo "could not take presslab-runs out of featuresBoot" >&2; exit 1; }
    fi

    t0=$(now)
    "$KARAF/bin/start"
    if [ "$variant" = stock-karaf ]; then
        until echo "bundle:list -t 0" | client >/dev/null; do
            sleep 0.2
            if awk "BEGIN{exit !($(now) - $t0 > 300)}"; then echo "stock Karaf: no shell after 300 s" >&2; exit 1; fi
        done
        printf 'run %d (%s): shell ready %.1f s by polling bundle:list\n' "$run" "$variant" "$(awk "BEGIN{print $(now) - $t0}")"
        "$KARAF/bin/stop"; sleep 3
        continue
    fi
    tshell=""
    until out=$(echo "station:list" | client) && { [ -n "$tshell" ] || tshell=$(now); } && grep -E '^cell1\b' <<<"$out" | grep -vq NO_DRIVER; do
        sleep 0.2
        if awk "BEGIN{exit !($(now) - $t0 > 300)}"; then echo "no bound station after 300 s" >&2; exit 1; fi
    done
    t1=$(now)
    # One client round trip on the running system, to show how much of the figure is the client's own JVM start.
    c0=$(now); echo "bundle:list -t 0 | grep -c presslab" | client >/dev/null; c1=$(now)
    sleep 10
    pid=$(pgrep -f "karaf.home=$KARAF" | head -n 1)
    rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    # The station logs its controller gains the moment it binds its driver: that log time, less the start
    # time, is the boot figure without the polling client's own latency.
    line=$(grep -m1 -E "Station 'cell1'(: PID| DRIVER_BOUND)" "$KARAF/data/log/karaf.log" || true)
    logged=""
    if [ -n "$line" ]; then
        ts=$(cut -d'|' -f1 <<<"$line" | sed 's/T/ /; s/,/./; s/ *$//')
        logged=$(awk "BEGIN{printf \"%.1f\", $(date -d "$ts" +%s.%N) - $t0}")
    fi
    starts=$(grep -c "Station 'cell1' started" "$KARAF/data/log/karaf.log" || true)
    store=$(grep -m1 "Run store: DataSource bound" "$KARAF/data/log/karaf.log" | cut -d'|' -f1 | sed 's/T/ /; s/,/./; s/ *$//' || true)
    [ -n "$store" ] && store=$(awk "BEGIN{printf \"%.1f\", $(date -d "$store" +%s.%N) - $t0}")
    printf 'run %d (%s): boot to cell1 bound %s s by karaf.log, %.1f s by polling station:list (shell ready %.1f s; one ssh client round trip: %.1f s); run store bound %s s; cell1 started %s time(s); RSS 10 s later %d MB\n' \
        "$run" "$variant" "${logged:-?}" "$(awk "BEGIN{print $t1 - $t0}")" "$(awk "BEGIN{print $tshell - $t0}")" "$(awk "BEGIN{print $c1 - $c0}")" "${store:-?}" "$starts" $((rss_kb / 1024))
    "$KARAF/bin/stop"; sleep 3
  done
done

if [ -n "$HOTSWAP" ]; then
    echo "# hot-swap figures from HotSwapIT (in-container, ms resolution)"
    (cd "$ROOT" && mvn -q -f itests/pom.xml verify -Dit.test=HotSwapIT 2>&1) | grep '\[presslab-itests\] hot-swap' || {
        echo "HotSwapIT did not print its figures (did it fail? see itests/target/failsafe-reports)" >&2; exit 1; }
fi
