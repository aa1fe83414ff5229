package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestReport_HoursAgentMovedSite: an agent works two nights for a Berlin
// team, moves to a New York team (and to a 20-hour contract) and works two
// days there, all in the week from Monday 2 November 2026 (after both
// zones' autumn changes: CET = UTC+1, EST = UTC−5). Night window 22:00–06:00
// at both sites (zoneSite). By hand:
//
//	Berlin  Mon 2 Nov 22:00 → Tue 06:00 CET, Tue 3 Nov 22:00 → Wed 06:00:
//	        2 × 8 h, all night
//	NY      Thu 5 Nov, Fri 6 Nov 09:00–17:00 EST: 2 × 8 h, no night
//
// Weekly overtime counts the whole week on the current 20-hour contract:
// Berlin's 16 h are straight, Thursday has 4 h straight and 4 h overtime,
// Friday 8 h overtime, 12 h in all. So Berlin's report pays the two
// nights (16 h, 16 h night, no overtime) and New York's the two days
// (16 h, no night, 12 h overtime). Before, Berlin's report left the agent
// out (not in the team any more) and New York's paid all four shifts
// (32 h), the Berlin nights read in New York's zone as 16:00–24:00 with
// 2 h of night each.
func TestReport_HoursAgentMovedSite(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		week := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
		ber := f.zoneSite(t, "Europe/Berlin", "DE-BE", week)
		ny := f.zoneSite(t, "America/New_York", "US", week)
		a := ber.agent
		publish := func(r scheduling.Roster, loc *time.Location, days []int, from, to int) {
			t.Helper()
			var shifts []scheduling.Shift
			for _, d := range days {
				shifts = append(shifts, scheduling.Shift{AgentID: a.ID, Start: time.Date(2026, 11, d, from, 0, 0, 0, loc),
					End: time.Date(2026, 11, d, to, 0, 0, 0, loc), Activity: "work", Status: scheduling.ShiftActive})
			}
			v, err := f.db.ReplaceRosterShifts(ctx, r.ID, 0, shifts)
			must(t, err)
			_, err = f.db.PublishRoster(ctx, r.ID, v)
			must(t, err)
		}
		publish(ber.roster, ber.loc, []int{2, 3}, 22, 30) // 22:00 to 06:00 the next day
		a.TeamID, a.Contract.WeeklyHours = ny.team.ID, 20
		must(t, f.db.UpdateAgent(ctx, a))
		publish(ny.roster, ny.loc, []int{5, 6}, 9, 17)

		hr := f.login(t, "hr")
		type row struct {
			AgentID  string  `json:"agent_id"`
			Team     string  `json:"team"`
			Shifts   int     `json:"shifts"`
			Paid     float64 `json:"paid_hours"`
			Night    float64 `json:"night_hours"`
			Overtime float64 `json:"overtime_hours"`
		}
		report := func(team string) map[string]row {
			t.Helper()
			res, body := hr.do("GET", "/api/v1/reports/hours?format=json&from=2026-11-02&to=2026-11-09&team="+team, nil, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("report of %s: %d %s", team, res.StatusCode, body)
			}
			out := map[string]row{}
			for _, r := range decode[struct{ Agents []row }](t, body).Agents {
				out[r.AgentID] = r
			}
			return out
		}
		if got, want := report(ber.team.ID)[a.ID], (row{AgentID: a.ID, Team: ber.team.Name, Shifts: 2, Paid: 16, Night: 16}); got != want {
			t.Errorf("Berlin's report: %+v, want %+v", got, want)
		}
		nyRep := report(ny.team.ID)
		if got, want := nyRep[a.ID], (row{AgentID: a.ID, Team: ny.team.Name, Shifts: 2, Paid: 16, Overtime: 12}); got != want {
			t.Errorf("New York's report: %+v, want %+v", got, want)
		}
		if len(nyRep) != 2 || nyRep[ny.agent.ID].Shifts != 0 {
			t.Errorf("New York's report lists %+v, want the moved agent and New York's own, without shifts", nyRep)
		}
	})
}

