-- Scheduled reports (issue 10): each run of a report template and its file.
--
-- A scheduled slot has one row at most (report_runs_slot): inserting it is the claim that makes the
-- slot run once cluster-wide. A claim holds until lease_until and is renewed while the run goes on; a
-- run still 'running' after its lease passed lost its silo, and the next claimant takes it over (a new
-- claim token; finishing needs the token). Manual runs have no slot.
CREATE TABLE report_runs (
    id            uuid        PRIMARY KEY,
    tenant_id     text        NOT NULL,
    template_id   text        NOT NULL,
    template_name text        NOT NULL,
    slot          timestamptz,
    trigger       text        NOT NULL,
    status        text        NOT NULL,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    format        text        NOT NULL,
    claim         uuid        NOT NULL,
    lease_until   timestamptz NOT NULL,
    file_name     text,
    size          bigint,
    content       bytea,
    error         text,
    deliveries    jsonb       NOT NULL DEFAULT '[]'
);

-- The claim of a slot (ON CONFLICT target).
CREATE UNIQUE INDEX report_runs_slot ON report_runs (tenant_id, template_id, slot) WHERE slot IS NOT NULL;

-- A tenant's runs, newest first (GET /api/admin/reports/runs) and the statistics' counts.
CREATE INDEX report_runs_newest ON report_runs (tenant_id, started_at DESC);

-- Runs whose silo died: running with a past lease.
CREATE INDEX report_runs_running ON report_runs (tenant_id, lease_until) WHERE status = 'running';
