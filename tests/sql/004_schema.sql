-- 004-007: the shape of schema app: tables, key columns, derived columns,
-- constraints the error funnel names, indexes the searches rely on, row-level
-- security on every table, nothing executable by PUBLIC.
BEGIN;
SELECT plan(84);

SELECT has_schema('app', 'schema app exists');

-- Every table of the registry.
SELECT has_table('app', t, 'table app.' || t || ' exists')
  FROM unnest(ARRAY['org', 'org_kind_rule', 'person', 'education', 'job', 'post', 'tech_title',
                    'standing', 'org_relation', 'dev_step', 'dev_contact', 'appraisal', 'reward',
                    'setting']) AS t;

-- Organizations.
SELECT columns_are('app', 'org', ARRAY[
    'id', 'code', 'path', 'path_key', 'parent_id', 'kind', 'category', 'name', 'full_name',
    'unit_name', 'unit_nature', 'unit_relation', 'founded_on', 'founding_doc', 'secretary',
    'contact', 'phone', 'state', 'dissolved_on', 'dissolved_reason', 'district_id', 'version',
    'updated_at', 'updated_by'], 'app.org has the organization columns');
SELECT col_type_is('app', 'org', 'path', 'ext', 'ltree', 'app.org.path is an ltree');
SELECT col_is_unique('app', 'org', 'code', 'organization codes are unique');
SELECT is((SELECT collation_name FROM information_schema.columns
            WHERE table_schema = 'app' AND table_name = 'org' AND column_name = 'path_key'),
          'C', 'app.org.path_key is C-collated, so btree ranges work');
SELECT is((SELECT amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             JOIN pg_am a ON a.oid = c.relam
            WHERE c.relname = 'org_path_gist'), 'gist'::name, 'app.org.path has a GiST index');
SELECT is((SELECT code FROM app.org WHERE parent_id IS NULL), '001', 'the city is 001, the root');

-- People.
SELECT has_column('app', 'person', c, 'app.person.' || c || ' exists')
  FROM unnest(ARRAY['name', 'sex', 'ethnicity', 'birth_date', 'id_number', 'native_place',
                    'education', 'joined_work_on', 'phone', 'address', 'person_category', 'stage',
                    'org_id', 'org_key', 'district_id', 'joined_party_on', 'became_full_on',
                    'history_reason', 'history_on', 'history_detail', 'in_transit',
                    'transit_to_org_id', 'version', 'updated_at', 'updated_by']) AS c;
SELECT col_not_null('app', 'person', 'name', 'a person has a name');
SELECT col_is_null('app', 'person', 'id_number', 'the ID number may be unknown (NULL)');
SELECT col_is_unique('app', 'person', 'id_number', 'a known ID number is unique');
SELECT is((SELECT collation_name FROM information_schema.columns
            WHERE table_schema = 'app' AND table_name = 'person' AND column_name = 'name'),
          'zh-x-icu', 'names sort in pinyin order by default');
SELECT has_index('app', 'person', 'person_name_prefix', 'a C-collated name index for prefix search');
SELECT hasnt_index('app', 'person', 'person_name_grams', 'no name-pieces index: person_search serves every search (sql/022)');
SELECT has_index('app', 'person', 'person_district_name', 'a (district, name) index for district pages');
SELECT has_index('app', 'person', 'person_org_key', 'an org_key index for subtree ranges');

-- Record sets: keyed by person, each with the row stamps.
SELECT has_column('app', t, c, 'app.' || t || '.' || c || ' exists')
  FROM unnest(ARRAY['education', 'job', 'post', 'tech_title', 'standing', 'org_relation',
                    'dev_step', 'appraisal', 'reward']) AS t,
       unnest(ARRAY['person_id', 'version']) AS c
 WHERE c = 'person_id' OR t IN ('education', 'org_relation', 'dev_step');
SELECT fk_ok('app', t, 'person_id', 'app', 'person', 'id')
  FROM unnest(ARRAY['education', 'job', 'post', 'standing', 'org_relation', 'dev_step',
                    'appraisal', 'reward']) AS t;

