-- 012: the audit log.  Every change to a table of schema app leaves a row in
-- audit.log, written by a trigger in the same transaction, so it commits or
-- rolls back with the change itself.
--
--   * audit.log(id, at, txid, clerk, action, table_name, row_key, org_key,
--     org_key_was, before, after, note).  at is now() (the transaction's time,
--     the same as the rows' updated_at); txid is txid_current(), shared by every
--     row of one workflow; clerk is session_user (the login role, also inside
--     SECURITY DEFINER workflows).  action: INSERT, UPDATE, DELETE (a changed
--     row, before/after the whole row as jsonb), NOTE (audit.note), LOAD
--     (audit.record_load).  org_key is the row's scope key (an organization's
--     path_key, see 004's header): reading is by subtree range on it, as on
--     app.person.org_key.  org_key_was is the key before an UPDATE that moved
--     the row to another subtree (NULL otherwise), so both sides see the move.
--     A row with no organization of its own (app.setting, app.org_kind_rule)
--     gets the root's key: only city-wide readers see it.
--   * audit.tg_log(): the AFTER ROW trigger, SECURITY DEFINER as {owner}.
--     meta.audit_table(tbl) attaches it as a90_audit (it fires after the a10/a20
--     triggers) and works out, from the table's columns, how a row finds its
--     scope key: its own org_key or path_key, else its person_id's org_key,
--     else its org_id's path_key, else its role_name's scopes (app.clerk).
--     EVERY table of schema app carries it, rule tables included (they change
--     only by migration, and then the log says so); tests/sql/012_audit.sql
--     fails when one does not.  Code tables (schema code) change only by
--     migration and are not audited.  A migration that adds a table to app
--     must call meta.audit_table for it.
--   * Append-only: no clerk has any privilege on audit.log but SELECT (auditors
--     and district or city clerks, and row-level security narrows that to
--     auditors and administrators within their scope); a statement trigger
--     refuses UPDATE, DELETE and TRUNCATE for everyone, the owner and the
--     superuser included.  (The superuser can still disable triggers: the
--     database cannot guard itself from its superuser.)
--   * audit.note(text[, org_id]): a workflow's remark (a warning the clerk
--     accepted, a reason) in the current transaction.  Without org_id it is
--     filed under the clerk's first scope; with org_id that organization must
--     be in the clerk's scope.
--   * audit.record_load(description, rows): one LOAD row for a bulk load.  A
--     bulk load runs as the superuser with the row triggers off (COPY under
--     `SET session_replication_role = replica`, deriving the derived columns
--     itself), so its rows are not logged one by one; this row names it.
--     Superuser only.

CREATE SCHEMA audit;
REVOKE ALL ON SCHEMA audit FROM PUBLIC;
SELECT meta.ddl('GRANT USAGE ON SCHEMA audit TO {clerk}');

CREATE TABLE audit.log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    txid        bigint NOT NULL DEFAULT txid_current(),
    clerk       text NOT NULL DEFAULT session_user,
    action      text NOT NULL,
    table_name  text,
    row_key     text,
    org_key     text COLLATE "C",
    org_key_was text COLLATE "C",
    before      jsonb,
    after       jsonb,
    note        text,
    CONSTRAINT log_action_known CHECK (action IN ('INSERT', 'UPDATE', 'DELETE', 'NOTE', 'LOAD')),
    CONSTRAINT log_row_has_table CHECK (action NOT IN ('INSERT', 'UPDATE', 'DELETE')
                                        OR (table_name IS NOT NULL AND row_key IS NOT NULL)),
    CONSTRAINT log_note_has_text CHECK (action NOT IN ('NOTE', 'LOAD') OR note IS NOT NULL)
);
SELECT meta.text_checks('audit.log', 'note', 2000, false, true);

CREATE INDEX log_org_key ON audit.log (org_key, id);
CREATE INDEX log_org_key_was ON audit.log (org_key_was) WHERE org_key_was IS NOT NULL;
CREATE INDEX log_txid ON audit.log (txid);
CREATE INDEX log_at ON audit.log (at);
CREATE INDEX log_row ON audit.log (table_name, row_key);
CREATE INDEX log_clerk ON audit.log (clerk, at);

