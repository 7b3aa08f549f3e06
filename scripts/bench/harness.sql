-- make bench: the timing harness, in schema bench of the benchmark database
-- (the superuser's; not a migration: no clerk database ever has it).
--   bench.run(item, variant, who, sql, runs): runs sql warm-up times and then
--   `runs` times, each timed inside the server with clock_timestamp() around
--   an EXECUTE that reads every row and every column (md5 of the rows as
--   text, so nothing can skip the work), and records p50/p95/mean in
--   bench.result.  $1 in sql is the run's number (1..runs+warm), for writes
--   that need a fresh person each time.  It runs as the caller: under SET
--   SESSION AUTHORIZATION a clerk's row-level security is in every figure.
CREATE SCHEMA IF NOT EXISTS bench;

CREATE TABLE IF NOT EXISTS bench.result (
    run_id  text NOT NULL,
    item    text NOT NULL,
    variant text NOT NULL,  -- ours | naive | ours_before
    who     text NOT NULL,
    p50     float8 NOT NULL,
    p95     float8 NOT NULL,
    mean    float8 NOT NULL,
    runs    integer NOT NULL,
    nrows   bigint NOT NULL,
    sql     text NOT NULL,
    at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS bench.param (name text PRIMARY KEY, value text);
CREATE TABLE IF NOT EXISTS bench.build (singleton boolean PRIMARY KEY DEFAULT true, fingerprint text,
                                         seconds float8, built_at timestamptz, naive_built_at timestamptz);
-- Members each workflow client uses: k = client * 100000 + i.
CREATE TABLE IF NOT EXISTS bench.pool (k integer PRIMARY KEY, person_id bigint NOT NULL);
CREATE TABLE IF NOT EXISTS bench.devpool (k bigint PRIMARY KEY, person_id bigint NOT NULL);
CREATE SEQUENCE IF NOT EXISTS bench.devseq;
CREATE TABLE IF NOT EXISTS bench.words (k integer PRIMARY KEY, q text NOT NULL);
CREATE TABLE IF NOT EXISTS bench.saves (client integer, person_id bigint, version integer, value text,
                                        outcome text, message text,
                                        at timestamptz DEFAULT clock_timestamp());

CREATE OR REPLACE FUNCTION bench.record(run_id text, item text, variant text, who text, d float8[],
                                        nrows bigint, sql text) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO bench.result (run_id, item, variant, who, p50, p95, mean, runs, nrows, sql)
    SELECT run_id, item, variant, who,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_cont(0.95) WITHIN GROUP (ORDER BY x),
           avg(x), count(*), nrows, sql
      FROM unnest(d) AS x
$$;

DROP FUNCTION IF EXISTS bench.run(text, text, text, integer, integer, boolean);
CREATE FUNCTION bench.run(item text, variant text, sql text, runs integer,
                          warm integer DEFAULT 3, raw boolean DEFAULT false)
    RETURNS text
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    t  timestamptz;
    d  float8[] := '{}';
    c  bigint;
    h  text;
    ms float8;
BEGIN
    FOR i IN 1 .. warm + runs LOOP
        t := clock_timestamp();
        IF raw THEN
            -- A write: the statement as it is (a data-modifying statement
            -- cannot be a subquery); c is the rows it changed.
            EXECUTE sql USING i;
            GET DIAGNOSTICS c = ROW_COUNT;
        ELSE
            EXECUTE 'SELECT count(*), md5(string_agg(q::text, ''|'')) FROM (' || sql || ') AS q'
               INTO c, h USING i;
        END IF;
        ms := extract(epoch FROM clock_timestamp() - t) * 1000;
        IF i > warm THEN
            d := d || ms;
        END IF;
        -- A slow naive query: 15 timed runs are enough to tell seconds apart.
        IF i = warm + 1 AND ms > 400 AND runs > 15 THEN
            runs := 15;
        END IF;
        EXIT WHEN i >= warm + runs;
    END LOOP;
    PERFORM bench.record(current_setting('bench.run_id'), item, variant, session_user::text, d, c, sql);
    RETURN format('%s %s %s: p50 %s p95 %s ms, %s rows', item, variant, session_user,
                  round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(d) x)::numeric, 2),
                  round((SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY x) FROM unnest(d) x)::numeric, 2), c);
