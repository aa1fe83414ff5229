-- +goose Up
-- A login that was switched off (the person left): it cannot log in, and
-- its sessions, API tokens and calendar feed stop working. Its past
-- actions stay attributed to it.
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE users DROP COLUMN disabled_at;
