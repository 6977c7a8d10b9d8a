-- When the log's terms index (sql/011) was last merged, for the whole cluster: every silo's merger ticks
-- (LogIndexMerger), and only a tick that finds no merge of any silo within the interval merges. Merging
-- costs less per event the more a merge gathers (its work grows with the terms it adds, not with the
-- events), and two silos that each merged on their own tick paid PostgreSQL 20.9 us per event for it in the
-- load script's two-silo run, against 2.4 us with one silo (12-15 us since).
-- Queries: the one row, read and updated by its key on each tick.
CREATE TABLE log_index_merges (
    only_row  boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
    merged_at timestamptz NOT NULL
);

INSERT INTO log_index_merges (merged_at) VALUES ('-infinity');
