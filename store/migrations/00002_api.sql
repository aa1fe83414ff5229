-- +goose Up
-- Browser sessions: the cookie carries a random token, the table only its SHA-256.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Bearer tokens for integrations, stored as SHA-256.
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);

-- Secret calendar-feed tokens (32 random bytes, hex), one per agent, so the
-- agent can see the feed's address again; rotating replaces it.
CREATE TABLE calendar_tokens (
    agent_id   TEXT PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
    token      TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

-- Background jobs. A worker claims a job by setting locked_by and a lease;
-- it renews the lease while it runs. A job whose lease ran out is claimed
-- again (up to max_attempts) or failed. unique_key makes a periodic job's
-- run fire once however many processes schedule it.
CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL,
    payload      TEXT NOT NULL DEFAULT '{}',
    progress     TEXT NOT NULL DEFAULT '{}',
    result       TEXT NOT NULL DEFAULT '',
    error        TEXT NOT NULL DEFAULT '',
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 3,
    unique_key   TEXT UNIQUE,
    team_id      TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL DEFAULT '',
    run_at       TIMESTAMPTZ NOT NULL,
    locked_by    TEXT NOT NULL DEFAULT '',
    lease_until  TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL,
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX jobs_claim_idx ON jobs (status, run_at);

-- Every change to a roster: who, when, what, before and after (JSON).
CREATE TABLE audit_log (
    id         TEXT PRIMARY KEY,
    roster_id  TEXT NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    user_id    TEXT NOT NULL DEFAULT '',
    user_name  TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL DEFAULT '',
    before     TEXT NOT NULL DEFAULT '',
    after      TEXT NOT NULL DEFAULT '',
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_roster_idx ON audit_log (roster_id, at);

-- The shifts of a roster as they were at each version.
CREATE TABLE roster_versions (
    roster_id  TEXT NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    status     TEXT NOT NULL,
    shifts     TEXT NOT NULL,
    user_id    TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (roster_id, version)
);

-- Stored forecasts of a queue with the planners' adjustments.
CREATE TABLE forecasts (
    id          TEXT PRIMARY KEY,
    queue_id    TEXT NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
    model       TEXT NOT NULL,
    interval_s  INTEGER NOT NULL,
    start_at    TIMESTAMPTZ NOT NULL,
    end_at      TIMESTAMPTZ NOT NULL,
    backtest    TEXT NOT NULL DEFAULT '{}',
    points      TEXT NOT NULL,
    adjustments TEXT NOT NULL DEFAULT '[]',
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX forecasts_queue_idx ON forecasts (queue_id, created_at);

-- Swap requests between two agents.
CREATE TABLE swaps (
    id             TEXT PRIMARY KEY,
    shift_id       TEXT NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
    from_agent_id  TEXT NOT NULL REFERENCES agents(id),
    with_agent_id  TEXT NOT NULL REFERENCES agents(id),
    their_shift_id TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    decided_by     TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX swaps_from_idx ON swaps (from_agent_id);
CREATE INDEX swaps_with_idx ON swaps (with_agent_id);

-- An agent's availability and shift preferences (JSON documents).
CREATE TABLE agent_preferences (
    agent_id   TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    doc        TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (agent_id, kind)
);

-- Stored notifications (e.g. "next week's roster is unpublished"); key
-- makes a reminder for one team and period unique.
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    team_id    TEXT NOT NULL DEFAULT '',
    message    TEXT NOT NULL,
    key        TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE notifications;
DROP TABLE agent_preferences;
DROP TABLE swaps;
DROP TABLE forecasts;
DROP TABLE roster_versions;
DROP TABLE audit_log;
DROP TABLE jobs;
DROP TABLE calendar_tokens;
DROP TABLE api_tokens;
DROP TABLE sessions;
