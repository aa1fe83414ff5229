-- +goose Up
-- A notification is addressed to one login (user_id) or, with user_id '',
-- to the people who run its team (team-wide, e.g. the unpublished-roster
-- reminder). params holds the values its text needs (a JSON object), so
-- that the web app can word it in the reader's language and time zone.
ALTER TABLE notifications ADD COLUMN user_id TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at);
CREATE INDEX notifications_team_idx ON notifications (team_id, created_at);

-- Who has read which notification: one row per reader, so that a team-wide
-- notification read by one lead stays unread for the others.
CREATE TABLE notification_reads (
    notification_id TEXT NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    read_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (notification_id, user_id)
);
CREATE INDEX notification_reads_user_idx ON notification_reads (user_id);

-- +goose Down
DROP TABLE notification_reads;
DROP INDEX notifications_team_idx;
DROP INDEX notifications_user_idx;
ALTER TABLE notifications DROP COLUMN params;
ALTER TABLE notifications DROP COLUMN user_id;