-- ---------------------------------------------------------------------------
-- Append-only, for everyone.
CREATE FUNCTION audit.tg_append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RAISE EXCEPTION '审计日志只能追加，不能修改、删除或清空（%）', TG_OP
        USING ERRCODE = 'insufficient_privilege', SCHEMA = 'audit', TABLE = 'log',
              CONSTRAINT = 'log_append_only';
END
$$;

CREATE TRIGGER b10_append_only BEFORE UPDATE OR DELETE ON audit.log
    FOR EACH STATEMENT EXECUTE FUNCTION audit.tg_append_only();
CREATE TRIGGER b10_no_truncate BEFORE TRUNCATE ON audit.log
    FOR EACH STATEMENT EXECUTE FUNCTION audit.tg_append_only();

-- ---------------------------------------------------------------------------
-- The scope key of a row, by the method meta.audit_table chose.
CREATE FUNCTION audit.scope_key(method text, col text, r jsonb) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v   text := r ->> col;
    key text;
BEGIN
    IF method = 'self' THEN
        key := v;
    ELSIF method = 'person' THEN
        SELECT org_key INTO key FROM app.person WHERE id = v::bigint;
    ELSIF method = 'org' THEN
        SELECT path_key INTO key FROM app.org WHERE id = v::bigint;
    ELSIF method = 'clerk' THEN
        SELECT min(o.path_key) INTO key
          FROM app.clerk_scope s JOIN app.org o ON o.id = s.org_id
         WHERE s.role_name = v;
    END IF;
    RETURN coalesce(key, (SELECT path_key FROM app.org WHERE parent_id IS NULL));
END
$$;

-- TG_ARGV: the scope method, its column, then the primary key's columns.
CREATE FUNCTION audit.tg_log() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    old_j   jsonb;
    new_j   jsonb;
    row_j   jsonb;
    key     text := '';
    k_new   text;
    k_old   text;
    i       integer;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_j := to_jsonb(OLD);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_j := to_jsonb(NEW);
    END IF;
    IF TG_OP = 'UPDATE' AND new_j = old_j THEN
        RETURN NULL;
    END IF;
    row_j := coalesce(new_j, old_j);
    FOR i IN 2 .. TG_NARGS - 1 LOOP
        key := key || CASE WHEN i > 2 THEN ',' ELSE '' END || coalesce(row_j ->> TG_ARGV[i], '');
    END LOOP;

    IF new_j IS NOT NULL THEN
        k_new := audit.scope_key(TG_ARGV[0], TG_ARGV[1], new_j);
    END IF;
    IF old_j IS NOT NULL AND (new_j IS NULL OR TG_ARGV[0] <> 'person'
                              OR old_j -> TG_ARGV[1] IS DISTINCT FROM new_j -> TG_ARGV[1]) THEN
        k_old := audit.scope_key(TG_ARGV[0], TG_ARGV[1], old_j);
    END IF;

    INSERT INTO audit.log (at, txid, clerk, action, table_name, row_key, org_key, org_key_was,
                           before, after)
    VALUES (now(), txid_current(), session_user, TG_OP, TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME,
            key, coalesce(k_new, k_old),
            CASE WHEN k_new IS NOT NULL AND k_old IS DISTINCT FROM k_new THEN k_old END,
            old_j, new_j);
    RETURN NULL;
END
$$;

