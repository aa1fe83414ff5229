-- +goose Up
-- The agent's last working day; no roster schedules them after it (nor
-- before hire_date).
ALTER TABLE agents ADD COLUMN leave_date DATE;

-- +goose Down
ALTER TABLE agents DROP COLUMN leave_date;
