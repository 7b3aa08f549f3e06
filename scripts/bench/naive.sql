-- make bench: the same data in the naive design the peers use, for the side
-- by side: organizations as parent links only (subtrees by a recursive CTE),
-- people without org_key, district or search columns, names in the
-- database's default collation (C.UTF-8, code-point order), no row-level
-- security, and the plain indexes such a design has.  name_initials is
-- copied so that an initials search has something to ask (ILIKE 'zw%').
DROP SCHEMA IF EXISTS naive CASCADE;
CREATE SCHEMA naive;
CREATE TABLE naive.org AS
SELECT id, parent_id, code::text AS code, name, kind FROM app.org;
CREATE TABLE naive.person AS
SELECT id, name COLLATE "default" AS name, name_initials COLLATE "default" AS name_initials, sex,
       birth_date, id_number COLLATE "default" AS id_number, education, stage, org_id,
       history_reason, phone, person_category, joined_party_on, became_full_on, version
  FROM app.person;
ALTER TABLE naive.org ADD PRIMARY KEY (id);
ALTER TABLE naive.person ADD PRIMARY KEY (id);
CREATE INDEX ON naive.org (parent_id);
CREATE INDEX ON naive.person (org_id);
CREATE INDEX ON naive.person (name, id);
CREATE INDEX ON naive.person (id_number);
ANALYZE naive.org, naive.person;
