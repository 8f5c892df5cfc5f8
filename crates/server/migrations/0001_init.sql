-- Tiến độ on PostgreSQL: what a data directory holds, in tables.
-- Document chunks under the storage contract's keys (`<doc>/<kind>/<hash>`). "C" collation: keys
-- order byte by byte, so a prefix is a range.
CREATE TABLE IF NOT EXISTS chunks (
    key   text COLLATE "C" PRIMARY KEY,
    bytes bytea NOT NULL
);

-- The accounts (access codes, devices and their token hashes): one JSON document, written
-- whole under a row lock, as accounts.json is in a data directory.
CREATE TABLE IF NOT EXISTS accounts (
    id   integer PRIMARY KEY CHECK (id = 1),
    json jsonb NOT NULL
);

-- When and how each batch of changes arrived (one row per batch).
CREATE TABLE IF NOT EXISTS arrivals (
    seq   bigserial PRIMARY KEY,
    doc   text NOT NULL,
    batch jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS arrivals_doc ON arrivals (doc, seq);

-- Small named blobs: the server's device key, the peers' sync states kept over a restart.
CREATE TABLE IF NOT EXISTS blobs (
    name  text PRIMARY KEY,
    bytes bytea NOT NULL
);
