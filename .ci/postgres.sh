#!/usr/bin/env bash
# A throw-away PostgreSQL server for the run store's tests, from Debian's binaries, on 127.0.0.1 and a free port.
#   .ci/postgres.sh start DIR   -> initdb + pg_ctl start; prints the export lines for PRESSLAB_PG_*
#   .ci/postgres.sh stop  DIR   -> stops it (the data stay until DIR is removed)
#   .ci/postgres.sh start-again DIR -> starts the stopped server on the same port (the fault tests use it)
# PostgreSQL refuses to run as root: as root, the server runs as the system user presslab-pg (created here).
set -euo pipefail
cmd=${1:?start|stop|start-again}
dir=${2:?data directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "postgres.sh: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)" >&2; exit 2; }
as=()
if [ "$(id -u)" = 0 ]; then
  id presslab-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin presslab-pg
  as=(runuser -u presslab-pg --)
fi
# Tests run with fsync off (faster, nothing to keep); PG_DURABLE=1 keeps PostgreSQL's defaults (the benchmark).
fast="-c fsync=off -c synchronous_commit=off"
[ "${PG_DURABLE:-0}" = 1 ] && fast=""
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ ${#as[@]} -eq 0 ] || chown presslab-pg "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U presslab --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
    echo "$port" >"$dir/port"
    [ ${#as[@]} -eq 0 ] || chown presslab-pg "$dir/port"
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -h 127.0.0.1 $fast" start >/dev/null
    echo "export PRESSLAB_PG_URL=jdbc:postgresql://127.0.0.1:$port/postgres"
    echo "export PRESSLAB_PG_USER=presslab"
    echo "export PRESSLAB_PG_PASSWORD=presslab"
    echo "export PRESSLAB_PG_CTL='$(cd "$(dirname "$0")" && pwd)/postgres.sh %s $dir'"
    ;;
  start-again)
    port=$(cat "$dir/port")
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -h 127.0.0.1 $fast" start >/dev/null
    ;;
  stop)
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *) echo "postgres.sh: unknown command $cmd" >&2; exit 2 ;;
esac
