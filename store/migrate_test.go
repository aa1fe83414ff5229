package store_test

import (
	"context"
	"errors"
	"maps"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestMigrate13_RenamesDuplicates: a database from before migration 13
// holds template codes and site names that differ only in case or
// surrounding spaces. Migrating keeps every row and what refers to it; in
// each group the oldest keeps its code or name and the later ones are
// numbered, or given their ID where the numbered one is taken ("E-2"
// exists). Afterwards the database itself refuses such a duplicate, and
// rolling back and migrating again leaves the renamed rows as they are.
func TestMigrate13_RenamesDuplicates(t *testing.T) {
	for _, d := range dbtest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			db := dbtest.Empty(t, d)
			if _, err := db.MigrateTo(ctx, 12); err != nil {
				t.Fatal(err)
			}
			g := db.Gorm()
			t0 := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
			at := func(i int) time.Time { return t0.Add(time.Duration(i) * time.Minute) }
			must(t, g.Exec("INSERT INTO organisations (id, name, created_at) VALUES ('org', 'Nordlicht', ?)", t0).Error)
			sites := []struct {
				id, name string
				created  time.Time
			}{
				// IDs out of creation order: the order is created_at's.
				{"s9", "Berlin", at(0)},
				{"s1", "berlin ", at(1)},
				{"s2", "Berlin (2)", at(2)},
				{"s3", " BERLIN", at(3)},
				{"s4", "Hamburg", at(4)},
				// The same instant: the smaller ID keeps the name.
				{"s6", "porto", at(5)},
				{"s5", "Porto", at(5)},
			}
			for _, s := range sites {
				must(t, g.Exec("INSERT INTO sites (id, organisation_id, name, time_zone, created_at) VALUES (?, 'org', ?, 'Europe/Berlin', ?)",
					s.id, s.name, s.created).Error)
			}
			templates := []struct {
				id, site, code string
				created        time.Time
			}{
				{"t1", "s9", "E", at(0)},
				{"t2", "s9", "e", at(1)},
				{"t3", "s9", " E ", at(2)},
				{"t4", "s9", "E-2", at(0)},
				{"t5", "s9", "L", at(3)},
				{"t6", "s1", "e", at(4)}, // another site's
			}
			for _, tp := range templates {
				must(t, g.Exec("INSERT INTO shift_templates (id, site_id, code, name, earliest_start_s, latest_start_s, length_s, created_at) VALUES (?, ?, ?, '', 21600, 21600, 28800, ?)",
					tp.id, tp.site, tp.code, tp.created).Error)
			}
			if n, err := db.Migrate(ctx); err != nil || n < 1 {
				t.Fatalf("migrate: %d applied, %v", n, err)
			}

			wantSites := map[string]string{"s9": "Berlin", "s1": "berlin (s1)", "s2": "Berlin (2)", "s3": "BERLIN (3)", "s4": "Hamburg",
				"s5": "Porto", "s6": "porto (2)"}
			wantCodes := map[string]string{"t1": "E", "t2": "e-t2", "t3": "E-3", "t4": "E-2", "t5": "L", "t6": "e"}
			check := func(when string) {
				t.Helper()
				got := map[string]string{}
				var rows []struct{ ID, Name string }
				must(t, g.Raw("SELECT id, name FROM sites").Scan(&rows).Error)
				for _, r := range rows {
					got[r.ID] = r.Name
				}
				if !maps.Equal(got, wantSites) {
					t.Errorf("%s: sites %v, want %v", when, got, wantSites)
				}
				got = map[string]string{}
				var codes []struct{ ID, Code string }
				must(t, g.Raw("SELECT id, code FROM shift_templates").Scan(&codes).Error)
				for _, r := range codes {
					got[r.ID] = r.Code
				}
				if !maps.Equal(got, wantCodes) {
					t.Errorf("%s: template codes %v, want %v", when, got, wantCodes)
				}
			}
			check("after migrating")

			// The database refuses what the store would: a template
			// code or a site name differing only in case or spaces. The
			// same statements with a new code or name are stored (and
			// removed again), so the refusals are of the duplicate.
			insertTemplate := func(id, code string) error {
				return g.Exec("INSERT INTO shift_templates (id, site_id, code, name, earliest_start_s, latest_start_s, length_s, created_at) VALUES (?, 's9', ?, '', 0, 0, 3600, ?)", id, code, t0).Error
			}
			insertSite := func(id, name string) error {
				return g.Exec("INSERT INTO sites (id, organisation_id, name, time_zone, created_at) VALUES (?, 'org', ?, 'Europe/Berlin', ?)", id, name, t0).Error
			}
			if err := insertTemplate("t7", " l"); err == nil {
				t.Error("a template coded \" l\" beside \"L\" was stored")
			}
			if err := insertSite("s7", "HAMBURG "); err == nil {
				t.Error("a site named \"HAMBURG \" beside \"Hamburg\" was stored")
			}
			must(t, insertTemplate("t8", "N"))
			must(t, insertSite("s8", "Munich"))
			must(t, g.Exec("DELETE FROM shift_templates WHERE id = 't8'").Error)
			must(t, g.Exec("DELETE FROM sites WHERE id = 's8'").Error)
			tp := scheduling.ShiftTemplate{SiteID: "s1", Code: "E", EarliestStart: 6 * time.Hour, LatestStart: 6 * time.Hour, Length: 8 * time.Hour}
			if err := db.CreateShiftTemplate(ctx, &tp); !errors.Is(err, scheduling.ErrConflict) {
				t.Errorf("template E beside e at another site's: %v, want ErrConflict", err)
			}

			if _, err := db.MigrateDownTo(ctx, 12); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			check("after rolling back and migrating again")
		})
	}
}
