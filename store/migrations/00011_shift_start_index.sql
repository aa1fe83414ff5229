-- +goose Up
-- Shifts by time across rosters (GET /shifts, the week before a roster,
-- the hours report) are read in this order, a page at a time.
CREATE INDEX shifts_start_idx ON shifts (start_at, agent_id, id);

-- +goose Down
DROP INDEX shifts_start_idx;
