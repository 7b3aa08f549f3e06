#!/usr/bin/env bash
# The build's table of migrations follows the sql/ folder: a migration added,
# changed or removed regenerates build/gen/migrations.c (make tracks the list of
# files, not only their times).  Runs make on a copy of the Makefile, the
# embedding script and sql/, in a scratch folder, building only that one file.
. "$(dirname "$0")/lib.sh"

plan 4

W=$T_DIR/repo
mkdir -p "$W/scripts" "$W/sql"
cp "$DJ_ROOT/Makefile" "$W/"
cp "$DJ_ROOT/scripts/embed_sql.sh" "$W/scripts/"
cp "$DJ_ROOT"/sql/[0-9][0-9][0-9]_*.sql "$W/sql/"
gen() { make -s -C "$W" BUILD=b b/gen/migrations.c >"$T_DIR/make.out" 2>&1; }
names() { grep -oE '^    \{"[0-9]{3}_[a-z0-9_]+",' "$W/b/gen/migrations.c" | tr -d ' {",'; }

gen && [ "$(names | wc -l)" -eq "$(ls "$W"/sql/*.sql | wc -l)" ]
ok $? "the table lists every migration file" || diag_file "$T_DIR/make.out"

printf 'SELECT 1;\n' >"$W/sql/999_added.sql"
gen && names | grep -qx 999_added
ok $? "an added migration is in the table after make"

# Removing a file leaves every remaining prerequisite older than the table:
# only the list of files shows the change.
rm "$W/sql/999_added.sql"
gen && ! names | grep -qx 999_added
ok $? "a removed migration leaves the table after make" || diag "$(names | tail -3)"

last=$(ls "$W"/sql/*.sql | tail -1)
touch -d '2000-01-01' "$W/sql/"*.sql
mv "$last" "$W/sql/998_renamed.sql"
gen && names | grep -qx 998_renamed && ! names | grep -qx "$(basename "$last" .sql)"
ok $? "a renamed (older) migration is renamed in the table"