// TestReport_HoursOverlappingShifts: an agent moved from a Berlin team to a
// New York one holds, in the two teams' published rosters, shifts that
// overlap: Berlin's Monday 2 November 2026 22:00 CET → Tuesday 06:00
// (21:00Z → 05:00Z) and New York's Monday 16:00 → 20:00 EST (21:00Z →
// 01:00Z). Paying both would pay four hours twice, so either team's report
// refuses with 409 and says whose shifts overlap, rather than failing
// with 500 "internal error".
func TestReport_HoursOverlappingShifts(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	week := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	ber := f.zoneSite(t, "Europe/Berlin", "DE-BE", week)
	ny := f.zoneSite(t, "America/New_York", "US", week)
	a := ber.agent
	publish := func(r scheduling.Roster, start, end time.Time) {
		t.Helper()
		v, err := f.db.ReplaceRosterShifts(ctx, r.ID, 0, []scheduling.Shift{{AgentID: a.ID, Start: start, End: end,
			Activity: "work", Status: scheduling.ShiftActive}})
		must(t, err)
		_, err = f.db.PublishRoster(ctx, r.ID, v)
		must(t, err)
	}
	publish(ber.roster, time.Date(2026, 11, 2, 22, 0, 0, 0, ber.loc), time.Date(2026, 11, 3, 6, 0, 0, 0, ber.loc))
	a.TeamID = ny.team.ID
	must(t, f.db.UpdateAgent(ctx, a))
	publish(ny.roster, time.Date(2026, 11, 2, 16, 0, 0, 0, ny.loc), time.Date(2026, 11, 2, 20, 0, 0, 0, ny.loc))

	hr := f.login(t, "hr")
	for _, team := range []scheduling.Team{ber.team, ny.team} {
		res, body := hr.do("GET", "/api/v1/reports/hours?format=json&from=2026-11-02&to=2026-11-09&team="+team.ID, nil, nil)
		e := decode[api.ErrorBody](t, body).Error
		if res.StatusCode != http.StatusConflict || e.Code != "conflict" || !strings.Contains(e.Message, a.Name()) || !strings.Contains(e.Message, "overlap") {
			t.Errorf("report of %s: %d %s, want 409 naming %s and the overlap", team.Name, res.StatusCode, body, a.Name())
		}
	}
}

// TestReport_HoursDetail: detail=agents leaves the JSON report's shift
// rows out and keeps each agent's shift hours (the fixture's two 8 h
// shifts each: 16.00); a detail the format has no rows for is 422 naming
// it.
func TestReport_HoursDetail(t *testing.T) {
	f := sqliteFixture(t)
	hr := f.login(t, "hr")
	path := "/api/v1/reports/hours?from=2026-03-02&to=2026-03-08&team=" + f.teamA.ID
	res, body := hr.do("GET", path+"&format=json&detail=agents", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("detail=agents: %d %s", res.StatusCode, body)
	}
	rep := decode[struct {
		Agents []struct {
			ShiftHours float64 `json:"shift_hours"`
		}
		Shifts []any
	}](t, body)
	if len(rep.Agents) != 2 || rep.Shifts == nil || len(rep.Shifts) != 0 {
		t.Fatalf("detail=agents: %d agents, shifts %v; want 2 and none\n%s", len(rep.Agents), rep.Shifts, body)
	}
	for _, a := range rep.Agents {
		if a.ShiftHours != 16 {
			t.Errorf("agent shift hours %v, want 16", a.ShiftHours)
		}
	}
	for _, q := range []string{"&format=xlsx&detail=shifts", "&format=json&detail=all"} {
		res, body := hr.do("GET", path+q, nil, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"detail"`) {
			t.Errorf("%s: %d %s, want 422 on detail", q, res.StatusCode, body)
		}
	}
}
