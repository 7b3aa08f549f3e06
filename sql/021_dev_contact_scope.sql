-- 021: app.dev_contact.member_id names a member (培养联系人, 入党介绍人) by id.
-- Its foreign key is checked by the server without row-level security, so a
-- clerk could tell an id that exists outside their scope (the row is saved)
-- from one that exists nowhere (23503): a probe of who is registered where.
-- A BEFORE trigger that runs as the clerk (SECURITY INVOKER, so the policies
-- decide what it sees) refuses both alike, before the foreign key is reached.
-- The superuser and the city level see every person, as they may.
CREATE FUNCTION app.tg_dev_contact_member_visible() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NEW.member_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM app.person p WHERE p.id = NEW.member_id) THEN
        RAISE EXCEPTION '找不到人员编号为 % 的党员：培养联系人和入党介绍人须从您管理范围内的党员中选择',
                        NEW.member_id
              USING ERRCODE = 'P0001', COLUMN = 'member_id', TABLE = 'dev_contact';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER b15_member_visible BEFORE INSERT ON app.dev_contact
    FOR EACH ROW WHEN (NEW.member_id IS NOT NULL)
    EXECUTE FUNCTION app.tg_dev_contact_member_visible();
CREATE TRIGGER b15_member_visible_upd BEFORE UPDATE OF member_id ON app.dev_contact
    FOR EACH ROW WHEN (NEW.member_id IS NOT NULL AND NEW.member_id IS DISTINCT FROM OLD.member_id)
    EXECUTE FUNCTION app.tg_dev_contact_member_visible();

REVOKE ALL ON FUNCTION app.tg_dev_contact_member_visible() FROM PUBLIC;
