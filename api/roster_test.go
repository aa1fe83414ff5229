package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestRoster_StaleEdit412 has two leads edit the same shift from the same
// read: the second write carries the old version, gets 412 and changes
// nothing.
func TestRoster_StaleEdit412(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	admin, lead := f.login(t, "admin"), f.login(t, "leadA")
	sh := f.shifts[0]
	read, err := f.db.FindShiftByID(ctx, sh.ID)
	must(t, err)
	etag := fmt.Sprintf(`"%d"`, read.Version)
	path := "/api/v1/rosters/" + f.roster.ID + "/shifts/" + sh.ID
	// Both move the shift by an hour within the same day (rules hold).
	first := map[string]any{"start": read.Start.Add(time.Hour), "end": read.End.Add(time.Hour)}
	res, body := admin.do("PATCH", path, first, map[string]string{"If-Match": etag})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("first edit: %d %s", res.StatusCode, body)
	}
	if got := res.Header.Get("ETag"); got != fmt.Sprintf(`"%d"`, read.Version+1) {
		t.Errorf("ETag after the edit = %s, want version %d", got, read.Version+1)
	}
	second := map[string]any{"start": read.Start.Add(-time.Hour), "end": read.End.Add(-time.Hour)}
	res, body = lead.do("PATCH", path, second, map[string]string{"If-Match": etag})
	if res.StatusCode != http.StatusPreconditionFailed {
		t.Fatalf("stale edit: status %d, want 412: %s", res.StatusCode, body)
	}
	if e := decode[map[string]map[string]any](t, body)["error"]; e["code"] != "stale" {
		t.Errorf("stale edit error = %v", e)
	}
	now, err := f.db.FindShiftByID(ctx, sh.ID)
	must(t, err)
	if !now.Start.Equal(read.Start.Add(time.Hour)) || now.Version != read.Version+1 {
		t.Errorf("after the stale edit the shift is %v v%d, want the first edit's %v v%d", now.Start, now.Version, read.Start.Add(time.Hour), read.Version+1)
	}
	// Without If-Match the edit is refused too (428).
	if res, _ := lead.do("PATCH", path, second, nil); res.StatusCode != http.StatusPreconditionRequired {
		t.Errorf("edit without If-Match: status %d, want 428", res.StatusCode)
	}
	// Publishing with a stale roster version is 412 as well.
	if res, _ := lead.do("POST", "/api/v1/rosters/"+f.roster.ID+"/publish", nil, map[string]string{"If-Match": fmt.Sprintf(`"%d"`, f.roster.Version)}); res.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("publish at a stale version: status %d, want 412", res.StatusCode)
	}
	// The audit log names who changed what, with before and after.
	_, body = lead.do("GET", "/api/v1/rosters/"+f.roster.ID+"/audit", nil, nil)
	items := decode[map[string][]map[string]any](t, body)["items"]
	last := items[len(items)-1]
	if last["action"] != "edit_shift" || last["user_id"] != f.users["admin"].ID || last["before"] == nil || last["after"] == nil {
		t.Errorf("last audit entry = %v", last)
	}
	// The diff between the published version and the edit shows the move.
	_, body = lead.do("GET", fmt.Sprintf("/api/v1/rosters/%s/diff?from=%d&to=%d", f.roster.ID, f.roster.Version, f.roster.Version+1), nil, nil)
	diff := decode[struct{ Added, Removed, Changed []any }](t, body)
	if len(diff.Changed) != 1 || len(diff.Added) != 0 || len(diff.Removed) != 0 {
		t.Errorf("diff = %s, want one changed shift", body)
	}
}

// TestRoster_EditBreakingRuleRefused moves a shift so that it overlaps the
// agent's next-day shift by breaking the 11-hour rest: 422 with the
// violation, unless forced.
func TestRoster_EditBreakingRuleRefused(t *testing.T) {
	f := sqliteFixture(t)
	lead := f.login(t, "leadA")
	sh := f.shifts[0] // Monday 07:00–15:00; the agent works Tuesday 07:00–15:00
	path := "/api/v1/rosters/" + f.roster.ID + "/shifts/" + sh.ID
	// Monday 14:00–22:00 leaves 9 h of rest before Tuesday 07:00 (< 11 h).
	late := map[string]any{"start": sh.Start.Add(7 * time.Hour), "end": sh.End.Add(7 * time.Hour)}
	res, body := lead.do("PATCH", path, late, map[string]string{"If-Match": `"1"`})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("edit breaking the daily rest: status %d, want 422: %s", res.StatusCode, body)
	}
	e := decode[map[string]map[string]any](t, body)["error"]
	vs, _ := e["violations"].([]any)
	if len(vs) == 0 || vs[0].(map[string]any)["rule"] != "min_daily_rest" {
		t.Errorf("violations = %v, want min_daily_rest", e["violations"])
	}
	res, body = lead.do("PATCH", path+"?force=true", late, map[string]string{"If-Match": `"1"`})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("forced edit: %d %s", res.StatusCode, body)
	}
	if vs := decode[map[string]any](t, body)["violations"].([]any); len(vs) == 0 {
		t.Errorf("forced edit returns no violations")
	}
}