-- Attaches (or re-attaches) the audit trigger to tbl.  scope_method/scope_col
-- override the choice made from the columns (methods: self, person, org,
-- clerk, none).
CREATE FUNCTION meta.audit_table(tbl regclass, scope_method text DEFAULT NULL,
                                 scope_col name DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    has    text[];
    pk     text[];
    args   text := '';
    c      text;
BEGIN
    SELECT array_agg(attname::text) INTO has FROM pg_attribute
     WHERE attrelid = tbl AND attnum > 0 AND NOT attisdropped;
    IF scope_method IS NULL THEN
        SELECT m, col INTO scope_method, scope_col FROM (VALUES
            (1, 'self', 'org_key'), (2, 'self', 'path_key'), (3, 'person', 'person_id'),
            (4, 'org', 'org_id'), (5, 'clerk', 'role_name')) AS v(n, m, col)
         WHERE col = ANY (has) ORDER BY n LIMIT 1;
        scope_method := coalesce(scope_method, 'none');
    END IF;
    IF scope_method NOT IN ('self', 'person', 'org', 'clerk', 'none')
       OR (scope_method <> 'none' AND NOT scope_col = ANY (has)) THEN
        RAISE EXCEPTION 'meta.audit_table(%): no scope column % for method %', tbl, scope_col,
            scope_method;
    END IF;

    SELECT array_agg(a.attname::text ORDER BY k.n) INTO pk
      FROM pg_index i
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE i.indrelid = tbl AND i.indisprimary;
    IF pk IS NULL THEN
        RAISE EXCEPTION 'meta.audit_table(%): the table has no primary key', tbl;
    END IF;

    args := format('%L, %L', scope_method, coalesce(scope_col, ''));
    FOREACH c IN ARRAY pk LOOP
        args := args || format(', %L', c);
    END LOOP;
    EXECUTE format('DROP TRIGGER IF EXISTS a90_audit ON %s', tbl);
    EXECUTE format('CREATE TRIGGER a90_audit AFTER INSERT OR UPDATE OR DELETE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION audit.tg_log(%s)', tbl, args);
END
$$;

DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN SELECT c.oid FROM pg_class c
              WHERE c.relnamespace = 'app'::regnamespace AND c.relkind IN ('r', 'p')
              ORDER BY c.relname LOOP
        PERFORM meta.audit_table(t);
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------
-- Notes and loads.
CREATE FUNCTION audit.note(note text, org_id bigint DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    key text;
    su  boolean := (SELECT rolsuper FROM pg_roles WHERE rolname = session_user);
BEGIN
    IF org_id IS NOT NULL THEN
        IF su OR app.in_my_scope(org_id) THEN
            SELECT path_key INTO key FROM app.org WHERE id = org_id;
        END IF;
        IF key IS NULL THEN
            RAISE EXCEPTION '党组织不存在';
        END IF;
    ELSIF NOT su THEN
        key := app.my_scope_lo(1);
    END IF;
    INSERT INTO audit.log (clerk, action, org_key, note)
    VALUES (session_user, 'NOTE',
            coalesce(key, (SELECT path_key FROM app.org WHERE parent_id IS NULL)), note);
END
$$;

CREATE FUNCTION audit.record_load(description text, rows bigint) RETURNS void
    LANGUAGE sql
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO audit.log (clerk, action, org_key, after, note)
    VALUES (session_user, 'LOAD', (SELECT path_key FROM app.org WHERE parent_id IS NULL),
            jsonb_build_object('rows', rows), description)
$$;

-- ---------------------------------------------------------------------------
-- Reading.  Auditors within their scope; district and city clerks too, but
-- the policy lets only administrators among them see rows.  Nobody writes but
-- the trigger function, which runs as the owner.
ALTER TABLE audit.log ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
SELECT meta.ddl('GRANT SELECT ON audit.log TO {auditor}, {district}, {city}');
SELECT meta.ddl('CREATE POLICY owner_insert ON audit.log FOR INSERT TO {owner} WITH CHECK (true)');
SELECT meta.ddl($$
CREATE POLICY read_in_scope ON audit.log FOR SELECT TO {auditor}, {district}, {city}
USING (
    (SELECT app.my_level() = 'auditor' OR app.i_am_admin())
    AND (   (org_key >= (SELECT app.my_scope_lo(1)) AND org_key < (SELECT app.my_scope_hi(1)))
         OR (org_key >= (SELECT app.my_scope_lo(2)) AND org_key < (SELECT app.my_scope_hi(2)))
         OR (org_key >= (SELECT app.my_scope_lo(3)) AND org_key < (SELECT app.my_scope_hi(3)))
         OR (org_key >= (SELECT app.my_scope_lo(4)) AND org_key < (SELECT app.my_scope_hi(4)))
         OR (org_key_was >= (SELECT app.my_scope_lo(1)) AND org_key_was < (SELECT app.my_scope_hi(1)))
         OR (org_key_was >= (SELECT app.my_scope_lo(2)) AND org_key_was < (SELECT app.my_scope_hi(2)))
         OR (org_key_was >= (SELECT app.my_scope_lo(3)) AND org_key_was < (SELECT app.my_scope_hi(3)))
         OR (org_key_was >= (SELECT app.my_scope_lo(4)) AND org_key_was < (SELECT app.my_scope_hi(4)))))
$$);

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA audit, meta FROM PUBLIC;
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION audit.note(text, bigint) TO {clerk}');
