-- +goose Up
-- A site's own changes to its region's public holiday calendar, one per
-- local date: a holiday of its own (working false, named; from_minutes
-- the local time it begins, minutes after midnight, 0 for the whole day),
-- or a public holiday it works as an ordinary day (working true). Pay, rosters,
-- shift marks and forecasts read the calendar with these applied.
CREATE TABLE site_holidays (
    site_id      TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    day          DATE NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    working      BOOLEAN NOT NULL DEFAULT FALSE,
    from_minutes INTEGER NOT NULL DEFAULT 0,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (site_id, day)
);

-- +goose Down
DROP TABLE site_holidays;