-- Every table of app: row-level security enabled and forced, with the owner's
-- policy; derived stamps on every table.
SELECT is(array_agg(c.relname ORDER BY c.relname), NULL,
          'every table of app has row-level security enabled and forced')
  FROM pg_class c
 WHERE c.relnamespace = 'app'::regnamespace AND c.relkind = 'r'
   AND NOT (c.relrowsecurity AND c.relforcerowsecurity);
SELECT is(array_agg(c.relname ORDER BY c.relname), NULL,
          'every table of app has the owner''s policy')
  FROM pg_class c
 WHERE c.relnamespace = 'app'::regnamespace AND c.relkind = 'r'
   AND NOT EXISTS (SELECT 1 FROM pg_policy p
                    WHERE p.polrelid = c.oid AND p.polname = 'owner_all'
                      AND p.polroles = ARRAY[(SELECT oid FROM pg_roles WHERE rolname = meta.role('owner'))]);
SELECT is(array_agg(c.relname ORDER BY c.relname), NULL,
          'every table of app except org_kind_rule carries version, updated_at, updated_by')
  FROM pg_class c
 WHERE c.relnamespace = 'app'::regnamespace AND c.relkind = 'r' AND c.relname <> 'org_kind_rule'
   AND (SELECT count(*) FROM pg_attribute a
         WHERE a.attrelid = c.oid AND a.attname IN ('version', 'updated_at', 'updated_by')
           AND NOT a.attisdropped) <> 3;
SELECT is(array_agg(c.relname ORDER BY c.relname), NULL,
          'every table with a version has the stamp trigger')
  FROM pg_class c
 WHERE c.relnamespace = 'app'::regnamespace AND c.relkind = 'r'
   AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'version')
   AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'b90_stamp');

-- Functions: none executable by PUBLIC; every SECURITY DEFINER one pins search_path.
SELECT is(array_agg(p.oid::regprocedure::text ORDER BY 1), NULL,
          'no function of app or meta is executable by PUBLIC')
  FROM pg_proc p
 WHERE p.pronamespace IN ('app'::regnamespace, 'meta'::regnamespace)
   AND has_function_privilege('public', p.oid, 'EXECUTE');
SELECT is(array_agg(p.oid::regprocedure::text ORDER BY 1), NULL,
          'every SECURITY DEFINER function of app pins search_path')
  FROM pg_proc p
 WHERE p.pronamespace = 'app'::regnamespace AND p.prosecdef
   AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) s WHERE s LIKE 'search_path=%');
SELECT ok(has_schema_privilege(meta.role('clerk'), 'app', 'USAGE'), 'clerks may use schema app');
SELECT ok(NOT has_schema_privilege(meta.role('clerk'), 'app', 'CREATE'), 'clerks may not create in app');

-- Clean text: every text column of app that a clerk types has both checks.
SELECT is(array_agg(c.relname || '.' || a.attname ORDER BY 1), NULL,
          'every free-text column has a <table>_<column>_length and _no_control check')
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relnamespace = 'app'::regnamespace AND c.relkind = 'r' AND a.attnum > 0
   AND NOT a.attisdropped AND a.atttypid = 'text'::regtype
   -- codes (foreign keys), derived keys, fixed vocabularies and the stamp
   AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                    WHERE k.conrelid = c.oid AND k.contype = 'f' AND a.attnum = ANY (k.conkey))
   AND a.attname NOT IN ('code', 'path_key', 'org_key', 'transit_to_key', 'id_number', 'state',
                         'updated_by', 'event', 'role', 'key', 'unit', 'kind', 'parent_kind')
   AND (NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid
                     AND k.conname = c.relname || '_' || a.attname || '_length')
        OR NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid
                        AND k.conname = c.relname || '_' || a.attname || '_no_control'));

-- Foreign keys to the code tables carry the default names the error funnel reads.
SELECT is(array_agg(k.conname ORDER BY 1), NULL,
          'every foreign key of app is named <table>_<column>_fkey')
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
 WHERE c.relnamespace = 'app'::regnamespace AND k.contype = 'f'
   AND k.conname <> c.relname || '_'
                    || (SELECT attname FROM pg_attribute WHERE attrelid = c.oid AND attnum = k.conkey[1])
                    || '_fkey';

SELECT * FROM finish();
ROLLBACK;
