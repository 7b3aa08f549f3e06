#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for the demo (or any other local use): its own
# data folder, port and socket folder; no system service, no TCP listener.
#
# Usage: scripts/pgcluster.sh [--name NAME] [--port PORT] start|stop|status|env|info
#   start    create the cluster if missing (UTF-8, C.UTF-8), start it if stopped
#   stop     stop it if it runs
#   status   exit 0 if it runs, 3 if not
#   env      print "export PGHOST=... PGPORT=... PGUSER=... DJ_PG_BASE=..." for
#            the superuser (eval it); the port is the running server's
#   info     print the folders, port and superuser
# NAME defaults to "demo"; PORT to $DJ_DEMO_PORT, else 55432.  The port is
# applied at every start, so a stopped cluster can move to another port.
#
# Where it lives, and why:
#   normal user: ./var/pgdata, sockets in ./var/run, log ./var/pg.log (other
#     names: ./var/pg-NAME/...).  The server runs as that user; the superuser
#     is that user's name, through peer authentication on the socket.
#   root: initdb refuses root, and the postgres user cannot enter a root-owned
#     home, so the server runs as the postgres OS user with everything in
#     /var/lib/postgresql/dangjian-NAME-HASH/ (HASH: of the repository path,
#     so two checkouts never share a cluster).  The superuser is "postgres";
#     root signs in as it through a pg_ident map (root -> postgres) on the socket.
# Everyone else (clerks) signs in with a scram-sha-256 password on the socket.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
PGBIN=/usr/lib/postgresql/15/bin
name=demo
port=${DJ_DEMO_PORT:-55432}

usage() {
    sed -n '4,13s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case $1 in
    --name) name=${2:?--name needs a value}; shift 2 ;;
    --port) port=${2:?--port needs a value}; shift 2 ;;
    -h | --help) usage ;;
    -*) echo "pgcluster: unknown option $1" >&2; usage ;;
    *) break ;;
    esac
done
[ $# -eq 1 ] || usage
action=$1
case $name in *[!a-z0-9_-]* | '') echo "pgcluster: NAME must be [a-z0-9_-]+" >&2; exit 2 ;; esac
case $port in *[!0-9]* | '') echo "pgcluster: PORT must be a number" >&2; exit 2 ;; esac

if [ "$(id -u)" -eq 0 ]; then
    hash=$(printf '%s' "$ROOT" | sha256sum | cut -c1-8)
    base=/var/lib/postgresql/dangjian-$name-$hash
    super=postgres
    # Every server program runs as postgres, from / (it cannot enter our folder).
    as_server() { (cd / && runuser -u postgres -- "$@"); }
else
    if [ "$name" = demo ]; then base=$ROOT/var; else base=$ROOT/var/pg-$name; fi
    super=$(id -un)
    as_server() { "$@"; }
fi
data=$base/pgdata
sock=$base/run
log=$base/pg.log

# A Unix socket path holds at most 107 bytes; say so instead of failing obscurely.
if [ $((${#sock} + 20)) -gt 107 ]; then
    echo "pgcluster: the socket folder path is too long for a Unix socket: $sock" >&2
    echo "pgcluster: move the repository to a shorter path" >&2
    exit 1
fi
# The paths go into postgresql.conf and a pg_ctl -o string: keep them plain.
case $base in *[[:space:]\'\"\\]*)
    echo "pgcluster: the path $base contains spaces or quotes; use a plainer path" >&2
    exit 1 ;;
esac

running() {
    [ -f "$data/postmaster.pid" ] && as_server "$PGBIN/pg_ctl" status -D "$data" >/dev/null 2>&1
}

# The running server's port: line 4 of postmaster.pid.
running_port() {
    sed -n 4p "$data/postmaster.pid"
}

create() {
    if [ "$(id -u)" -eq 0 ]; then
        if ! id postgres >/dev/null 2>&1; then
            echo "pgcluster: there is no postgres OS user; is postgresql-15 installed?" >&2
            exit 1
        fi
        # 755 on base and run: the socket must be reachable by root and by any
        # local user trying a clerk login with psql; the data folder is 700.
        install -d -o postgres -g postgres -m 755 "$base" "$sock"
    else
        mkdir -p "$base" "$sock"
    fi
    echo "pgcluster: creating a PostgreSQL 15 cluster in $data"
    # --locale=C.UTF-8 and --encoding=UTF8 explicitly: a root shell often has no
    # LANG, and initdb would then make an SQL_ASCII cluster.
    as_server "$PGBIN/initdb" -D "$data" -U "$super" --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=reject --no-instructions >"$base/initdb.log" 2>&1 || {
        cat "$base/initdb.log" >&2
        exit 1
    }
    # The superuser by peer (as root: root mapped onto postgres); everyone else by
    # password, so a wrong clerk password is really refused.  No host lines: the
    # server does not listen on TCP at all.
    local map=""
    if [ "$(id -u)" -eq 0 ]; then
        map=" map=dangjian"
        as_server tee "$data/pg_ident.conf" >/dev/null <<EOF
# Written by scripts/pgcluster.sh: who may sign in as the superuser by peer.
# MAPNAME   SYSTEM-USER  PG-USER
dangjian    root         postgres
dangjian    postgres     postgres
EOF
    fi
    as_server tee "$data/pg_hba.conf" >/dev/null <<EOF
# Written by scripts/pgcluster.sh.
# TYPE  DATABASE  USER      METHOD
local   all       $super  peer$map
local   all       all       scram-sha-256
EOF
    as_server tee -a "$data/postgresql.conf" >/dev/null <<EOF

# --- scripts/pgcluster.sh: a private cluster, sockets only ---
listen_addresses = ''
unix_socket_directories = '$sock'
port = $port
password_encryption = 'scram-sha-256'
EOF
}

start() {
    [ -f "$data/PG_VERSION" ] || create
    if running; then
        echo "pgcluster: reusing the running cluster in $data"
        return 0
    fi
    echo "pgcluster: starting the cluster in $data (log: $log)"
    # -k and -p on the command line: the socket folder is worked out now (a copied
    # or moved checkout gets the right one) and DJ_DEMO_PORT applies at each start.
    if ! as_server "$PGBIN/pg_ctl" start -D "$data" -l "$log" -w -t 60 \
        -o "-k '$sock' -p $port" >/dev/null; then
        echo "pgcluster: the server did not start; the end of $log:" >&2
        tail -n 20 "$log" >&2 || true
        exit 1
    fi
}

stop() {
    if running; then
        as_server "$PGBIN/pg_ctl" stop -D "$data" -m fast -w >/dev/null
        echo "pgcluster: stopped the cluster in $data"
    else
        echo "pgcluster: the cluster in $data is not running"
    fi
}

case $action in
start) start ;;
stop) stop ;;
status) running || exit 3 ;;
env)
    running || { echo "pgcluster: the cluster in $data is not running" >&2; exit 3; }
    printf 'export PGHOST=%q PGPORT=%q PGUSER=%q DJ_PG_BASE=%q\n' \
        "$sock" "$(running_port)" "$super" "$base"
    ;;
info)
    p=$port
    running && p=$(running_port)
    printf 'data %s\nsocket %s\nport %s\nlog %s\nsuperuser %s\n' "$data" "$sock" "$p" "$log" "$super"
    ;;
*) usage ;;
esac
