-- +goose Up
-- The contracts and hourly rates an agent had before the current ones
-- (kept in agents): each held until the day "until" (a date in the
-- site's zone, the first day of the next), so that pay of earlier days
-- keeps them. The contract is the agent's contract as JSON.
CREATE TABLE agent_contracts (
    id          TEXT PRIMARY KEY,
    agent_id    TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    until       DATE NOT NULL,
    contract    TEXT NOT NULL,
    hourly_rate DOUBLE PRECISION NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX agent_contracts_agent_until_idx ON agent_contracts (agent_id, until);

-- +goose Down
DROP TABLE agent_contracts;
