-- +goose Up
-- A shift template's code names one template of its site, and a site's
-- name one site, compared ignoring case and surrounding spaces (as team
-- names are): "e" beside "E", or "berlin " beside "Berlin", made imports,
-- the web app and the roster views ambiguous. Duplicates stored before are
-- renamed first, nothing removed: in each group the oldest (created_at,
-- then id) keeps its code or name, the later ones get "E-2", "E-3", … and
-- "Berlin (2)", "Berlin (3)", …; one whose new code or name another row has
-- already gets its ID as the suffix instead.
CREATE TABLE renames_13 (
    id      TEXT PRIMARY KEY,
    scope   TEXT NOT NULL,
    base    TEXT NOT NULL,
    renamed TEXT NOT NULL
);

INSERT INTO renames_13 (id, scope, base, renamed)
SELECT id, site_id, trim(code), trim(code) || '-' || n FROM (
    SELECT id, site_id, code,
        ROW_NUMBER() OVER (PARTITION BY site_id, lower(trim(code)) ORDER BY created_at, id) AS n
    FROM shift_templates
) ranked WHERE n > 1;
UPDATE renames_13 SET renamed = base || '-' || id WHERE EXISTS (
    SELECT 1 FROM shift_templates t
    WHERE t.site_id = renames_13.scope AND lower(trim(t.code)) = lower(renames_13.renamed)
        AND t.id NOT IN (SELECT id FROM renames_13));
UPDATE shift_templates SET code = (SELECT renamed FROM renames_13 r WHERE r.id = shift_templates.id)
WHERE id IN (SELECT id FROM renames_13);
DELETE FROM renames_13;

INSERT INTO renames_13 (id, scope, base, renamed)
SELECT id, organisation_id, trim(name), trim(name) || ' (' || n || ')' FROM (
    SELECT id, organisation_id, name,
        ROW_NUMBER() OVER (PARTITION BY organisation_id, lower(trim(name)) ORDER BY created_at, id) AS n
    FROM sites
) ranked WHERE n > 1;
UPDATE renames_13 SET renamed = base || ' (' || id || ')' WHERE EXISTS (
    SELECT 1 FROM sites s
    WHERE s.organisation_id = renames_13.scope AND lower(trim(s.name)) = lower(renames_13.renamed)
        AND s.id NOT IN (SELECT id FROM renames_13));
UPDATE sites SET name = (SELECT renamed FROM renames_13 r WHERE r.id = sites.id)
WHERE id IN (SELECT id FROM renames_13);
DROP TABLE renames_13;

CREATE UNIQUE INDEX shift_templates_site_code_idx ON shift_templates (site_id, lower(trim(code)));
CREATE UNIQUE INDEX sites_organisation_name_idx ON sites (organisation_id, lower(trim(name)));

-- +goose Down
-- The renamed templates and sites keep their new codes and names.
DROP INDEX sites_organisation_name_idx;
DROP INDEX shift_templates_site_code_idx;
