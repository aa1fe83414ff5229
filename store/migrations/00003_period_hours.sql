-- +goose Up
-- Paid hours a contract requires and allows over a whole roster period;
-- 0 means no bound.
ALTER TABLE agents ADD COLUMN period_min_hours DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN period_max_hours DOUBLE PRECISION NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE agents DROP COLUMN period_max_hours;
ALTER TABLE agents DROP COLUMN period_min_hours;
