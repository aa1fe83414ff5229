-- +goose Up
-- An agent's paid vacation days a year, in working days (0: not kept).
-- Past contracts and changes ahead keep theirs in their contract JSON.
ALTER TABLE agents ADD COLUMN vacation_days DOUBLE PRECISION NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE agents DROP COLUMN vacation_days;
