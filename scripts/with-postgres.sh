#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARGS...]
#
# Runs CMD with TEST_DATABASE_URL pointing at a throwaway PostgreSQL cluster,
# so the test suite hits a real PostgreSQL instead of only SQLite, without
# touching any system cluster. The cluster lives in a fresh temp directory,
# listens on 127.0.0.1 on a free port (unix socket inside the temp dir), is
# tuned for speed over durability (fsync etc. off), and is stopped and
# deleted on exit, also on failure or Ctrl-C. Exits with CMD's exit code.
#
# - TEST_DATABASE_URL already set: CMD runs against it, nothing is started.
# - No PostgreSQL server installed: a notice goes to stderr and CMD runs
#   without TEST_DATABASE_URL, unless REQUIRE_POSTGRES=1 (then we fail).
# - initdb refuses to run as root, so as root the cluster is owned by the
#   `postgres` system user (created if missing) and driven via runuser.
set -euo pipefail

[[ $# -gt 0 ]] || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }
[[ -z ${TEST_DATABASE_URL:-} ]] || exec "$@"

# Prefer Debian's versioned server dirs (newest first), then initdb on PATH.
PGBIN=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV) \
         "$(dirname "$(readlink -f "$(command -v initdb || echo /nonexistent)")")"; do
    if [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]]; then PGBIN=$d; break; fi
done
if [[ -z $PGBIN ]]; then
    if [[ ${REQUIRE_POSTGRES:-0} == 1 ]]; then
        echo "with-postgres: REQUIRE_POSTGRES=1 but no PostgreSQL server (initdb/pg_ctl) found; install the 'postgresql' package" >&2
        exit 1
    fi
    echo "with-postgres: no PostgreSQL server found, running without TEST_DATABASE_URL" >&2
    exec "$@"
fi

if [[ $EUID -eq 0 ]]; then
    if ! id -u postgres >/dev/null 2>&1; then
        grp=(--user-group); getent group postgres >/dev/null && grp=(--gid postgres)
        useradd --system "${grp[@]}" --no-create-home --home-dir /nonexistent postgres
    fi
    as_pg() { (cd "$PGTMP" && runuser -u postgres -- "$@"); }
else
    as_pg() { "$@"; }
fi

PGTMP=$(mktemp -d "${TMPDIR:-/tmp}/regie-pg.XXXXXX")
chmod 755 "$PGTMP"   # postgres (as root) must reach it; the command must read the log
[[ $EUID -ne 0 ]] || chown postgres: "$PGTMP"
DATA=$PGTMP/data LOG=$PGTMP/postgres.log

cleanup() {
    as_pg "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PGTMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# Superuser "regie" with trust auth (initdb's -A trust covers 127.0.0.1 too).
if ! as_pg "$PGBIN/initdb" -D "$DATA" -U regie -A trust -E UTF8 --locale=C --no-sync >"$PGTMP/initdb.log" 2>&1; then
    cat "$PGTMP/initdb.log" >&2; echo "with-postgres: initdb failed" >&2; exit 1
fi
cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PGTMP'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF

# Pick a random port that nobody answers on; retry if the bind still loses a race.
started=0
for _ in 1 2 3 4 5; do
    PORT=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && continue
    if as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$LOG" -o "-p $PORT" -w -t 30 start >/dev/null 2>&1; then
        started=1; break
    fi
done
if [[ $started != 1 ]]; then
    tail -n 20 "$LOG" >&2 2>/dev/null || true; echo "with-postgres: could not start PostgreSQL" >&2; exit 1
fi
"$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U regie regie_test

export TEST_DATABASE_URL="postgresql+psycopg://regie@127.0.0.1:$PORT/regie_test"
set +e
"$@"
rc=$?
set -e
exit "$rc"
