-- Tenants and the durable event log.

-- Queries: by id (primary key); create checks the name ignoring case (tenants_name); every request
-- finds its tenant by the SHA-256 of its API key (tenants_key_hash).
CREATE TABLE tenants (
    id             text        PRIMARY KEY,
    name           text        NOT NULL,
    key_hash       bytea       NOT NULL,
    created_at     timestamptz NOT NULL,
    key_rotated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX tenants_name ON tenants (lower(name));
CREATE UNIQUE INDEX tenants_key_hash ON tenants (key_hash);

-- The last log sequence of each tenant. An append bumps it in the same statement that inserts the
-- events; the row lock it takes until commit makes a tenant's sequences commit in order, so a
-- reader at sequence N never sees an event below N appear later.
CREATE TABLE tenant_sequences (
    tenant_id text   PRIMARY KEY,
    last      bigint NOT NULL
);

-- Every accepted event, numbered per tenant.
-- Queries: the feed reads a tenant's events after its checkpoint, in order (primary key).
CREATE TABLE activity_queue (
    tenant_id       text        NOT NULL,
    seq             bigint      NOT NULL,
    id              uuid        NOT NULL,
    type            text        NOT NULL,
    actor_id        text        NOT NULL,
    item_id         text,
    item_owner_id   text,
    occurred_at     timestamptz NOT NULL,
    received_at     timestamptz NOT NULL,
    payload         jsonb,
    idempotency_key text,
    PRIMARY KEY (tenant_id, seq)
);

-- Idempotency keys of the last 24 hours: a repeat is acknowledged with the first event's id.
-- Queries: claim or look up by (tenant, key) (primary key); retention deletes by age
-- (idempotency_keys_created_at).
CREATE TABLE idempotency_keys (
    tenant_id       text        NOT NULL,
    idempotency_key text        NOT NULL,
    event_id        uuid        NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