END
$$;

-- A record save as the losing clerk sees it: the refusal's message is kept.
CREATE OR REPLACE FUNCTION bench.saved(client integer, person bigint, version integer, value text,
                                       outcome text, message text) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO bench.saves (client, person_id, version, value, outcome, message)
    VALUES (client, person, version, value, outcome, message)
$$;

GRANT USAGE ON SCHEMA bench TO PUBLIC;
GRANT SELECT ON bench.pool, bench.devpool, bench.words, bench.param TO PUBLIC;
GRANT USAGE, SELECT, UPDATE ON SEQUENCE bench.devseq TO PUBLIC;
GRANT EXECUTE ON FUNCTION bench.run(text, text, text, integer, integer, boolean), bench.record(text, text, text, text, float8[], bigint, text), bench.saved(integer, bigint, integer, text, text, text) TO PUBLIC;

-- The collision run's save, as the clerk (row-level security and grants
-- apply): the version the clerk read, the project's save; a refusal because
-- someone saved first is what the losing clerk is told, kept with its message.
-- Uses app.person_update (issue 6) when it is there, else the UPDATE with the
-- version check that it stands for.
CREATE OR REPLACE FUNCTION bench.try_save(client integer, person bigint, version integer)
    RETURNS text
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    val text := format('c%s-%s', client, (random() * 1e9)::bigint);
    nv  integer;
    msg text;
BEGIN
    IF to_regprocedure('app.person_update(bigint,integer,jsonb)') IS NOT NULL THEN
        BEGIN
            EXECUTE 'SELECT app.person_update($1, $2, jsonb_build_object(''address'', $3))'
              USING person, version, val;
        EXCEPTION WHEN SQLSTATE 'DJ001' THEN
            GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
            PERFORM bench.saved(client, person, version, val, 'conflict', msg);
            RETURN msg;
        END;
    ELSE
        UPDATE app.person p SET address = val WHERE p.id = person AND p.version = try_save.version;
        IF NOT FOUND THEN
            msg := '这条记录已被其他用户修改，请重新打开后再保存（UPDATE 按版本号未命中）';
            PERFORM bench.saved(client, person, version, val, 'conflict', msg);
            RETURN msg;
        END IF;
    END IF;
    SELECT p.version INTO nv FROM app.person p WHERE p.id = person;
    PERFORM bench.saved(client, person, nv, val, 'saved', NULL);
    RETURN 'saved';
END
$$;

-- The naive design's save: no version check.  lost: the row had been saved
-- by someone else since this clerk read it, and this save overwrote it.
CREATE OR REPLACE FUNCTION bench.naive_save(client integer, person bigint, version integer)
    RETURNS text
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    val text := format('c%s-%s', client, (random() * 1e9)::bigint);
    nv  integer;
BEGIN
    UPDATE naive.person p SET phone = val, version = p.version + 1 WHERE p.id = person
    RETURNING p.version INTO nv;
    PERFORM bench.saved(client, person, nv, val,
                        CASE WHEN nv - 1 = version THEN 'naive_saved' ELSE 'naive_lost' END, NULL);
    RETURN 'saved';
END
$$;

CREATE TABLE IF NOT EXISTS bench.pgbench (
    run_id text, name text, clients integer, seconds integer, tps float8, p50 float8, p95 float8,
    txns bigint, failed bigint, aborted text, per_script text, load text);

GRANT EXECUTE ON FUNCTION bench.try_save(integer, bigint, integer) TO PUBLIC;