// TestRoster_ConcurrentEditsLoseNothing has two leads send an edit of the
// same shift at the same moment, both from the version they read, on
// SQLite and PostgreSQL: exactly one wins, the other gets 412, and the
// stored shift is the winner's.
func TestRoster_ConcurrentEditsLoseNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		sh := f.shifts[0]
		path := "/api/v1/rosters/" + f.roster.ID + "/shifts/" + sh.ID
		moves := []time.Duration{time.Hour, -time.Hour}
		clients := []*client{f.login(t, "admin"), f.login(t, "leadA")}
		codes := make([]int, 2)
		var wg sync.WaitGroup
		for i := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				body := map[string]any{"start": sh.Start.Add(moves[i]), "end": sh.End.Add(moves[i])}
				res, _ := clients[i].do("PATCH", path, body, map[string]string{"If-Match": `"1"`})
				codes[i] = res.StatusCode
			}()
		}
		wg.Wait()
		winner := slices.Index(codes, http.StatusOK)
		if winner < 0 || codes[1-winner] != http.StatusPreconditionFailed {
			t.Fatalf("statuses %v, want one 200 and one 412", codes)
		}
		got, err := db.FindShiftByID(context.Background(), sh.ID)
		must(t, err)
		if !got.Start.Equal(sh.Start.Add(moves[winner])) || got.Version != 2 {
			t.Errorf("stored %v v%d, want the winner's %v v2", got.Start, got.Version, sh.Start.Add(moves[winner]))
		}
	})
}

// TestRoster_EditOutsidePeriodRefused: the fixture roster covers 2–8 March
// 2026; a shift moved a week on, or a check of one there, is refused on
// start even with ?force=true (no labour rule is at stake but the period),
// and the stored shift is unchanged. The last day, Sunday 8 March, is in.
func TestRoster_EditOutsidePeriodRefused(t *testing.T) {
	f := sqliteFixture(t)
	lead := f.login(t, "leadA")
	sh := f.shifts[0]
	path := "/api/v1/rosters/" + f.roster.ID + "/shifts/" + sh.ID
	moved := func(days int) map[string]any {
		return map[string]any{"start": sh.Start.AddDate(0, 0, days), "end": sh.End.AddDate(0, 0, days), "breaks": []any{}}
	}
	for _, p := range []string{path, path + "?force=true"} {
		res, body := lead.do("PATCH", p, moved(7), map[string]string{"If-Match": `"1"`})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"start"`) {
			t.Errorf("PATCH %s a week on: %d %s, want 422 on start", p, res.StatusCode, body)
		}
	}
	check := moved(-1)
	check["id"] = sh.ID
	if res, body := lead.do("POST", "/api/v1/rosters/"+f.roster.ID+"/check", check, nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(string(body), `"field":"start"`) {
		t.Errorf("check a day before the period: %d %s, want 422 on start", res.StatusCode, body)
	}
	got, err := f.db.FindShiftByID(context.Background(), sh.ID)
	must(t, err)
	if !got.Start.Equal(sh.Start) || got.Version != sh.Version {
		t.Errorf("stored shift %v v%d, want %v v%d", got.Start, got.Version, sh.Start, sh.Version)
	}
	sunday := moved(6)
	sunday["id"] = sh.ID
	if res, body := lead.do("POST", "/api/v1/rosters/"+f.roster.ID+"/check", sunday, nil); res.StatusCode != http.StatusOK {
		t.Errorf("check on the period's last day: %d %s, want 200", res.StatusCode, body)
	}
}

// TestRoster_OverlapRefusedDraftDeleted: a second roster of team A over
// days the fixture's published week already covers is 409 naming it, on
// SQLite and PostgreSQL; team B may have one. A draft made for the wrong
// week can be deleted, then the week is free; a published roster stays.
func TestRoster_OverlapRefusedDraftDeleted(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		create := func(team, from, to string) (*http.Response, []byte) {
			return admin.do("POST", "/api/v1/rosters", map[string]string{"team_id": team, "period_start": from, "period_end": to}, nil)
		}
		// The fixture's roster covers 2–8 March (period_end 9 March).
		if res, body := create(f.teamA.ID, "2026-03-08", "2026-03-15"); res.StatusCode != http.StatusConflict || !strings.Contains(string(body), f.roster.ID) {
			t.Errorf("overlapping Sunday 8 March: %d %s, want 409 naming the published roster", res.StatusCode, body)
		}
		if res, body := create(f.teamB.ID, "2026-03-02", "2026-03-09"); res.StatusCode != http.StatusCreated {
			t.Errorf("team B's week: %d %s, want 201", res.StatusCode, body)
		}
		res, body := create(f.teamA.ID, "2026-03-09", "2026-03-23")
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("team A's next fortnight: %d %s", res.StatusCode, body)
		}
		wrong := decode[map[string]any](t, body)["id"].(string)
		if res, _ := create(f.teamA.ID, "2026-03-09", "2026-03-16"); res.StatusCode != http.StatusConflict {
			t.Errorf("the week inside the fortnight: %d, want 409", res.StatusCode)
		}
		if res, body := admin.do("DELETE", "/api/v1/rosters/"+wrong, nil, nil); res.StatusCode != http.StatusNoContent {
			t.Fatalf("delete the draft: %d %s", res.StatusCode, body)
		}
		if res, body := create(f.teamA.ID, "2026-03-09", "2026-03-16"); res.StatusCode != http.StatusCreated {
			t.Errorf("the week after the draft was deleted: %d %s, want 201", res.StatusCode, body)
		}
		if res, _ := admin.do("DELETE", "/api/v1/rosters/"+f.roster.ID, nil, nil); res.StatusCode != http.StatusConflict {
			t.Errorf("delete the published roster: %d, want 409", res.StatusCode)
		}
		if _, err := f.db.FindRosterByID(context.Background(), f.roster.ID); err != nil {
			t.Errorf("the published roster after the refused delete: %v", err)
		}
	})
}
