-- +goose Up
-- A queue's cap on abandonment (a fraction of offered contacts, 0 = no
-- cap) and, for chat, how much each further concurrent chat lengthens
-- every chat's handle time (a fraction of the handle time, 0 = none).
-- Queues stored before have neither: 0.
ALTER TABLE queues ADD COLUMN max_abandon DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN concurrency_growth DOUBLE PRECISION NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE queues DROP COLUMN concurrency_growth;
ALTER TABLE queues DROP COLUMN max_abandon;
