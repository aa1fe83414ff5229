-- +goose Up
-- Contract changes entered ahead of the day they start (a raise from
-- 1 January entered in December): the agent's contract and hourly rate
-- from "starts" (a date in the site's zone) on. On that day the change
-- becomes the agent's contract, the one before it a past contract
-- (agent_contracts); until then rosters of later periods and pay of
-- later days read it from here.
CREATE TABLE agent_contract_changes (
    agent_id    TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    starts      DATE NOT NULL,
    contract    TEXT NOT NULL,
    hourly_rate DOUBLE PRECISION NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (agent_id, starts)
);

-- +goose Down
DROP TABLE agent_contract_changes;
