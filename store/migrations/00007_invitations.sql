-- +goose Up
-- An invitation lets an agent choose the first password of a login an
-- admin made for them (no password until then). One per login: inviting
-- again replaces the token. Only the token's SHA-256 is stored. used_at
-- is set when the agent accepts; an admin setting the password or
-- switching the login off removes the row.
CREATE TABLE invitations (
    user_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);

-- +goose Down
DROP TABLE invitations;
