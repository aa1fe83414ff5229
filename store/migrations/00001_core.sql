-- +goose Up
CREATE TABLE organisations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE sites (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    name            TEXT NOT NULL,
    time_zone       TEXT NOT NULL,
    holiday_region  TEXT NOT NULL DEFAULT '',
    pay_rules       TEXT NOT NULL DEFAULT '{}',
    labour_rules    TEXT NOT NULL DEFAULT '{}',
    created_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE teams (
    id         TEXT PRIMARY KEY,
    site_id    TEXT NOT NULL REFERENCES sites(id),
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (site_id, name)
);

CREATE TABLE skills (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE agents (
    id                TEXT PRIMARY KEY,
    team_id           TEXT NOT NULL REFERENCES teams(id),
    employee_no       TEXT NOT NULL DEFAULT '',
    first_name        TEXT NOT NULL,
    last_name         TEXT NOT NULL,
    email             TEXT NOT NULL DEFAULT '',
    contract_kind     TEXT NOT NULL,
    weekly_hours      DOUBLE PRECISION NOT NULL,
    weekly_min_hours  DOUBLE PRECISION NOT NULL DEFAULT 0,
    weekly_max_hours  DOUBLE PRECISION NOT NULL DEFAULT 0,
    max_days_per_week INTEGER NOT NULL DEFAULT 0,
    fixed_days_off    TEXT NOT NULL DEFAULT '[]',
    hourly_rate       DOUBLE PRECISION NOT NULL DEFAULT 0,
    hire_date         DATE,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX agents_team_idx ON agents (team_id);

CREATE TABLE agent_skills (
    agent_id   TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    skill_code TEXT NOT NULL REFERENCES skills(code),
    PRIMARY KEY (agent_id, skill_code)
);

CREATE TABLE queues (
    id               TEXT PRIMARY KEY,
    site_id          TEXT NOT NULL REFERENCES sites(id),
    name             TEXT NOT NULL,
    channel          TEXT NOT NULL,
    required_skills  TEXT NOT NULL DEFAULT '[]',
    service_level    DOUBLE PRECISION NOT NULL DEFAULT 0,
    answer_within_s  INTEGER NOT NULL DEFAULT 0,
    asa_s            INTEGER NOT NULL DEFAULT 0,
    max_occupancy    DOUBLE PRECISION NOT NULL DEFAULT 0,
    response_within_s INTEGER NOT NULL DEFAULT 0,
    aht_s            INTEGER NOT NULL,
    concurrency      INTEGER NOT NULL DEFAULT 0,
    patience_s       INTEGER NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (site_id, name)
);

CREATE TABLE interval_history (
    queue_id   TEXT NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
    start_at   TIMESTAMPTZ NOT NULL,
    length_s   INTEGER NOT NULL,
    offered    DOUBLE PRECISION NOT NULL,
    handled    DOUBLE PRECISION NOT NULL DEFAULT 0,
    aht_s      DOUBLE PRECISION NOT NULL DEFAULT 0,
    PRIMARY KEY (queue_id, start_at)
);

CREATE TABLE shift_templates (
    id             TEXT PRIMARY KEY,
    site_id        TEXT NOT NULL REFERENCES sites(id),
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    earliest_start_s INTEGER NOT NULL,
    latest_start_s INTEGER NOT NULL,
    start_step_s   INTEGER NOT NULL DEFAULT 0,
    length_s       INTEGER NOT NULL,
    breaks         TEXT NOT NULL DEFAULT '[]',
    night          BOOLEAN NOT NULL DEFAULT FALSE,
    color          TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (site_id, code)
);

CREATE TABLE rosters (
    id           TEXT PRIMARY KEY,
    team_id      TEXT NOT NULL REFERENCES teams(id),
    period_start DATE NOT NULL,
    period_end   DATE NOT NULL,
    status       TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    published_at TIMESTAMPTZ,
    kpis         TEXT NOT NULL DEFAULT '{}',
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX rosters_team_period_idx ON rosters (team_id, period_start);

CREATE TABLE shifts (
    id          TEXT PRIMARY KEY,
    roster_id   TEXT NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
    agent_id    TEXT NOT NULL REFERENCES agents(id),
    template_id TEXT NOT NULL DEFAULT '',
    start_at    TIMESTAMPTZ NOT NULL,
    end_at      TIMESTAMPTZ NOT NULL,
    breaks      TEXT NOT NULL DEFAULT '[]',
    queue_id    TEXT NOT NULL DEFAULT '',
    activity    TEXT NOT NULL DEFAULT 'work',
    status      TEXT NOT NULL DEFAULT 'active',
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX shifts_roster_idx ON shifts (roster_id);
CREATE INDEX shifts_agent_start_idx ON shifts (agent_id, start_at);

CREATE TABLE time_off (
    id         TEXT PRIMARY KEY,
    agent_id   TEXT NOT NULL REFERENCES agents(id),
    start_at   TIMESTAMPTZ NOT NULL,
    end_at     TIMESTAMPTZ NOT NULL,
    kind       TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL,
    decided_by TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX time_off_agent_idx ON time_off (agent_id, start_at);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    agent_id      TEXT REFERENCES agents(id),
    locale        TEXT NOT NULL DEFAULT 'en',
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE user_teams (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, team_id)
);

-- +goose Down
DROP TABLE user_teams;
DROP TABLE users;
DROP TABLE time_off;
DROP TABLE shifts;
DROP TABLE rosters;
DROP TABLE shift_templates;
DROP TABLE interval_history;
DROP TABLE queues;
DROP TABLE agent_skills;
DROP TABLE agents;
DROP TABLE skills;
DROP TABLE teams;
DROP TABLE sites;
DROP TABLE organisations;
