-- The grain runtime's durable parts: grain state and reminders.

-- One row per (grain type, key, state name). `version` is the ETag: a write names the version it
-- read and lands only if it is still the stored one. A clear keeps the row (payload NULL, version
-- bumped) so that an old ETag can never match again.
-- Queries: read/write/clear by the full primary key (the primary key index serves them).
CREATE TABLE grain_state (
    grain_type text        NOT NULL,
    grain_key  text        NOT NULL,
    state_name text        NOT NULL,
    version    bigint      NOT NULL,
    payload    jsonb,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key, state_name)
);

-- Reminder versions come from a sequence, so a reminder removed and registered again never reuses
-- an ETag that a stale handle might still hold.
CREATE SEQUENCE reminder_versions;

-- Durable reminders. Ticks fall on start_at + k * period.
-- Queries: all rows at silo start (a full read); one grain's rows and one reminder by primary key
-- prefix / full primary key (the primary key index serves them).
CREATE TABLE reminders (
    grain_type    text        NOT NULL,
    grain_key     text        NOT NULL,
    reminder_name text        NOT NULL,
    start_at      timestamptz NOT NULL,
    period        interval    NOT NULL CHECK (period >= interval '1 second'),
    version       bigint      NOT NULL,
    PRIMARY KEY (grain_type, grain_key, reminder_name)
);
