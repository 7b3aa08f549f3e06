-- 007: the configurable numbers of DOMAIN.md, one table, read by the rules
-- through app.setting_num / app.setting_interval / app.setting_text.
BEGIN;
SELECT plan(20);

-- Every number of DOMAIN.md, with its default.
SELECT is(
    ARRAY(SELECT key || '=' || coalesce(num_value::text, text_value) || ' ' || unit
            FROM app.setting
           WHERE key = ANY (ARRAY['dev.min_age', 'dev.talk_within', 'dev.applicant_wait',
                                  'dev.contacts_min', 'dev.contacts_max', 'dev.activist_min',
                                  'dev.sponsors', 'dev.training_days', 'dev.training_hours',
                                  'dev.approval_within', 'dev.approval_within_special', 'dev.probation',
                                  'dev.extension_min', 'dev.extension_max', 'dev.full_approval_within'])
           ORDER BY key),
    ARRAY['dev.activist_min=1 year', 'dev.applicant_wait=0 month', 'dev.approval_within=3 month',
          'dev.approval_within_special=6 month', 'dev.contacts_max=2 person', 'dev.contacts_min=1 person',
          'dev.extension_max=12 month', 'dev.extension_min=6 month', 'dev.full_approval_within=3 month',
          'dev.min_age=18 year', 'dev.probation=1 year', 'dev.sponsors=2 person', 'dev.talk_within=1 month',
          'dev.training_days=3 day', 'dev.training_hours=24 hour'],
    'the development numbers');
SELECT is(
    ARRAY(SELECT key || '=' || num_value || ' ' || unit FROM app.setting
           WHERE key LIKE 'org.%' OR key LIKE 'transfer.%' OR key LIKE 'election.term%'
              OR key IN ('election.shift_max', 'election.remind_first', 'election.remind_second')
           ORDER BY key),
    ARRAY['election.remind_first=6 month', 'election.remind_second=1 month', 'election.shift_max=1 year',
          'election.term_branch=3 year', 'election.term_committee=5 year', 'election.term_village=5 year',
          'org.branch_committee_at=7 person', 'org.branch_committee_limit=7 person',
          'org.branch_committee_max=5 person', 'org.branch_committee_min=3 person',
          'org.branch_max=50 person', 'org.branch_min=3 person', 'org.committee_members=100 person',
          'transfer.letter_days_city=10 day', 'transfer.letter_days_outside=30 day',
          'transfer.letter_max=3 month', 'transfer.receipt_within=1 month'],
    'the organization, transfer and election numbers');
SELECT is(
    ARRAY(SELECT key || '=' || coalesce(num_value::text, text_value) FROM app.setting
           WHERE key LIKE 'dues.%' OR key LIKE 'member.lapse%' ORDER BY key),
    ARRAY['dues.back_pay_max=6', 'dues.farmer_max=100', 'dues.farmer_min=20', 'dues.minimal=20',
          'dues.retired_band1_max=500000', 'dues.retired_band1_rate=0.5', 'dues.retired_top_rate=1.0',
          'dues.round_mode=half_up', 'dues.round_unit=1',
          'dues.work_band1_max=300000', 'dues.work_band1_rate=0.5', 'dues.work_band2_max=500000',
          'dues.work_band2_rate=1.0', 'dues.work_band3_max=1000000', 'dues.work_band3_rate=1.5',
          'dues.work_top_rate=2.0', 'member.lapse=6', 'member.lapse_warn=1'],
    'the dues bands (fen, percent), back pay, rounding and the lapse');
SELECT is((SELECT count(*) FROM app.setting WHERE description !~ '[一-龥]'), 0::bigint,
          'every setting is described in Chinese');

-- Reading them.
SELECT is(app.setting_num('dev.min_age'), 18::numeric, 'setting_num reads a number');
SELECT is(app.setting_interval('dev.probation'), interval '1 year', 'setting_interval reads a duration');
SELECT is(app.setting_interval('dev.training_hours'), interval '24 hours', 'hours are a duration too');
SELECT is((date '2024-02-29' + app.setting_interval('dev.probation'))::date, date '2025-02-28',
          'one year after 29 February is 28 February');
SELECT is((date '2024-01-31' + app.setting_interval('dev.talk_within'))::date, date '2024-02-29',
          'one month after 31 January 2024 is 29 February');
SELECT is(app.setting_text('dues.round_mode'), 'half_up', 'setting_text reads a word');
SELECT throws_ok($$SELECT app.setting_num('dev.no_such')$$, 'P0002', '缺少设置项 dev.no_such',
                 'a missing key is an error, not NULL');
SELECT throws_ok($$SELECT app.setting_interval('dev.sponsors')$$, '22000', '设置项 dev.sponsors 不是时间长度',
                 'a count is not a duration');
SELECT throws_ok($$SELECT app.setting_num('dues.round_mode')$$, '22000', '设置项 dues.round_mode 不是数值',
                 'a word is not a number');
SELECT throws_ok($$SELECT app.setting_text('dev.min_age')$$, '22000', '设置项 dev.min_age 不是文字',
                 'a number is not a word');

-- Changing them.
UPDATE app.setting SET num_value = 3 WHERE key = 'dev.applicant_wait';
SELECT is(app.setting_interval('dev.applicant_wait'), interval '3 months', 'a local rule changes by UPDATE');
SELECT is((SELECT version || ' ' || updated_by FROM app.setting WHERE key = 'dev.applicant_wait'),
          '2 ' || session_user, 'and the change is stamped');
SELECT throws_ok($$UPDATE app.setting SET num_value = -1 WHERE key = 'dev.min_age'$$, '23514', NULL,
                 'a negative value is refused');
SELECT throws_ok($$UPDATE app.setting SET num_value = NULL WHERE key = 'dev.min_age'$$, '23514', NULL,
                 'a number cannot be emptied');
SELECT throws_ok($$INSERT INTO app.setting (key, num_value, unit, description, source)
                   VALUES ('dev.x', 1, 'week', '测试', '测试')$$, '23514', NULL, 'an unknown unit is refused');
SELECT throws_ok($$INSERT INTO app.setting (key, num_value, unit, description, source)
                   VALUES ('Dev X', 1, 'day', '测试', '测试')$$, '23514', NULL, 'a malformed key is refused');

SELECT * FROM finish();
ROLLBACK;
