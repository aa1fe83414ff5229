package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestListShifts_Pages: GET /shifts reads a page of shifts from the
// database, not every match, and its pages, followed by next_cursor, give
// each shift the caller sees exactly once, in order of start, agent and ID
// (the fixture's team A shifts start with team B's on two days).
func TestListShifts_Pages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		rb := scheduling.Roster{TeamID: f.teamB.ID, PeriodStart: week, PeriodEnd: week.AddDate(0, 0, 7)}
		must(t, db.CreateRoster(ctx, &rb))
		berlin, err := time.LoadLocation("Europe/Berlin")
		must(t, err)
		var bShifts []scheduling.Shift
		for d := range 7 {
			start := time.Date(2026, 3, 2+d, 7, 0, 0, 0, berlin)
			bShifts = append(bShifts, scheduling.Shift{AgentID: f.agentB.ID, Start: start, End: start.Add(8 * time.Hour),
				Activity: "work", Status: scheduling.ShiftActive})
		}
		_, err = db.ReplaceRosterShifts(ctx, rb.ID, 0, bShifts)
		must(t, err)

		type item struct {
			ID      string
			AgentID string `json:"agent_id"`
			Start   time.Time
		}
		type pageResp struct {
			Items      []item
			NextCursor *string `json:"next_cursor"`
		}
		get := func(who, query string) pageResp {
			t.Helper()
			res, body := f.login(t, who).do("GET", "/api/v1/shifts?"+query, nil, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET /shifts?%s as %s: %d %s", query, who, res.StatusCode, body)
			}
			return decode[pageResp](t, body)
		}
		// walk follows next_cursor with pages of limit shifts.
		walk := func(who, query string, limit int) []item {
			t.Helper()
			var all []item
			q := fmt.Sprintf("limit=%d&%s", limit, query)
			for range 100 {
				p := get(who, q)
				if len(p.Items) > limit {
					t.Fatalf("page of %d items, limit %d", len(p.Items), limit)
				}
				all = append(all, p.Items...)
				if p.NextCursor == nil {
					return all
				}
				q = fmt.Sprintf("limit=%d&%s&cursor=%s", limit, query, url.QueryEscape(*p.NextCursor))
			}
			t.Fatal("next_cursor never ends")
			return nil
		}
		ids := func(items []item) []string {
			out := make([]string, len(items))
			for i, it := range items {
				out[i] = it.ID
			}
			return out
		}

		// Team A's 4 fixture shifts and team B's 7.
		whole := get("admin", "limit=100").Items
		if len(whole) != len(f.shifts)+len(bShifts) {
			t.Fatalf("admin sees %d shifts, want %d", len(whole), len(f.shifts)+len(bShifts))
		}
		for i := 1; i < len(whole); i++ {
			a, b := whole[i-1], whole[i]
			if a.Start.After(b.Start) || a.Start.Equal(b.Start) && (a.AgentID > b.AgentID || a.AgentID == b.AgentID && a.ID > b.ID) {
				t.Errorf("shift %d (%v %s %s) listed before %d (%v %s %s)", i-1, a.Start, a.AgentID, a.ID, i, b.Start, b.AgentID, b.ID)
			}
		}
		for _, limit := range []int{1, 2, 3} {
			if got := ids(walk("admin", "", limit)); fmt.Sprint(got) != fmt.Sprint(ids(whole)) {
				t.Errorf("admin, pages of %d: %v\nwant %v", limit, got, ids(whole))
			}
		}
		// Team B's lead sees Bea's 7 shifts only, the other team's in
		// between them left out.
		var wantB []string
		for _, it := range whole {
			if it.AgentID == f.agentB.ID {
				wantB = append(wantB, it.ID)
			}
		}
		if got := ids(walk("leadB", "", 2)); fmt.Sprint(got) != fmt.Sprint(wantB) {
			t.Errorf("lead of team B, pages of 2: %v\nwant %v", got, wantB)
		}
		// Tuesday 3 March in Berlin: Anna's, Arno's and Bea's shifts.
		if got := walk("admin", "from=2026-03-03&to=2026-03-04", 1); len(got) != 3 {
			t.Errorf("admin, Tuesday, pages of 1: %d shifts, want 3", len(got))
		}

		// The first page of 2 reads 3 shifts: the page and the one that
		// tells there is another.
		var read int64
		count := func(tx *gorm.DB) {
			if tx.Statement.Table == "shifts" {
				read += tx.Statement.RowsAffected
			}
		}
		must(t, db.Gorm().Callback().Query().After("gorm:query").Register("test:count_shift_rows", count))
		defer func() { must(t, db.Gorm().Callback().Query().Remove("test:count_shift_rows")) }()
		if p := get("admin", "limit=2"); len(p.Items) != 2 || p.NextCursor == nil || read != 3 {
			t.Errorf("first page of 2: %d items, next_cursor %v, %d shift rows read; want 2 items, a cursor, 3 rows read",
				len(p.Items), p.NextCursor != nil, read)
		}

		res, body := f.login(t, "admin").do("GET", "/api/v1/shifts?cursor=MTA", nil, nil)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a cursor of another list: %d %s, want 422 on cursor", res.StatusCode, body)
		}
		e := decode[struct {
			Error struct{ Fields []struct{ Field string } }
		}](t, body)
		if len(e.Error.Fields) != 1 || e.Error.Fields[0].Field != "cursor" {
			t.Errorf("a cursor of another list: %s, want one field, cursor", body)
		}
	})
}

// TestListShifts_LeadReadsOwnTeams: a lead's GET /shifts reads their
// teams' rosters' shifts only. Lead B's one shift (Bea's, Wednesday 4
// March) comes after the fixture's four of team A in start order; a page
// of one finds it in one read, where filtering after reading took two
// (batches of 2 and 4 shifts, team A's first).
func TestListShifts_LeadReadsOwnTeams(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		r := scheduling.Roster{TeamID: f.teamB.ID, PeriodStart: week, PeriodEnd: week.AddDate(0, 0, 7)}
		must(t, db.CreateRoster(ctx, &r))
		berlin, _ := time.LoadLocation("Europe/Berlin")
		start := time.Date(2026, 3, 4, 7, 0, 0, 0, berlin)
		v, err := db.ReplaceRosterShifts(ctx, r.ID, 0, []scheduling.Shift{{AgentID: f.agentB.ID, TemplateID: f.tmpl.ID, Start: start,
			End: start.Add(8 * time.Hour), Activity: "work", Status: scheduling.ShiftActive}})
		must(t, err)
		_, err = db.PublishRoster(ctx, r.ID, v)
		must(t, err)
		lead := f.login(t, "leadB")
		reads := countReads(t, db, "shifts")
		res, body := lead.do("GET", "/api/v1/shifts?limit=1", nil, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /shifts: %d %s", res.StatusCode, body)
		}
		page := decode[struct {
			Items []struct {
				AgentID string `json:"agent_id"`
			}
			NextCursor *string `json:"next_cursor"`
		}](t, body)
		if len(page.Items) != 1 || page.Items[0].AgentID != f.agentB.ID || page.NextCursor != nil {
			t.Errorf("lead B's page: %s, want Bea's one shift and no next page", body)
		}
		if *reads != 1 {
			t.Errorf("lead B's page read shifts %d times, want 1", *reads)
		}
	})
}
