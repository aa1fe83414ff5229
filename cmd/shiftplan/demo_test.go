package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/demo"
	"github.com/shiftplan/shiftplan/store"
)

// TestDemoRosters: the demo opens on a week with shifts. Every team gets
// one roster for the current week (Monday to Monday, on the site's clock),
// published, with shifts on its first day too (nothing of the week counts
// as begun), each shift of one of the team's agents, and the roster's
// history naming the solve and the publication.
func TestDemoRosters(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, store.Config{URL: "sqlite://" + filepath.Join(t.TempDir(), "demo.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := demo.Generate(time.Now(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := seedDemo(ctx, db, c); err != nil {
		t.Fatal(err)
	}
	if err := demoRosters(ctx, db, c, slog.New(slog.NewTextHandler(io.Discard, nil)), 1, time.Second); err != nil {
		t.Fatal(err)
	}
	loc, err := c.Site.Location()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(loc)
	y, m, d := now.AddDate(0, 0, -((int(now.Weekday()) + 6) % 7)).Date()
	monday := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	for _, team := range c.Teams {
		rs, err := db.FindRosters(ctx, store.RosterFilter{TeamID: team.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 1 || rs[0].Status != scheduling.Published || !rs[0].PeriodStart.Equal(monday) || !rs[0].PeriodEnd.Equal(monday.AddDate(0, 0, 7)) {
			t.Fatalf("team %s: rosters %+v, want one published for the week of %s", team.Name, rs, monday.Format(time.DateOnly))
		}
		shifts, err := db.FindShifts(ctx, store.ShiftFilter{RosterID: rs[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		members := map[string]bool{}
		for _, a := range c.Agents {
			if a.TeamID == team.ID {
				members[a.ID] = true
			}
		}
		first := false
		for _, s := range shifts {
			if !members[s.AgentID] {
				t.Errorf("team %s: shift of %s, not of the team", team.Name, s.AgentID)
			}
			y2, m2, d2 := s.Start.In(loc).Date()
			first = first || (y2 == y && m2 == m && d2 == d)
		}
		if len(shifts) == 0 || !first {
			t.Errorf("team %s: %d shifts, one on Monday: %v", team.Name, len(shifts), first)
		}
		audit, err := db.FindAudit(ctx, rs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range audit {
			actions = append(actions, e.Action)
		}
		if len(actions) != 2 || actions[0] != "solve" || actions[1] != "publish" {
			t.Errorf("team %s: history %v, want solve then publish", team.Name, actions)
		}
		// A well-staffed centre: the expected service level (of everyone
		// on the queues, the other team's published shifts included) near
		// the queues' targets of 0.8 and 0.9, modest under- and
		// over-cover, and no negative gap.
		doc, err := db.RosterKPIs(ctx, rs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		var k struct {
			KPIs struct {
				ServiceLevel float64 `json:"service_level"`
				Required     float64 `json:"required_hours"`
				Under        float64 `json:"under_hours"`
				Over         float64 `json:"over_hours"`
				Gap          float64 `json:"gap"`
			} `json:"kpis"`
		}
		if err := json.Unmarshal(doc, &k); err != nil {
			t.Fatal(err)
		}
		if r := k.KPIs; r.ServiceLevel < 0.8 || r.Under > 0.15*r.Required || r.Over > 0.2*r.Required || r.Gap < 0 {
			t.Errorf("team %s: service level %v, %v h under-cover and %v h over-cover of %v h required, gap %v",
				team.Name, r.ServiceLevel, r.Under, r.Over, r.Required, r.Gap)
		}
	}
}

// TestDemo_NegativeRosterTime: a negative --roster-time is a usage error
// naming the flag, not a demo without rosters. (The context is already
// cancelled, so a demo that did start would stop at once.)
func TestDemo_NegativeRosterTime(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0", "--roster-time", "-1s"},
		stdio{in: strings.NewReader(""), out: &stdout, err: &stderr, getenv: func(string) string { return "" }})
	if code != 2 || !strings.Contains(stderr.String(), "--roster-time") {
		t.Errorf("exit %d, stderr %q; want 2 naming --roster-time", code, stderr.String())
	}
}
