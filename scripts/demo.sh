#!/usr/bin/env bash
# make demo: the program on a private demo database, in one command.
#   scripts/demo.sh          install what is missing (root) or say how, build,
#                            start (or create) the demo cluster, create and migrate
#                            dangjian_demo, load the demo data and clerks once,
#                            write var/demo.conf, open the UI as the committee clerk
#   scripts/demo.sh --stop   stop the demo cluster (make demo-stop)
# A second run reuses the cluster and its data.  The cluster itself is
# scripts/pgcluster.sh's (port $DJ_DEMO_PORT, default 55432; where its files live
# as root and as a normal user is explained there).
# The UI opens only when stdin and stdout are a terminal; otherwise the script
# prints how to open it and exits 0, so it also runs in scripts and CI.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
DB=dangjian_demo
CONF=$ROOT/var/demo.conf
BIN=$ROOT/build/dangjian
make=${MAKE:-make}

# The demo clerks, one per level, all with one password (the README lists them);
# the UI opens as the first.  Each is mapped to the first organization (by code)
# of its level in the demo data, looked up after `dangjian generate` has run.
DEMO_PASSWORD=dangjian-demo
DEMO_CLERKS=(
    # name            level           administrator (restores historical members, adds clerks)
    "demo_committee   committee"
    "demo_city        city            admin"
    "demo_district    district        admin"
    "demo_general     general_branch"
    "demo_branch      branch"
    "demo_auditor     auditor"
)

say() { printf 'demo: %s\n' "$*"; }

case ${1:-} in
--stop) exec scripts/pgcluster.sh stop ;;
'') ;;
-h | --help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
*) echo "usage: scripts/demo.sh [--stop]" >&2; exit 2 ;;
esac

# --- install and build -----------------------------------------------------
if ! scripts/deps.sh; then
    say "install the packages above (as root), then run make demo again"
    exit 1
fi
"$make" -j2 all

# --- the cluster and the database --------------------------------------------
scripts/pgcluster.sh start
# PGHOST (the socket folder), PGPORT, PGUSER (the superuser), DJ_PG_BASE.
eval "$(scripts/pgcluster.sh env)"
unset PGPASSWORD PGDATABASE PGSERVICE PGHOSTADDR
steps=$DJ_PG_BASE/$DB.steps # the one-time steps already done for this database

exists=$(psql -X -A -t -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")
if [ "$exists" != 1 ]; then
    say "creating database $DB"
    createdb -T template0 -E UTF8 --locale=C.UTF-8 "$DB"
    # A new database has none of the one-time steps, whatever an old marker says.
    rm -f "$steps"
fi
touch "$steps"

# The program reads this file: the socket folder, port and database.  Written on
# every run, since the checkout may have moved or DJ_DEMO_PORT changed.
mkdir -p "$(dirname "$CONF")"
cat >"$CONF" <<EOF
# Written by scripts/demo.sh on every run: the demo cluster of this checkout.
# Start the program with: build/dangjian --config var/demo.conf
connection = {
    host = "$PGHOST";
    port = "$PGPORT";
    dbname = "$DB";
    application_name = "dangjian-demo";
};
log_file = "$ROOT/var/dangjian.log";
EOF

dj() { "$BIN" --config "$CONF" "$@"; }
# One value from the demo database, as the superuser; psql variables carry the
# values (:'name'), never pasted into the SQL.
sql1() { psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
# Steps whose subcommand has not landed yet are skipped, and picked up by a later
# run once it has.  (The help text is read whole: grep -q closing a pipe early
# would fail the pipeline under pipefail.)
help_text=$("$BIN" --help 2>&1 || true)
has_subcommand() { grep -qE "$1" <<<"$help_text"; }

# The first organization of a clerk level (a 党支部 rather than a 党小组 for
# branch clerks; the city for the auditor); empty when there is none.
org_for_level() {
    local level=$1
    [ "$level" = auditor ] && level=city
    sql1 -v level="$level" <<'SQL' 2>/dev/null || true
SELECT min(o.code COLLATE "C")
  FROM app.org o JOIN code.org_kind k ON k.code = o.kind
 WHERE k.level = :'level' AND k.name <> '党小组' AND o.state = 'active';
SQL
}

# A clerk's login role: the name given to `user add`, or its database-prefixed
# form (role names are cluster-wide); empty when neither exists.
login_of() {
    sql1 -v name="$1" <<'SQL' 2>/dev/null || true
SELECT rolname FROM pg_roles
 WHERE rolname = :'name'
    OR rolname = (SELECT role_prefix FROM meta.install) || '_' || :'name'
 ORDER BY rolname = :'name' DESC LIMIT 1;
SQL
}

# Every run: the migrations are idempotent, and a newer checkout brings new ones.
say "migrating $DB"
dj db migrate

if grep -qx generate "$steps"; then
    :
elif has_subcommand '^[[:space:]]+generate([[:space:]]|$)'; then
    say "loading the demo data (dangjian generate --preset demo)"
    dj generate --preset demo
    echo generate >>"$steps"
else
    say "skipping the demo data: this build has no 'generate' subcommand yet"
fi

if grep -qx users "$steps"; then
    :
elif ! has_subcommand '^[[:space:]]+user([[:space:]]|$)'; then
    say "skipping the demo clerks: this build has no 'user add' subcommand yet"
elif ! grep -qx generate "$steps"; then
    say "skipping the demo clerks: they need the demo data's organizations first"
else
    say "creating the demo clerks (password: $DEMO_PASSWORD)"
    ok=1
    for row in "${DEMO_CLERKS[@]}"; do
        read -r name level admin <<<"$row"
        # A clerk made by an earlier, partly failed run is kept, not made twice.
        [ -n "$(login_of "$name")" ] && continue
        org=$(org_for_level "$level")
        if [ -z "$org" ]; then
            say "no organization of level $level in the demo data: $name not created"
            ok=0
            continue
        fi
        # The first-login password change is done here, as the clerk, so that
        # the UI opens on the menu and not on the forced change.
        printf '%s\n' "$DEMO_PASSWORD" | dj user add "$name" --org "$org" --level "$level" \
            ${admin:+--admin} --password-stdin || { ok=0; continue; }
        printf '%s\n' "$DEMO_PASSWORD" | PGUSER=$name PGPASSWORD=$DEMO_PASSWORD dj user passwd \
            --password-stdin >/dev/null || ok=0
    done
    if [ "$ok" = 1 ]; then
        echo users >>"$steps"
    else
        say "some clerks could not be created (see above); the next run tries again"
    fi
fi

# --- open the UI -------------------------------------------------------------
say "cluster socket $PGHOST, port $PGPORT, database $DB (config $CONF)"
read -r clerk _ <<<"${DEMO_CLERKS[0]}"
clerk=$(login_of "$clerk")
if [ -n "$clerk" ]; then
    login=(PGUSER="$clerk" PGPASSWORD="$DEMO_PASSWORD")
    say "signed in as the committee clerk $clerk; every demo clerk's password is $DEMO_PASSWORD"
else
    login=(PGUSER="$PGUSER")
    say "signed in as the database superuser $PGUSER (no demo clerks yet)"
fi
say "psql: ${login[*]} psql -h $PGHOST -p $PGPORT -d $DB    stop the cluster: make demo-stop"
if [ -t 0 ] && [ -t 1 ]; then
    exec env "${login[@]}" "$BIN" --config "$CONF"
fi
say "not a terminal, so the UI was not opened; to open it:"
echo "    ${login[*]} $BIN --config $CONF"
