-- The log takes the name the README's glossary gives it: activity_queue becomes event_log, and so do
-- its partitions (event_log_eYYYYMMDD), their keys, indexes and checks, the terms index and the function
-- that adds a partition (event_log_partition). A partition's name is what retention matches, so every
-- one is renamed, whichever weeks this database holds.
DO $$
DECLARE
    rel record;
    con record;
BEGIN
    FOR con IN
        SELECT c.conrelid::regclass AS tab, c.conname FROM pg_constraint c
        WHERE c.contype = 'c' AND c.conname LIKE 'activity\_queue%'
          AND c.connamespace = (SELECT relnamespace FROM pg_class WHERE oid = 'activity_queue'::regclass)
    LOOP
        EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', con.tab, con.conname, replace(con.conname, 'activity_queue', 'event_log'));
    END LOOP;

    -- Renaming a key's index renames the key.
    FOR rel IN
        SELECT c.relname, c.relkind FROM pg_class c
        WHERE c.relname LIKE 'activity\_queue%' AND c.relkind IN ('r', 'p', 'i', 'I')
          AND c.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = 'activity_queue'::regclass)
        ORDER BY c.relkind IN ('r', 'p')
    LOOP
        EXECUTE format(CASE WHEN rel.relkind IN ('r', 'p') THEN 'ALTER TABLE %I RENAME TO %I' ELSE 'ALTER INDEX %I RENAME TO %I' END,
            rel.relname, replace(rel.relname, 'activity_queue', 'event_log'));
    END LOOP;
END $$;

-- The functions that read the log name it in their bodies, which PostgreSQL keeps as text: each is
-- defined again from its current definition with the new name, so it keeps the body its last
-- migration gave it (sql/008, 011, 012, 015). activity_queue_partition comes back as event_log_partition.
DO $$
DECLARE
    f record;
BEGIN
    FOR f IN
        SELECT p.oid, p.proname, pg_get_function_identity_arguments(p.oid) AS args FROM pg_proc p
        WHERE p.prosrc LIKE '%activity\_queue%'
          AND p.pronamespace = (SELECT relnamespace FROM pg_class WHERE oid = 'event_log'::regclass)
    LOOP
        EXECUTE replace(pg_get_functiondef(f.oid), 'activity_queue', 'event_log');
        IF f.proname LIKE 'activity\_queue%' THEN
            EXECUTE format('DROP FUNCTION %I(%s)', f.proname, f.args);
        END IF;
    END LOOP;
END $$;

-- The one body that counted the old name's letters: a partition's week is the last 8 characters of its name.
CREATE OR REPLACE FUNCTION activity_log_weeks() RETURNS SETOF date LANGUAGE sql STABLE AS $$
    SELECT to_date(right(c.relname, 8), 'YYYYMMDD') FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'event_log'::regclass
$$;
