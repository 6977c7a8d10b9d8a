-- Milestone rules per tenant (derived events its users' dashboards emit); no row means all off.
-- Queries: by tenant (primary key), read by every silo's rules cache.
CREATE TABLE tenant_milestones (
    tenant_id  text        PRIMARY KEY REFERENCES tenants (id),
    rules      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL
);
