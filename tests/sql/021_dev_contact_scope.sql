-- 培养联系人 / 入党介绍人 by id (sql/021_dev_contact_scope.sql): a branch clerk
-- who names a member outside their branch gets the same refusal as for an id
-- that exists nowhere, so the foreign key cannot tell them who is registered
-- elsewhere; a member of their own branch is accepted, and the superuser may
-- name anyone.
BEGIN;
SELECT plan(7);

CREATE FUNCTION pg_temp.org_id(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.org WHERE name = n
$$;
CREATE FUNCTION pg_temp.p(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.person WHERE name = n
$$;
-- The SQLSTATE and the message, with the id in it replaced by #.
CREATE FUNCTION pg_temp.outcome(stmt text, id bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    st text;
    msg text;
BEGIN
    EXECUTE stmt;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    RETURN st || ' ' || replace(msg, id::text, '#');
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.outcome(text, bigint), pg_temp.p(text) TO PUBLIC;

DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES (1, '上海市委', '2', 'DC区'), (2, 'DC区', '4', 'DC1党委'),
                                   (3, 'DC1党委', '6', 'DC11支部'), (4, 'DC1党委', '6', 'DC12支部'))
                        AS v(o, p, k, n) ORDER BY o LOOP
        INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.org_id(r.p), r.k, r.n);
    END LOOP;
END
$$;
INSERT INTO app.person (name, sex, stage, org_id) VALUES
    ('DC甲', '1', '1', pg_temp.org_id('DC11支部')), ('DC乙', '1', '3', pg_temp.org_id('DC11支部')),
    ('DC丙', '1', '3', pg_temp.org_id('DC12支部'));
SELECT max(id) + 1000 AS nobody FROM app.person \gset
SELECT pg_temp.p('DC丙') AS foreign_p \gset

SELECT meta.role('t_dc_branch') AS r_branch \gset
SELECT meta.ddl('CREATE ROLE {t_dc_branch}');
SELECT meta.ddl('GRANT {clerk}, {branch} TO {t_dc_branch}');
INSERT INTO app.clerk (role_name, level, must_change_password) VALUES (:'r_branch', 'branch', false);
INSERT INTO app.clerk_scope (role_name, org_id) VALUES (:'r_branch', pg_temp.org_id('DC11支部'));

CREATE TEMP TABLE got (k text PRIMARY KEY, v text);
GRANT ALL ON got TO PUBLIC;
SET SESSION AUTHORIZATION :'r_branch';
INSERT INTO got VALUES
    ('foreign', pg_temp.outcome(format($$INSERT INTO app.dev_contact (person_id, role, member_id, member_name)
                                         VALUES (%s, 'sponsor', %s, '介绍人')$$, pg_temp.p('DC甲'), :foreign_p),
                                :foreign_p)),
    ('nobody', pg_temp.outcome(format($$INSERT INTO app.dev_contact (person_id, role, member_id, member_name)
                                        VALUES (%s, 'sponsor', %s, '介绍人')$$, pg_temp.p('DC甲'), :nobody),
                               :nobody)),
    ('own', pg_temp.outcome(format($$INSERT INTO app.dev_contact (person_id, role, member_id, member_name)
                                     VALUES (%s, 'contact', %s, 'DC乙')$$, pg_temp.p('DC甲'), pg_temp.p('DC乙')),
                            0));
INSERT INTO got VALUES
    ('update_foreign', pg_temp.outcome(format($$UPDATE app.dev_contact SET member_id = %s WHERE member_name = 'DC乙'$$,
                                              :foreign_p), :foreign_p)),
    ('update_nobody', pg_temp.outcome(format($$UPDATE app.dev_contact SET member_id = %s WHERE member_name = 'DC乙'$$,
                                             :nobody), :nobody)),
    ('update_other', pg_temp.outcome($$UPDATE app.dev_contact SET from_date = '2024-01-01' WHERE member_name = 'DC乙'$$, 0));
RESET SESSION AUTHORIZATION;

SELECT alike((SELECT v FROM got WHERE k = 'foreign'), 'P0001 找不到人员编号为 # 的党员%',
            'a member outside the branch is refused as not found');
SELECT is((SELECT v FROM got WHERE k = 'nobody'), (SELECT v FROM got WHERE k = 'foreign'),
          'an id that exists nowhere gets exactly the same answer');
SELECT is((SELECT v FROM got WHERE k = 'own'), 'ok', 'a member of the branch is accepted');
SELECT is((SELECT v FROM got WHERE k = 'update_foreign'), (SELECT v FROM got WHERE k = 'foreign'),
          'changing the member to one outside the branch: the same refusal');
SELECT is((SELECT v FROM got WHERE k = 'update_nobody'), (SELECT v FROM got WHERE k = 'foreign'),
          'changing the member to an id that exists nowhere: the same refusal');
SELECT is((SELECT v FROM got WHERE k = 'update_other'), 'ok', 'other columns still change');
SELECT is(pg_temp.outcome(format($$INSERT INTO app.dev_contact (person_id, role, member_id, member_name)
                                   VALUES (%s, 'sponsor', %s, 'DC丙')$$, pg_temp.p('DC甲'), :foreign_p), 0),
          'ok', 'the superuser may name a member anywhere');

SELECT * FROM finish();
ROLLBACK;
