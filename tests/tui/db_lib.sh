# Helpers for the UI tests that need a database (sourced after lib.sh by the
# member and organization screens' tests; not a test itself).
#
# The environment is scripts/check_db.sh's: PGHOST, PGPORT, PGUSER and
# PGPASSWORD of a superuser of a throwaway cluster.  Each test file makes its
# own scratch database (db_create) and clerks (clerk_add), and drops them and
# their cluster-wide roles when it ends.  Clerks are named after the database,
# so two test files (or two checks) never share one.

# db_create TAG PRESET: a migrated database holding `dangjian generate --preset
# PRESET`; its name is in $DB.  Returns non-zero (with a diagnostic) on failure.
db_create() {
    DB=dj_ui_$$_$1
    T_CLEANUP+=("db_drop $DB")
    createdb -T template0 -E UTF8 --locale=C.UTF-8 "$DB" || return 1
    PGDATABASE=$DB "$DJ_BIN" db migrate >"$T_DIR/migrate.out" 2>&1 ||
        { diag_file "$T_DIR/migrate.out"; return 1; }
    PGDATABASE=$DB "$DJ_BIN" generate --preset "$2" >"$T_DIR/generate.out" 2>&1 ||
        { diag_file "$T_DIR/generate.out"; return 1; }
}

# The database and every role named after it (clerks first, then the groups).
db_drop() {
    dropdb --if-exists --force "$1" 2>/dev/null
    psql -X -q -d postgres -v prefix="$1" >/dev/null 2>&1 <<'SQL'
SELECT set_config('dj.prefix', :'prefix', false);
DO $$DECLARE r text; BEGIN
  FOR r IN SELECT rolname FROM pg_roles
            WHERE rolname LIKE current_setting('dj.prefix') || '\_%'
            ORDER BY rolcanlogin DESC, rolname LOOP
    EXECUTE format('DROP ROLE %I', r);
  END LOOP; END$$;
SQL
}

# sql QUERY [psql -v NAME=VALUE ...]: one query on $DB as the superuser,
# unaligned, tuples only.
sql() {
    local q=$1
    shift
    psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$DB" "$@" <<<"$q"
}

# clerk_add NAME LEVEL ORG_CODE [keep]: the clerk ${DB}_NAME (NAME not a level:
# ${DB}_city is the city group) with password
# "pw-NAME-2024"; unless "keep", the first-login password change is done
# (with `dangjian user passwd`, as the clerk), so the UI opens on the menu.
clerk_add() {
    local login=${DB}_$1 pw=pw-$1-2024
    printf '%s\n' "$pw" | PGDATABASE=$DB "$DJ_BIN" user add "$login" --org "$3" --level "$2" \
        --password-stdin >"$T_DIR/user.out" 2>&1 || { diag_file "$T_DIR/user.out"; return 1; }
    [ "${4:-}" = keep ] && return 0
    printf '%s\n' "$pw" | PGDATABASE=$DB PGUSER=$login PGPASSWORD=$pw "$DJ_BIN" user passwd \
        --password-stdin >"$T_DIR/user.out" 2>&1 || { diag_file "$T_DIR/user.out"; return 1; }
}

# run_as NAME SCRIPT [ENV=VALUE...]: run_script as the clerk NAME of clerk_add.
run_as() {
    local who=$1 name=$2
    shift 2
    run_script "$name" PGDATABASE="$DB" PGUSER="${DB}_$who" PGPASSWORD="pw-$who-2024" "$@"
}

# The main pane of a saved screen: what follows the menu's border on each row.
pane() { sed -n 's/^[^│]*│//p' "$1"; }

# The first column of the list rows of a saved screen (the names), one a
# line: the rows between the header (姓名 ...) and the count line (共 ...).
list_names() {
    pane "$1" | awk '
        /^ *姓名 / { on = 1; next }
        on && (/^(共|第|倒数)/ || /^ *没有/) { exit }
        on && NF == 0 { exit }
        on { sub(/^> ?/, ""); print $1 }'
}
