-- +goose Up
-- A swap is a record of what two agents and a lead decided: it stays when
-- a re-solve replaces the roster's shifts. shift_id no longer refers to
-- shifts (nor did their_shift_id): it names the shift as it was, which the
-- roster's versions and audit log still hold. Both dialects rebuild the
-- table, since SQLite cannot drop a foreign key.
CREATE TABLE swaps_next (
    id                  TEXT PRIMARY KEY,
    shift_id            TEXT NOT NULL,
    from_agent_id       TEXT NOT NULL REFERENCES agents(id),
    with_agent_id       TEXT NOT NULL REFERENCES agents(id),
    their_shift_id      TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL,
    decided_by          TEXT NOT NULL DEFAULT '',
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    shift_version       INTEGER NOT NULL DEFAULT 0,
    their_shift_version INTEGER NOT NULL DEFAULT 0
);
INSERT INTO swaps_next (id, shift_id, from_agent_id, with_agent_id, their_shift_id, status, decided_by, created_at, updated_at,
    shift_version, their_shift_version)
SELECT id, shift_id, from_agent_id, with_agent_id, their_shift_id, status, decided_by, created_at, updated_at,
    shift_version, their_shift_version FROM swaps;
DROP TABLE swaps;
ALTER TABLE swaps_next RENAME TO swaps;
CREATE INDEX swaps_from_idx ON swaps (from_agent_id);
CREATE INDEX swaps_with_idx ON swaps (with_agent_id);
CREATE INDEX swaps_shift_idx ON swaps (shift_id);

-- +goose Down
-- The foreign key comes back; swaps whose shift a re-solve replaced
-- cannot keep it and are deleted, as the cascade did before.
CREATE TABLE swaps_prev (
    id                  TEXT PRIMARY KEY,
    shift_id            TEXT NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
    from_agent_id       TEXT NOT NULL REFERENCES agents(id),
    with_agent_id       TEXT NOT NULL REFERENCES agents(id),
    their_shift_id      TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL,
    decided_by          TEXT NOT NULL DEFAULT '',
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    shift_version       INTEGER NOT NULL DEFAULT 0,
    their_shift_version INTEGER NOT NULL DEFAULT 0
);
INSERT INTO swaps_prev (id, shift_id, from_agent_id, with_agent_id, their_shift_id, status, decided_by, created_at, updated_at,
    shift_version, their_shift_version)
SELECT id, shift_id, from_agent_id, with_agent_id, their_shift_id, status, decided_by, created_at, updated_at,
    shift_version, their_shift_version FROM swaps WHERE shift_id IN (SELECT id FROM shifts);
DROP TABLE swaps;
ALTER TABLE swaps_prev RENAME TO swaps;
CREATE INDEX swaps_from_idx ON swaps (from_agent_id);
CREATE INDEX swaps_with_idx ON swaps (with_agent_id);
