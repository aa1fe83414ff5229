-- +goose Up
-- A shift that leaves an agent's published shifts (a re-solve removed it,
-- or it went to another agent) stays in the agent's calendar feed a while
-- as cancelled, so calendars that imported it drop it. A row tells of the
-- shift as it was: its site (whose zone and names the event gives), its
-- template, queue and times, the version it was last published at. The
-- store deletes rows of shifts long over.
CREATE TABLE removed_shifts (
    shift_id    TEXT NOT NULL,
    agent_id    TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    site_id     TEXT NOT NULL,
    template_id TEXT NOT NULL DEFAULT '',
    queue_id    TEXT NOT NULL DEFAULT '',
    start_at    TIMESTAMPTZ NOT NULL,
    end_at      TIMESTAMPTZ NOT NULL,
    version     INTEGER NOT NULL,
    removed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (shift_id, agent_id)
);
CREATE INDEX removed_shifts_agent_idx ON removed_shifts (agent_id, start_at);

-- The calendar feed stamps approved time off with its last change.
ALTER TABLE time_off ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE time_off SET updated_at = created_at;

-- +goose Down
ALTER TABLE time_off DROP COLUMN updated_at;
DROP TABLE removed_shifts;
