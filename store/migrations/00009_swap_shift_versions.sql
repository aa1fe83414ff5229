-- +goose Up
-- The versions of a swap's shifts when it was proposed: a shift changed
-- since (times, breaks, queue, agent or status) makes the swap offer
-- something else than what the colleague and the lead are asked about.
-- 0 for swaps proposed before they were recorded: not compared.
ALTER TABLE swaps ADD COLUMN shift_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE swaps ADD COLUMN their_shift_version INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE swaps DROP COLUMN their_shift_version;
ALTER TABLE swaps DROP COLUMN shift_version;
