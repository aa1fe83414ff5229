package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// roles are the callers of the access matrix: an admin, the lead of team A
// (own team), the lead of team B (other team), an agent of team A (own), an
// agent of team B (other), and HR. Every target below belongs to team A.
var roles = []string{"admin", "leadA", "leadB", "agentA", "agentB", "hr"}

// call is one request of the matrix; it may read the fixture (for the
// current version of what it changes).
type call struct {
	method, path string
	body         any
	hdr          map[string]string
}

// TestAccess_Matrix checks every endpoint against every role, own team and
// other team. Expected statuses follow the rules of issue 7: admin does
// everything; a lead reads and changes their own team only; an agent sees
// their own data and their team's published roster; HR reads what hours and
// pay need and changes no roster.
func TestAccess_Matrix(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	clients := map[string]*client{}
	for _, r := range roles {
		clients[r] = f.login(t, r)
	}
	shiftVersion := func() string {
		s, err := f.db.FindShiftByID(ctx, f.shifts[0].ID)
		must(t, err)
		return fmt.Sprintf(`"%d"`, s.Version)
	}
	rosterVersion := func() string {
		r, err := f.db.FindRosterByID(ctx, f.roster.ID)
		must(t, err)
		return fmt.Sprintf(`"%d"`, r.Version)
	}
	// Each request its own day: an agent's absences do not overlap.
	offDays := 0
	newTimeOff := func() string {
		offDays++
		to := scheduling.TimeOff{AgentID: f.agentA.ID, Start: week.AddDate(0, 0, 10+offDays), End: week.AddDate(0, 0, 11+offDays), Kind: "vacation", Reason: "wedding"}
		must(t, f.db.CreateTimeOff(ctx, &to))
		return to.ID
	}
	solveJob := store.Job{Kind: "solve", TeamID: f.teamA.ID, CreatedBy: f.users["leadA"].ID}
	must(t, f.db.EnqueueJob(ctx, &solveJob))
	rid, sid, aid := f.roster.ID, f.shifts[0].ID, f.agentA.ID
	names := 0
	newName := func() string { names++; return fmt.Sprintf("n%d", names) }
	csv := "interval_start,offered\n2026-02-02T08:00,12\n2026-02-02T08:15,14\n"
	range_ := "from=2026-03-02&to=2026-03-09"

	// Expected status per role, in the order of roles.
	tests := []struct {
		name string
		req  func() call
		want [6]int
	}{
		{"GET roster", func() call { return call{method: "GET", path: "/rosters/" + rid} }, [6]int{200, 200, 403, 200, 403, 200}},
		{"GET rosters of team", func() call { return call{method: "GET", path: "/rosters?team=" + f.teamA.ID} }, [6]int{200, 200, 403, 200, 403, 200}},
		{"POST roster", func() call {
			// A week of its own each time: rosters of a team do not overlap.
			names++
			from := week.AddDate(0, 0, 7*names)
			return call{method: "POST", path: "/rosters", body: map[string]string{"team_id": f.teamA.ID, "period_start": from.Format(time.DateOnly),
				"period_end": from.AddDate(0, 0, 7).Format(time.DateOnly)}}
		}, [6]int{201, 201, 403, 403, 403, 403}},
		{"PATCH shift", func() call {
			return call{method: "PATCH", path: "/rosters/" + rid + "/shifts/" + sid, body: map[string]any{}, hdr: map[string]string{"If-Match": shiftVersion()}}
		}, [6]int{200, 200, 403, 403, 403, 403}},
		{"POST check", func() call {
			return call{method: "POST", path: "/rosters/" + rid + "/check", body: map[string]any{"id": sid}}
		}, [6]int{200, 200, 403, 403, 403, 403}},
		{"POST solve", func() call {
			return call{method: "POST", path: "/rosters/" + rid + "/solve", body: map[string]any{"time_limit_seconds": 1}}
		},
			[6]int{202, 202, 403, 403, 403, 403}},
		{"POST publish", func() call {
			return call{method: "POST", path: "/rosters/" + rid + "/publish", hdr: map[string]string{"If-Match": rosterVersion()}}
		}, [6]int{200, 200, 403, 403, 403, 403}},
		{"GET versions", func() call { return call{method: "GET", path: "/rosters/" + rid + "/versions"} }, [6]int{200, 200, 403, 403, 403, 200}},
		{"GET diff", func() call { return call{method: "GET", path: "/rosters/" + rid + "/diff?from=3&to=5"} }, [6]int{200, 200, 403, 403, 403, 200}},
		{"GET audit", func() call { return call{method: "GET", path: "/rosters/" + rid + "/audit"} }, [6]int{200, 200, 403, 403, 403, 200}},
		{"GET job", func() call { return call{method: "GET", path: "/jobs/" + solveJob.ID} }, [6]int{200, 200, 403, 403, 403, 403}},
		{"GET agents of team", func() call { return call{method: "GET", path: "/agents?team=" + f.teamA.ID} }, [6]int{200, 200, 403, 403, 403, 200}},
		{"GET agent", func() call { return call{method: "GET", path: "/agents/" + aid} }, [6]int{200, 200, 403, 200, 403, 200}},
		{"PATCH agent", func() call { return call{method: "PATCH", path: "/agents/" + aid, body: map[string]any{}} }, [6]int{200, 200, 403, 403, 403, 403}},
		{"POST agent", func() call {
			return call{method: "POST", path: "/agents", body: map[string]any{"team_id": f.teamA.ID, "first_name": "New", "last_name": "Agent",
				"contract": map[string]any{"kind": "part_time", "weekly_hours": 20}}}
		}, [6]int{201, 201, 403, 403, 403, 403}},
		{"GET time off of team", func() call { return call{method: "GET", path: "/time-off?team=" + f.teamA.ID} }, [6]int{200, 200, 403, 200, 403, 200}},
		{"POST time off for agent A", func() call {
			names++
			day := week.AddDate(0, 1, names)
			return call{method: "POST", path: "/time-off", body: map[string]any{"agent_id": aid, "start": day, "end": day.AddDate(0, 0, 1), "kind": "vacation"}}
		}, [6]int{201, 201, 403, 201, 403, 403}},
		{"POST approve time off", func() call { return call{method: "POST", path: "/time-off/" + newTimeOff() + "/approve"} }, [6]int{200, 200, 403, 403, 403, 403}},
		{"GET availability of A", func() call { return call{method: "GET", path: "/availability?agent=" + aid} }, [6]int{200, 200, 403, 200, 403, 200}},
		{"PUT availability of A", func() call {
			return call{method: "PUT", path: "/availability?agent=" + aid, body: map[string]any{"windows": []any{}}}
		}, [6]int{200, 200, 403, 200, 403, 403}},
		{"GET hours report of A", func() call {
			return call{method: "GET", path: "/reports/hours?format=json&team=" + f.teamA.ID + "&" + range_}
		},
			[6]int{200, 200, 403, 403, 403, 200}},
		{"GET pay rules", func() call { return call{method: "GET", path: "/sites/" + f.site.ID + "/pay-rules"} }, [6]int{200, 200, 200, 403, 403, 200}},
		{"PUT pay rules", func() call {
			return call{method: "PUT", path: "/sites/" + f.site.ID + "/pay-rules", body: map[string]any{"night_premium": 0.25, "night_start": "22:00", "night_end": "06:00"}}
		}, [6]int{200, 403, 403, 403, 403, 200}},
		{"POST history", func() call { return call{method: "POST", path: "/queues/" + f.queue.ID + "/history", body: csv} }, [6]int{200, 200, 200, 403, 403, 403}},
		{"POST forecast", func() call {
			return call{method: "POST", path: "/forecasts", body: map[string]any{"queue_id": f.queue.ID, "horizon": "7d"}}
		},
			[6]int{202, 202, 202, 403, 403, 403}},
		{"GET my shifts", func() call { return call{method: "GET", path: "/me/shifts?" + range_} }, [6]int{404, 404, 404, 200, 200, 404}},
		{"GET my calendar", func() call { return call{method: "GET", path: "/me/calendar"} }, [6]int{404, 404, 404, 200, 200, 404}},
		{"GET shifts of agent A", func() call { return call{method: "GET", path: "/shifts?agent=" + aid + "&" + range_} }, [6]int{200, 200, 403, 200, 403, 200}},
		{"GET shifts of team A", func() call { return call{method: "GET", path: "/shifts?team=" + f.teamA.ID} }, [6]int{200, 200, 403, 200, 403, 200}},
		{"GET sites", func() call { return call{method: "GET", path: "/sites"} }, [6]int{200, 200, 200, 200, 200, 200}},
		{"POST site", func() call {
			return call{method: "POST", path: "/sites", body: map[string]any{"name": "Site " + newName(), "time_zone": "Europe/Berlin", "holiday_region": "DE-BE"}}
		}, [6]int{201, 403, 403, 403, 403, 403}},
		{"POST team", func() call {
			return call{method: "POST", path: "/teams", body: map[string]any{"site_id": f.site.ID, "name": "Team " + newName()}}
		}, [6]int{201, 403, 403, 403, 403, 403}},
		{"PUT skill", func() call {
			return call{method: "PUT", path: "/skills/lang:fr", body: map[string]any{"kind": "language", "name": "French"}}
		}, [6]int{200, 403, 403, 403, 403, 403}},
		{"GET users", func() call { return call{method: "GET", path: "/users"} }, [6]int{200, 403, 403, 403, 403, 403}},
		{"POST user", func() call {
			return call{method: "POST", path: "/users", body: map[string]any{"email": newName() + "@example.com", "role": "hr", "password": "long enough"}}
		}, [6]int{201, 403, 403, 403, 403, 403}},
		{"PATCH user", func() call {
			return call{method: "PATCH", path: "/users/" + f.users["hr"].ID, body: map[string]any{"name": "HR " + newName()}}
		}, [6]int{200, 403, 403, 403, 403, 403}},
		{"PUT queue", func() call {
			return call{method: "PUT", path: "/queues/" + f.queue.ID, body: map[string]any{"site_id": f.site.ID, "name": "Phone", "channel": "phone",
				"required_skills": []string{"phone"}, "aht_seconds": 300, "target": map[string]any{"service_level": 0.8, "answer_within_seconds": 20}}}
		}, [6]int{200, 403, 403, 403, 403, 403}},
		{"PUT shift template", func() call {
			return call{method: "PUT", path: "/shift-templates/" + f.tmpl.ID, body: map[string]any{"site_id": f.site.ID, "code": "E", "name": "Early",
				"earliest_start": "07:00", "latest_start": "07:00", "length_minutes": 480}}
		}, [6]int{200, 403, 403, 403, 403, 403}},
		{"PATCH site", func() call {
			return call{method: "PATCH", path: "/sites/" + f.site.ID, body: map[string]any{"name": "Berlin " + newName()}}
		},
			[6]int{200, 403, 403, 403, 403, 403}},
		{"PATCH team", func() call {
			return call{method: "PATCH", path: "/teams/" + f.teamA.ID, body: map[string]any{"name": "A " + newName()}}
		},
			[6]int{200, 403, 403, 403, 403, 403}},
		{"DELETE user", func() call { return call{method: "DELETE", path: "/users/" + f.users["agentA2"].ID} }, [6]int{204, 403, 403, 403, 403, 403}},
		{"POST user password", func() call {
			return call{method: "POST", path: "/users/" + f.users["agentA2"].ID + "/password", body: map[string]any{"password": pw}}
		}, [6]int{204, 403, 403, 403, 403, 403}},
	}
	for _, tc := range tests {
		for i, role := range roles {
			t.Run(tc.name+"/"+role, func(t *testing.T) {
				cl := clients[role]
				cl.t = t
				c := tc.req()
				res, body := cl.do(c.method, "/api/v1"+c.path, c.body, c.hdr)
				if res.StatusCode != tc.want[i] {
					t.Errorf("%s %s as %s: status %d, want %d: %s", c.method, c.path, role, res.StatusCode, tc.want[i], body)
				}
			})
		}
		// Without a login every one of these is 401.
		t.Run(tc.name+"/anonymous", func(t *testing.T) {
			c := tc.req()
			res, body := f.anon(t).do(c.method, "/api/v1"+c.path, c.body, c.hdr)
			if res.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s %s without login: status %d, want 401: %s", c.method, c.path, res.StatusCode, body)
			}
		})
	}
}

