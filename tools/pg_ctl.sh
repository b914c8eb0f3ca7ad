#!/bin/sh
# pg_ctl for the tests' PostgreSQL (pytest-postgresql calls it: initdb, start, status, stop).
# PostgreSQL refuses to run as root. As root, this runs Debian's pg_ctl as the `postgres` user on a
# data directory that user owns (/tmp/cpss-pg-*), linked from the one pytest asked for (pytest's
# temporary folders are root's alone), and removes it after `stop`. As any other user it runs
# pg_ctl as is.
set -eu
PG_CTL=${CPSS_PG_CTL:-$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PG_CTL" ]; then
    echo "PostgreSQL's pg_ctl is not installed: run sh tools/ensure_test_programs.sh" >&2
    exit 1
fi
[ "$(id -u)" = 0 ] || exec "$PG_CTL" "$@"
command=$1
data=""
previous=""
for arg in "$@"; do
    case "$previous" in -D|--pgdata) data=$arg ;; esac
    previous=$arg
done
if [ "$command" = initdb ] && [ -n "$data" ] && [ ! -e "$data" ]; then
    real=$(mktemp -d /tmp/cpss-pg-XXXXXX)
    chown postgres "$real"
    ln -s "$real" "$data"
fi
real=""
[ -n "$data" ] && real=$(readlink -f "$data")
# The same arguments, with the data directory and the log file where the postgres user can reach.
count=$#
previous=""
for arg in "$@"; do
    case "$previous" in
        -D|--pgdata) arg=$real ;;
        -l) arg=$real.log ;;
    esac
    set -- "$@" "$arg"
    previous=$arg
    [ "$previous" = "$real" ] && previous=-done
done
shift "$count"
cd /  # the postgres user may not read the caller's folder
status=0
runuser -u postgres -- "$PG_CTL" "$@" || status=$?
if [ "$command" = stop ] && [ -n "$real" ] && [ "$real" != "$data" ]; then
    rm -rf "$real" "$real.log"
    rm -f "$data"
fi
exit "$status"