// TestAccess_AgentSeesNamesAndTimesOnly checks the agent's view of their
// team's roster and of time off: no breaks, versions or KPIs of colleagues'
// shifts, and no colleague's time off.
func TestAccess_AgentSeesNamesAndTimesOnly(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	other := scheduling.TimeOff{AgentID: f.agentA2.ID, Start: week, End: week.Add(24 * time.Hour), Kind: "sick", Reason: "private"}
	must(t, f.db.CreateTimeOff(ctx, &other))
	c := f.login(t, "agentA")
	res, body := c.do("GET", "/api/v1/rosters/"+f.roster.ID, nil, nil)
	if res.StatusCode != 200 {
		t.Fatalf("GET roster as agent: %d %s", res.StatusCode, body)
	}
	var r map[string]any
	r = decode[map[string]any](t, body)
	shifts := r["shifts"].([]any)
	if len(shifts) != len(f.shifts) {
		t.Fatalf("agent sees %d shifts, want the team's %d", len(shifts), len(f.shifts))
	}
	for _, s := range shifts {
		m := s.(map[string]any)
		for _, k := range []string{"breaks", "version", "template_id", "queue_id"} {
			if _, ok := m[k]; ok {
				t.Errorf("agent's view of a shift has %q: %v", k, m)
			}
		}
		if m["agent_name"] == "" || m["start"] == nil || m["end"] == nil {
			t.Errorf("agent's view lacks name or times: %v", m)
		}
	}
	if kp := r["kpis"].(map[string]any); len(kp) != 0 {
		t.Errorf("agent sees KPIs %v", kp)
	}
	_, body = c.do("GET", "/api/v1/time-off?team="+f.teamA.ID, nil, nil)
	for _, it := range decode[map[string]any](t, body)["items"].([]any) {
		if it.(map[string]any)["agent_id"] != f.agentA.ID {
			t.Errorf("agent A sees a colleague's time off: %v", it)
		}
	}
	hr := f.login(t, "hr")
	_, body = hr.do("GET", "/api/v1/time-off", nil, nil)
	for _, it := range decode[map[string]any](t, body)["items"].([]any) {
		if it.(map[string]any)["reason"] != nil {
			t.Errorf("HR sees a time-off reason: %v", it)
		}
	}
	// A draft of the agent's own team is not visible to the agent.
	draft := scheduling.Roster{TeamID: f.teamA.ID, PeriodStart: week.AddDate(0, 0, 7), PeriodEnd: week.AddDate(0, 0, 14)}
	must(t, f.db.CreateRoster(ctx, &draft))
	if res, _ := c.do("GET", "/api/v1/rosters/"+draft.ID, nil, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("agent reads a draft: status %d, want 403", res.StatusCode)
	}
}
