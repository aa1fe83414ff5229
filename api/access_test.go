package api_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// roles are the callers of the access matrix, in the order of a row's
// statuses: an admin, the lead of team A (own team), the lead of team B
// (other team), agent A (whose data most rows touch), agent A2 (a
// colleague in the same team), agent B (other team), and HR. Unless a row
// says otherwise its target belongs to team A, or to agent A.
var roles = []string{"admin", "leadA", "leadB", "agentA", "agentA2", "agentB", "hr"}

// call is one request of the matrix.
type call struct {
	method, path string
	body         any
	hdr          map[string]string
}

// allow gives status to the named callers and 403 to the others.
func allow(status int, who ...string) [7]int {
	var w [7]int
	for i, r := range roles {
		w[i] = http.StatusForbidden
		if slices.Contains(who, r) {
			w[i] = status
		}
	}
	return w
}

// hide gives status to the callers in who, 403 to those in sees (who may
// see the target but not do this to it) and 404 to the others, to whom
// the target is as missing as an unknown one.
func hide(status int, who []string, sees ...string) [7]int {
	var w [7]int
	for i, r := range roles {
		switch {
		case slices.Contains(who, r):
			w[i] = status
		case slices.Contains(sees, r):
			w[i] = http.StatusForbidden
		default:
			w[i] = http.StatusNotFound
		}
	}
	return w
}

// everyone gives status to every caller.
func everyone(status int) [7]int {
	return [7]int{status, status, status, status, status, status, status}
}

// access is one row of the matrix: a request (made afresh for each
// caller: it may create what it acts on) and the status each caller gets.
type access struct {
	// route is the operation as GET /openapi.json names it ("" for a
	// request outside the route table).
	route string
	// name tells rows of one route apart.
	name string
	req  func(role string) call
	want [7]int
	// public rows are sent without a login only, and answer anon; the
	// others answer anon (if set) or 401 without a login.
	public bool
	anon   int
	// fresh rows end the caller's sessions: they are sent from a login
	// of their own.
	fresh bool
}

// TestAccess_Matrix sends a request to every route in the route table as
// each role, with the session cookie (and CSRF header) and with an API
// token, and without a login; a route without a row fails the test, so a
// new route must be classified here. Expected statuses follow
// docs/api-routes.md: admin does everything; a lead reads and changes
// their own teams only, and plans (queue history, forecasts) only at
// their teams' sites; an agent sees their own data and their team's
// published roster; HR reads what hours and pay need, sets pay rules and
// changes nothing else. A roster, shift, agent, time-off request, swap,
// forecast or job the caller may not even see is 404, as a missing one
// (so are another login's API tokens and notifications); one they see
// but may not act on is 403.
// Every unsafe request with the session cookie but without the CSRF header
// is refused.
func TestAccess_Matrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		// The fixture's week lies ahead: shifts may still be swapped.
		now := time.Date(2026, 2, 20, 12, 0, 0, 0, time.UTC)
		f := newFixtureAt(t, db, func() time.Time { return now })
		rows := accessRows(t, f)
		checkEveryRoute(t, f, rows)
		cookies, bearer := map[string]*client{}, map[string]string{}
		for _, r := range roles {
			cookies[r] = f.login(t, r)
			res, body := cookies[r].do("POST", "/api/v1/tokens", map[string]string{"name": "matrix"}, nil)
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("token for %s: %d %s", r, res.StatusCode, body)
			}
			bearer[r] = "Bearer " + decode[map[string]string](t, body)["token"]
		}
		for _, mode := range []string{"cookie", "bearer"} {
			for _, row := range rows {
				name := row.route + " " + row.name
				if row.public {
					if mode == "bearer" {
						continue
					}
					t.Run(name+"/anonymous", func(t *testing.T) {
						c := row.req("")
						if res, body := f.anon(t).do(c.method, "/api/v1"+c.path, c.body, c.hdr); res.StatusCode != row.anon {
							t.Errorf("%s %s without login: status %d, want %d: %s", c.method, c.path, res.StatusCode, row.anon, body)
						}
					})
					continue
				}
				for i, role := range roles {
					t.Run(mode+"/"+name+"/"+role, func(t *testing.T) {
						cl := cookies[role]
						if row.fresh && mode == "cookie" {
							cl = f.login(t, role)
							// Every session of the caller has ended.
							defer func() { cookies[role] = f.login(t, role) }()
						}
						cl.t = t
						c := row.req(role)
						if mode == "bearer" {
							// A token needs no CSRF header.
							cl = f.anon(t)
							c.hdr = withHeader(c.hdr, "Authorization", bearer[role])
						}
						res, body := cl.do(c.method, "/api/v1"+c.path, c.body, c.hdr)
						if res.StatusCode != row.want[i] {
							t.Errorf("%s %s as %s (%s): status %d, want %d: %s", c.method, c.path, role, mode, res.StatusCode, row.want[i], body)
						}
					})
				}
				if mode == "bearer" {
					continue
				}
				t.Run(name+"/anonymous", func(t *testing.T) {
					want := cmp.Or(row.anon, http.StatusUnauthorized)
					c := row.req("")
					if res, body := f.anon(t).do(c.method, "/api/v1"+c.path, c.body, c.hdr); res.StatusCode != want {
						t.Errorf("%s %s without login: status %d, want %d: %s", c.method, c.path, res.StatusCode, want, body)
					}
				})
				if c := row.req("admin"); c.method == "GET" || row.route == "" {
					continue
				}
				// The session cookie without the CSRF header changes nothing.
				for _, role := range []string{"admin", "agentA"} {
					t.Run(name+"/"+role+"/no-csrf", func(t *testing.T) {
						cl := *cookies[role]
						cl.t, cl.csrf = t, ""
						c := row.req(role)
						if res, body := cl.do(c.method, "/api/v1"+c.path, c.body, c.hdr); res.StatusCode != http.StatusForbidden || !strings.Contains(string(body), `"csrf"`) {
							t.Errorf("%s %s as %s without CSRF header: status %d, want 403 csrf: %s", c.method, c.path, role, res.StatusCode, body)
						}
					})
				}
			}
		}
	})
}

// checkEveryRoute fails the test for each operation of the route table
// (as GET /openapi.json lists it) without a row, and for each row naming
// an operation the table does not have.
func checkEveryRoute(t *testing.T, f *fixture, rows []access) {
	t.Helper()
	res, body := f.anon(t).do("GET", "/api/v1/openapi.json", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /openapi.json: %d", res.StatusCode)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	must(t, json.Unmarshal(body, &doc))
	table := map[string]bool{}
	for path, ops := range doc.Paths {
		for m := range ops {
			switch m {
			case "get", "put", "post", "patch", "delete":
				table[strings.ToUpper(m)+" "+path] = true
			}
		}
	}
	covered := map[string]bool{}
	for _, r := range rows {
		if r.route == "" {
			continue
		}
		if !table[r.route] {
			t.Errorf("matrix row %q: no such route in the route table", r.route+" "+r.name)
		}
		covered[r.route] = true
	}
	var missing []string
	for op := range table {
		if !covered[op] {
			missing = append(missing, op)
		}
	}
	sort.Strings(missing)
	for _, op := range missing {
		t.Errorf("route %s has no row in TestAccess_Matrix: add one saying who may call it", op)
	}
}

// withHeader returns a copy of hdr with key set to value.
func withHeader(hdr map[string]string, key, value string) map[string]string {
	out := map[string]string{key: value}
	for k, v := range hdr {
		out[k] = v
	}
	return out
}

// accessRows are the rows of TestAccess_Matrix, with what they need
// stored in f: a second site (Hamburg) with a queue and a forecast, a
// published roster of team B, and a finished job of team A.
func accessRows(t *testing.T, f *fixture) []access {
	ctx := context.Background()
	n := 0
	next := func() int { n++; return n }
	name := func() string { return fmt.Sprintf("n%d", next()) }
	// Rosters of a team do not overlap: each new one takes a week of its own.
	weeks := 0
	nextWeek := func() time.Time { weeks++; return week.AddDate(0, 0, 7*weeks) }
	berlin, err := time.LoadLocation("Europe/Berlin")
	must(t, err)
	// published stores a published roster of the team for a week of its
	// own with a Wednesday early shift for each agent, and returns them.
	published := func(team string, agents ...string) []scheduling.Shift {
		from := week
		if team == f.teamA.ID {
			from = nextWeek()
		}
		r := scheduling.Roster{TeamID: team, PeriodStart: from, PeriodEnd: from.AddDate(0, 0, 7)}
		must(t, f.db.CreateRoster(ctx, &r))
		start := time.Date(from.Year(), from.Month(), from.Day()+2, 7, 0, 0, 0, berlin)
		var shifts []scheduling.Shift
		for _, a := range agents {
			shifts = append(shifts, scheduling.Shift{AgentID: a, TemplateID: f.tmpl.ID, Start: start, End: start.Add(8 * time.Hour),
				Activity: "work", Status: scheduling.ShiftActive})
		}
		v, err := f.db.ReplaceRosterShifts(ctx, r.ID, 0, shifts)
		must(t, err)
		_, err = f.db.PublishRoster(ctx, r.ID, v)
		must(t, err)
		return shifts
	}
	draft := func() scheduling.Roster {
		from := nextWeek()
		r := scheduling.Roster{TeamID: f.teamA.ID, PeriodStart: from, PeriodEnd: from.AddDate(0, 0, 7)}
		must(t, f.db.CreateRoster(ctx, &r))
		return r
	}
	teamBShift := published(f.teamB.ID, f.agentB.ID)[0]
	// swap stores a swap of agent A's shift to agent A2, accepted or not.
	swap := func(accepted bool) string {
		sh := published(f.teamA.ID, f.agentA.ID)
		sw := store.Swap{ShiftID: sh[0].ID, FromAgentID: f.agentA.ID, WithAgentID: f.agentA2.ID}
		must(t, f.db.CreateSwap(ctx, &sw))
		if accepted {
			_, err := f.db.MoveSwap(ctx, sw.ID, []store.SwapStatus{store.SwapProposed}, store.SwapAccepted, f.users["agentA2"].ID)
			must(t, err)
		}
		return sw.ID
	}
	// Each time off a day of its own: an agent's absences do not overlap.
	offDays := 60
	nextDay := func() time.Time { offDays++; return week.AddDate(0, 0, offDays) }
	timeOff := func() string {
		day := nextDay()
		to := scheduling.TimeOff{AgentID: f.agentA.ID, Start: day, End: day.AddDate(0, 0, 1), Kind: "vacation", Reason: "wedding"}
		must(t, f.db.CreateTimeOff(ctx, &to))
		return to.ID
	}
	user := func() string {
		u := scheduling.User{Email: name() + "@example.com", Name: "Temp", Role: scheduling.RoleHR, PasswordHash: f.users["hr"].PasswordHash}
		must(t, f.db.CreateUser(ctx, &u))
		return u.ID
	}
	agent := func() string {
		a := scheduling.Agent{TeamID: f.teamA.ID, FirstName: name(), LastName: "Temp", Contract: scheduling.Contract{Kind: scheduling.PartTime, WeeklyHours: 20}}
		must(t, f.db.CreateAgent(ctx, &a))
		return a.ID
	}
	site := func() string {
		s := scheduling.Site{OrganisationID: f.site.OrganisationID, Name: "Site " + name(), TimeZone: "Europe/Berlin", HolidayRegion: "DE-BE"}
		must(t, f.db.CreateSite(ctx, &s))
		return s.ID
	}
	team := func() string {
		x := scheduling.Team{SiteID: f.site.ID, Name: "Team " + name()}
		must(t, f.db.CreateTeam(ctx, &x))
		return x.ID
	}
	// ahead enters a raise of agent A from a fresh day ahead and gives
	// its path.
	ahead := func() string {
		a, err := f.db.FindAgentByID(ctx, f.agentA.ID)
		must(t, err)
		a.HourlyRate += float64(next())
		from := time.Date(2030, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, next())
		must(t, f.db.ScheduleContract(ctx, a, from))
		return "/agents/" + a.ID + "/contracts/" + from.Format(time.DateOnly)
	}
	// ownDay adds a holiday of site2's own on a fresh date and gives its path.
	ownDay := func() string {
		y, m, dd := time.Date(2030, time.March, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, next()).Date()
		d := holiday.Day{Year: y, Month: m, Day: dd, Name: "Company day"}
		must(t, f.db.PutSiteHoliday(ctx, f.site.ID, d))
		return "/sites/" + f.site.ID + "/holidays/" + d.Date().Format(time.DateOnly)
	}
	skill := func() string {
		code := "lang:" + name()
		must(t, f.db.UpsertSkill(ctx, scheduling.Skill{Code: code, Kind: scheduling.SkillLanguage, Name: "Temp"}))
		return code
	}
	queue := func(siteID string) scheduling.Queue {
		q := scheduling.Queue{SiteID: siteID, Name: "Queue " + name(), Channel: scheduling.Phone, RequiredSkills: []string{"phone"},
			Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}, AHT: 300 * time.Second}
		must(t, f.db.CreateQueue(ctx, &q))
		return q
	}
	template := func() string {
		x := scheduling.ShiftTemplate{SiteID: f.site.ID, Code: name(), Name: "Temp", EarliestStart: 9 * time.Hour, LatestStart: 9 * time.Hour, Length: 4 * time.Hour}
		must(t, f.db.CreateShiftTemplate(ctx, &x))
		return x.ID
	}
	forecastOf := func(q scheduling.Queue) string {
		fc := store.Forecast{QueueID: q.ID, Model: "flat", Interval: 15 * time.Minute, Start: week, End: week.Add(time.Hour)}
		for i := range 4 {
			fc.Points = append(fc.Points, forecast.Point{Start: week.Add(time.Duration(i) * 15 * time.Minute), Forecast: 10, P10: 8, P50: 10, P90: 12,
				AHT: 300 * time.Second})
		}
		must(t, f.db.CreateForecast(ctx, &fc))
		return fc.ID
	}
	hamburg := scheduling.Site{OrganisationID: f.site.OrganisationID, Name: "Hamburg", TimeZone: "Europe/Berlin", HolidayRegion: "DE-HH"}
	must(t, f.db.CreateSite(ctx, &hamburg))
	otherQueue := queue(hamburg.ID)
	fc, otherFC := forecastOf(f.queue), forecastOf(otherQueue)
	adjustmentOf := func(fc string) func(string) call {
		return func(string) call {
			got, err := f.db.AddForecastAdjustment(ctx, fc, forecast.Adjustment{Start: week, End: week.Add(time.Hour), Percent: 10})
			must(t, err)
			return call{method: "DELETE", path: "/forecasts/" + fc + "/adjustments/" + got.Adjustments[len(got.Adjustments)-1].ID}
		}
	}
	// A finished job of team A, started by its lead.
	done := store.Job{Kind: "matrix", TeamID: f.teamA.ID, CreatedBy: f.users["leadA"].ID}
	must(t, f.db.EnqueueJob(ctx, &done))
	claimed, err := f.db.ClaimJob(ctx, "matrix", []string{"matrix"}, time.Minute)
	must(t, err)
	must(t, f.db.FinishJob(ctx, claimed.ID, "matrix", func(*store.DB) (json.RawMessage, error) { return json.RawMessage(`{}`), nil }))
	solveJob := store.Job{Kind: "matrix", TeamID: f.teamA.ID, CreatedBy: f.users["leadA"].ID}
	must(t, f.db.EnqueueJob(ctx, &solveJob))

	rid, sid, aid := f.roster.ID, f.shifts[0].ID, f.agentA.ID
	shiftVersion := func() string {
		s, err := f.db.FindShiftByID(ctx, sid)
		must(t, err)
		return fmt.Sprintf(`"%d"`, s.Version)
	}
	rosterVersion := func() string {
		r, err := f.db.FindRosterByID(ctx, rid)
		must(t, err)
		return fmt.Sprintf(`"%d"`, r.Version)
	}
	// On Thursday of the fixture's week, after the fixture's shifts.
	thursday := func(hour int) time.Time { return time.Date(2026, 3, 5, hour, 0, 0, 0, berlin) }
	history := "interval_start,offered\n2026-02-02T08:00,12\n2026-02-02T08:15,14\n"
	range_ := "from=2026-03-02&to=2026-03-09"
	get := func(path string) func(string) call {
		return func(string) call { return call{method: "GET", path: path} }
	}
	do := func(method, path string, body any) func(string) call {
		return func(string) call { return call{method: method, path: path, body: body} }
	}
	pathOf := func(method string, path func() string) func(string) call {
		return func(string) call { return call{method: method, path: path()} }
	}
	site2 := "/sites/" + f.site.ID
	queueBody := map[string]any{"site_id": f.site.ID, "name": "Phone", "channel": "phone", "required_skills": []string{"phone"}, "aht_seconds": 300,
		"target": map[string]any{"service_level": 0.8, "answer_within_seconds": 20}}
	templateBody := func() map[string]any {
		return map[string]any{"site_id": f.site.ID, "code": name(), "name": "Early", "earliest_start": "07:00", "latest_start": "07:00", "length_minutes": 480}
	}
	newShift := func(agent string, extra map[string]any) func(string) call {
		return func(string) call {
			h := 6 + next()%12
			b := map[string]any{"agent_id": agent, "start": thursday(h), "end": thursday(h).Add(time.Hour)}
			for k, v := range extra {
				b[k] = v
			}
			return call{method: "POST", path: "/rosters/" + rid + "/shifts?force=true", body: b}
		}
	}
	me := [7]int{404, 404, 404, 200, 200, 200, 404}
	// Who changes team A's roster, and who only reads it.
	editA, seesA := []string{"admin", "leadA"}, []string{"agentA", "agentA2", "hr"}
	myToken := func(string) call {
		tok, err := f.db.CreateAPIToken(ctx, f.users["agentA"].ID, "phone", name())
		must(t, err)
		return call{method: "DELETE", path: "/tokens/" + tok.ID}
	}
	myNotification := func(string) call {
		nt := store.Notification{Kind: "time_off_approved", UserID: f.users["agentA"].ID, TeamID: f.teamA.ID, Key: name(), Message: "m"}
		_, err := f.db.CreateNotification(ctx, &nt)
		must(t, err)
		return call{method: "POST", path: "/notifications/" + nt.ID + "/read"}
	}
	csvAgents := func(string) call {
		return call{method: "POST", path: "/agents/import", body: "employee_no,first_name,last_name,team_id,contract_kind,weekly_hours\n" +
			name() + ",Imp,Orted," + f.teamA.ID + ",part_time,20\n"}
	}

	return []access{
		{route: "GET /", req: get(""), public: true, anon: 200},
		{route: "GET /openapi.json", req: get("/openapi.json"), public: true, anon: 200},
		{route: "POST /auth/login", req: do("POST", "/auth/login", map[string]string{"email": f.users["agentB"].Email, "password": pw}), public: true, anon: 200},
		{route: "POST /auth/logout", req: do("POST", "/auth/logout", nil), public: true, anon: 204},
		{route: "GET /invitations/{token}", req: get("/invitations/" + strings.Repeat("ab", 32)), public: true, anon: 410},
		{route: "POST /invitations/{token}/accept", req: do("POST", "/invitations/"+strings.Repeat("ab", 32)+"/accept", map[string]string{"password": pw}),
			public: true, anon: 410},

		{route: "GET /me", req: get("/me"), want: everyone(200)},
		{route: "GET /tokens", req: get("/tokens"), want: everyone(200)},
		{route: "POST /tokens", req: do("POST", "/tokens", map[string]string{"name": "x"}), want: everyone(201)},
		{route: "DELETE /tokens/{id}", name: "agent A's", req: myToken, want: [7]int{404, 404, 404, 204, 404, 404, 404}},
		{route: "GET /holiday-regions", req: get("/holiday-regions"), want: everyone(200)},

		{route: "GET /sites", req: get("/sites"), want: everyone(200)},
		{route: "POST /sites", req: func(string) call {
			return call{method: "POST", path: "/sites", body: map[string]any{"name": "Site " + name(), "time_zone": "Europe/Berlin", "holiday_region": "DE-BE"}}
		}, want: allow(201, "admin")},
		{route: "GET /sites/{id}", req: get(site2), want: everyone(200)},
		{route: "PATCH /sites/{id}", req: func(string) call {
			return call{method: "PATCH", path: site2, body: map[string]any{"name": "Berlin " + name()}}
		}, want: allow(200, "admin")},
		{route: "DELETE /sites/{id}", req: pathOf("DELETE", func() string { return "/sites/" + site() }), want: allow(204, "admin")},
		{route: "GET /sites/{id}/pay-rules", req: get(site2 + "/pay-rules"), want: allow(200, "admin", "leadA", "leadB", "hr")},
		{route: "PUT /sites/{id}/pay-rules", req: do("PUT", site2+"/pay-rules", map[string]any{"night_premium": 0.25, "night_start": "22:00", "night_end": "06:00"}),
			want: allow(200, "admin", "hr")},
		// Leads read the rules of their teams' sites only.
		{route: "GET /sites/{id}/pay-rules", name: "another site's", req: get("/sites/" + hamburg.ID + "/pay-rules"),
			want: allow(200, "admin", "hr")},
		{route: "GET /sites/{id}/holidays", req: get(site2 + "/holidays?year=2026"), want: everyone(200)},
		{route: "PUT /sites/{id}/holidays/{date}", req: do("PUT", site2+"/holidays/2026-12-24", map[string]any{"name": "Heiligabend"}),
			want: allow(200, "admin", "hr")},
		{route: "DELETE /sites/{id}/holidays/{date}", req: pathOf("DELETE", ownDay), want: allow(204, "admin", "hr")},
		{route: "GET /sites/{id}/labour-rules", req: get(site2 + "/labour-rules"), want: allow(200, "admin", "leadA", "leadB", "hr")},
		{route: "GET /sites/{id}/labour-rules", name: "another site's", req: get("/sites/" + hamburg.ID + "/labour-rules"),
			want: allow(200, "admin", "hr")},
		{route: "PUT /sites/{id}/labour-rules", req: do("PUT", site2+"/labour-rules", map[string]any{}), want: allow(200, "admin")},

		{route: "GET /teams", req: get("/teams"), want: everyone(200)},
		{route: "POST /teams", req: func(string) call {
			return call{method: "POST", path: "/teams", body: map[string]any{"site_id": f.site.ID, "name": "Team " + name()}}
		}, want: allow(201, "admin")},
		{route: "GET /teams/{id}", req: get("/teams/" + f.teamA.ID), want: everyone(200)},
		{route: "PATCH /teams/{id}", req: func(string) call {
			return call{method: "PATCH", path: "/teams/" + f.teamA.ID, body: map[string]any{"name": "A " + name()}}
		}, want: allow(200, "admin")},
		{route: "DELETE /teams/{id}", req: pathOf("DELETE", func() string { return "/teams/" + team() }), want: allow(204, "admin")},
		{route: "GET /skills", req: get("/skills"), want: everyone(200)},
		{route: "PUT /skills/{code}", req: do("PUT", "/skills/lang:fr", map[string]any{"kind": "language", "name": "French"}), want: allow(200, "admin")},
		{route: "DELETE /skills/{code}", req: pathOf("DELETE", func() string { return "/skills/" + skill() }), want: allow(204, "admin")},

		{route: "GET /users", req: get("/users"), want: allow(200, "admin")},
		{route: "POST /users", req: func(string) call {
			return call{method: "POST", path: "/users", body: map[string]any{"email": name() + "@example.com", "role": "admin", "password": "long enough"}}
		}, want: allow(201, "admin")},
		{route: "PATCH /users/{id}", name: "own role and teams", req: func(role string) call {
			return call{method: "PATCH", path: "/users/" + f.users[cmp.Or(role, "agentA")].ID, body: map[string]any{"role": "admin", "team_ids": []string{f.teamB.ID}}}
		}, want: allow(200, "admin")},
		{route: "PATCH /users/{id}", name: "a colleague's", req: func(string) call {
			return call{method: "PATCH", path: "/users/" + f.users["agentA2"].ID, body: map[string]any{"name": "agentA2"}}
		}, want: allow(200, "admin")},
		{route: "DELETE /users/{id}", req: pathOf("DELETE", func() string { return "/users/" + user() }), want: allow(204, "admin")},
		{route: "POST /users/{id}/password", req: func(string) call {
			return call{method: "POST", path: "/users/" + user() + "/password", body: map[string]any{"password": pw}}
		}, want: allow(204, "admin")},
		{route: "POST /invitations", req: do("POST", "/invitations", map[string]any{"agent_ids": []string{f.agentB.ID}}), want: allow(200, "admin")},

		{route: "GET /agents", req: get("/agents"), want: allow(200, "admin", "leadA", "leadB", "hr")},
		{route: "GET /agents", name: "of team A", req: get("/agents?team=" + f.teamA.ID), want: allow(200, "admin", "leadA", "hr")},
		{route: "POST /agents", req: func(string) call {
			return call{method: "POST", path: "/agents", body: map[string]any{"team_id": f.teamA.ID, "first_name": "New", "last_name": name(),
				"contract": map[string]any{"kind": "part_time", "weekly_hours": 20}}}
		}, want: allow(201, "admin", "leadA")},
		{route: "POST /agents/import", req: csvAgents, want: allow(200, "admin", "leadA")},
		// Colleagues see each other in their team's roster.
		{route: "GET /agents/{id}", req: get("/agents/" + aid), want: hide(200, []string{"admin", "leadA", "agentA", "hr"}, "agentA2")},
		{route: "GET /agents/{id}/contracts", req: get("/agents/" + aid + "/contracts"), want: hide(200, []string{"admin", "leadA", "agentA", "hr"}, "agentA2")},
		{route: "GET /agents/{id}/vacation", req: get("/agents/" + aid + "/vacation?year=2026"), want: hide(200, []string{"admin", "leadA", "agentA", "hr"}, "agentA2")},
		{route: "DELETE /agents/{id}/contracts/{from}", req: pathOf("DELETE", ahead), want: hide(204, []string{"admin", "leadA"}, "agentA", "agentA2", "hr")},
		{route: "PATCH /agents/{id}", req: do("PATCH", "/agents/"+aid, map[string]any{}), want: hide(200, []string{"admin", "leadA"}, "agentA", "agentA2", "hr")},
		{route: "PATCH /agents/{id}", name: "to team B", req: func(string) call {
			return call{method: "PATCH", path: "/agents/" + agent(), body: map[string]any{"team_id": f.teamB.ID}}
		}, want: hide(200, []string{"admin"}, "leadA", "agentA", "agentA2", "hr")},

		{route: "GET /queues", req: get("/queues"), want: everyone(200)},
		{route: "POST /queues", req: func(string) call {
			b := map[string]any{}
			for k, v := range queueBody {
				b[k] = v
			}
			b["name"] = "Queue " + name()
			return call{method: "POST", path: "/queues", body: b}
		}, want: allow(201, "admin")},
		{route: "GET /queues/{id}", req: get("/queues/" + f.queue.ID), want: everyone(200)},
		{route: "PUT /queues/{id}", req: do("PUT", "/queues/"+f.queue.ID, queueBody), want: allow(200, "admin")},
		{route: "DELETE /queues/{id}", req: pathOf("DELETE", func() string { return "/queues/" + queue(f.site.ID).ID }), want: allow(204, "admin")},
		{route: "POST /queues/{id}/history", req: do("POST", "/queues/"+f.queue.ID+"/history", history), want: allow(200, "admin", "leadA", "leadB")},
		{route: "POST /queues/{id}/history", name: "another site's queue", req: do("POST", "/queues/"+otherQueue.ID+"/history", history),
			want: allow(200, "admin")},
		{route: "GET /queues/{id}/history", req: get("/queues/" + f.queue.ID + "/history"), want: allow(200, "admin", "leadA", "leadB", "hr")},
		{route: "GET /queues/{id}/history", name: "another site's queue", req: get("/queues/" + otherQueue.ID + "/history"), want: allow(200, "admin", "hr")},
		{route: "POST /forecasts", req: do("POST", "/forecasts", map[string]any{"queue_id": f.queue.ID, "horizon": "7d"}), want: allow(202, "admin", "leadA", "leadB")},
		{route: "POST /forecasts", name: "another site's queue", req: do("POST", "/forecasts", map[string]any{"queue_id": otherQueue.ID, "horizon": "7d"}),
			want: allow(202, "admin")},
		{route: "GET /forecasts", req: get("/forecasts"), want: allow(200, "admin", "leadA", "leadB", "hr")},
		{route: "GET /forecasts", name: "another site's queue", req: get("/forecasts?queue=" + otherQueue.ID), want: allow(200, "admin", "hr")},
		{route: "GET /forecasts/{id}", req: get("/forecasts/" + fc), want: allow(200, "admin", "leadA", "leadB", "hr")},
		// Agents may read no forecast (403); to a lead, another site's is missing (404).
		{route: "GET /forecasts/{id}", name: "another site's", req: get("/forecasts/" + otherFC), want: [7]int{200, 404, 404, 403, 403, 403, 200}},
		{route: "GET /forecasts/{id}/outcome", req: get("/forecasts/" + fc + "/outcome"), want: allow(200, "admin", "leadA", "leadB", "hr")},
		{route: "GET /forecasts/{id}/outcome", name: "another site's", req: get("/forecasts/" + otherFC + "/outcome"), want: [7]int{200, 404, 404, 403, 403, 403, 200}},
		{route: "POST /forecasts/{id}/adjustments", req: do("POST", "/forecasts/"+fc+"/adjustments",
			map[string]any{"from": week, "to": week.Add(time.Hour), "percent": 0}), want: allow(200, "admin", "leadA", "leadB")},
		{route: "POST /forecasts/{id}/adjustments", name: "another site's", req: do("POST", "/forecasts/"+otherFC+"/adjustments",
			map[string]any{"from": week, "to": week.Add(time.Hour), "percent": 0}), want: [7]int{200, 404, 404, 403, 403, 403, 403}},
		// Each call removes an adjustment of its own, added just before.
		{route: "DELETE /forecasts/{id}/adjustments/{adjustmentId}", req: adjustmentOf(fc), want: allow(200, "admin", "leadA", "leadB")},
		{route: "DELETE /forecasts/{id}/adjustments/{adjustmentId}", name: "another site's", req: adjustmentOf(otherFC),
			want: [7]int{200, 404, 404, 403, 403, 403, 403}},
		{route: "GET /requirements", req: get("/requirements?queue=" + f.queue.ID), want: allow(200, "admin", "leadA", "leadB", "hr")},
		{route: "GET /requirements", name: "another site's queue", req: get("/requirements?queue=" + otherQueue.ID), want: allow(200, "admin", "hr")},

		{route: "GET /shift-templates", req: get("/shift-templates"), want: everyone(200)},
		{route: "POST /shift-templates", req: func(string) call { return call{method: "POST", path: "/shift-templates", body: templateBody()} },
			want: allow(201, "admin")},
		{route: "PUT /shift-templates/{id}", req: func(string) call {
			b := templateBody()
			b["code"] = "E"
			return call{method: "PUT", path: "/shift-templates/" + f.tmpl.ID, body: b}
		}, want: allow(200, "admin")},
		{route: "DELETE /shift-templates/{id}", req: pathOf("DELETE", func() string { return "/shift-templates/" + template() }), want: allow(204, "admin")},

		{route: "GET /rosters", req: get("/rosters"), want: everyone(200)},
		{route: "GET /rosters", name: "of team A", req: get("/rosters?team=" + f.teamA.ID), want: allow(200, "admin", "leadA", "agentA", "agentA2", "hr")},
		{route: "POST /rosters", req: func(string) call {
			from := nextWeek()
			return call{method: "POST", path: "/rosters", body: map[string]string{"team_id": f.teamA.ID, "period_start": from.Format(time.DateOnly),
				"period_end": from.AddDate(0, 0, 7).Format(time.DateOnly)}}
		}, want: allow(201, "admin", "leadA")},
		// Team A's published roster: team B's lead and agent do not see it.
		{route: "GET /rosters/{id}", req: get("/rosters/" + rid), want: hide(200, []string{"admin", "leadA", "agentA", "agentA2", "hr"})},
		{route: "GET /rosters/{id}", name: "a draft", req: pathOf("GET", func() string { return "/rosters/" + draft().ID }), want: hide(200, []string{"admin", "leadA", "hr"})},
		{route: "DELETE /rosters/{id}", req: pathOf("DELETE", func() string { return "/rosters/" + draft().ID }), want: hide(204, []string{"admin", "leadA"}, "hr")},
		{route: "POST /rosters/{id}/solve", req: do("POST", "/rosters/"+rid+"/solve", map[string]any{"time_limit_seconds": 1}), want: hide(202, editA, seesA...)},
		{route: "POST /rosters/{id}/shifts", req: newShift(aid, nil), want: hide(201, editA, seesA...)},
		{route: "POST /rosters/{id}/shifts", name: "for an agent of team B", req: newShift(f.agentB.ID, nil),
			want: [7]int{422, 422, 404, 403, 403, 404, 403}},
		{route: "POST /rosters/{id}/shifts", name: "on another site's queue", req: newShift(aid, map[string]any{"queue_id": otherQueue.ID}),
			want: [7]int{422, 422, 404, 403, 403, 404, 403}},
		{route: "PATCH /rosters/{id}/shifts/{shiftId}", req: func(string) call {
			return call{method: "PATCH", path: "/rosters/" + rid + "/shifts/" + sid, body: map[string]any{}, hdr: map[string]string{"If-Match": shiftVersion()}}
		}, want: hide(200, editA, seesA...)},
		{route: "PATCH /rosters/{id}/shifts/{shiftId}", name: "to an agent of team B", req: func(string) call {
			return call{method: "PATCH", path: "/rosters/" + rid + "/shifts/" + sid, body: map[string]any{"agent_id": f.agentB.ID},
				hdr: map[string]string{"If-Match": shiftVersion()}}
		}, want: [7]int{422, 422, 404, 403, 403, 404, 403}},
		{route: "PATCH /rosters/{id}/shifts/{shiftId}", name: "team B's shift through team A's roster", req: func(string) call {
			return call{method: "PATCH", path: "/rosters/" + rid + "/shifts/" + teamBShift.ID, body: map[string]any{"status": "cancelled"},
				hdr: map[string]string{"If-Match": `"1"`}}
		}, want: hide(404, editA, seesA...)},
		{route: "POST /rosters/{id}/check", req: do("POST", "/rosters/"+rid+"/check", map[string]any{"id": sid}), want: hide(200, editA, seesA...)},
		{route: "GET /rosters/{id}/shifts/{shiftId}/candidates", req: get("/rosters/" + rid + "/shifts/" + sid + "/candidates"), want: hide(200, editA, seesA...)},
		{route: "GET /rosters/{id}/shifts/{shiftId}/candidates", name: "team B's shift through team A's roster",
			req: pathOf("GET", func() string { return "/rosters/" + rid + "/shifts/" + teamBShift.ID + "/candidates" }), want: hide(404, editA, seesA...)},
		{route: "POST /rosters/{id}/publish", req: func(string) call {
			return call{method: "POST", path: "/rosters/" + rid + "/publish", hdr: map[string]string{"If-Match": rosterVersion()}}
		}, want: hide(200, editA, seesA...)},
		{route: "GET /rosters/{id}/versions", req: get("/rosters/" + rid + "/versions"), want: hide(200, []string{"admin", "leadA", "hr"}, "agentA", "agentA2")},
		{route: "GET /rosters/{id}/diff", req: func(string) call {
			vs, err := f.db.FindRosterVersions(ctx, rid)
			must(t, err)
			return call{method: "GET", path: fmt.Sprintf("/rosters/%s/diff?from=%d&to=%d", rid, vs[0].Version, vs[len(vs)-1].Version)}
		}, want: hide(200, []string{"admin", "leadA", "hr"}, "agentA", "agentA2")},
		{route: "GET /rosters/{id}/audit", req: get("/rosters/" + rid + "/audit"), want: hide(200, []string{"admin", "leadA", "hr"}, "agentA", "agentA2")},
		{route: "GET /shifts", req: get("/shifts?" + range_), want: everyone(200)},
		// Agents list their own shifts only, whichever agent they name.
		{route: "GET /shifts", name: "of agent A", req: get("/shifts?agent=" + aid + "&" + range_), want: [7]int{200, 200, 404, 200, 403, 403, 200}},
		{route: "GET /shifts", name: "of team A", req: get("/shifts?team=" + f.teamA.ID + "&" + range_), want: allow(200, "admin", "leadA", "agentA", "agentA2", "hr")},
		{route: "GET /jobs/{id}", req: get("/jobs/" + solveJob.ID), want: hide(200, editA)},
		{route: "GET /jobs/{id}/events", req: get("/jobs/" + done.ID + "/events"), want: hide(200, editA)},
		{route: "POST /jobs/{id}/cancel", req: func(string) call {
			j := store.Job{Kind: "matrix", TeamID: f.teamA.ID, CreatedBy: f.users["leadA"].ID}
			must(t, f.db.EnqueueJob(ctx, &j))
			return call{method: "POST", path: "/jobs/" + j.ID + "/cancel"}
		}, want: hide(200, editA)},

		{route: "GET /time-off", req: get("/time-off"), want: everyone(200)},
		{route: "GET /time-off", name: "of team A", req: get("/time-off?team=" + f.teamA.ID), want: allow(200, "admin", "leadA", "agentA", "agentA2", "hr")},
		// An agent the caller may not see is an unknown agent_id (422).
		{route: "POST /time-off", name: "for agent A", req: func(string) call {
			day := nextDay()
			return call{method: "POST", path: "/time-off", body: map[string]any{"agent_id": aid, "start": day, "end": day.AddDate(0, 0, 1), "kind": "vacation"}}
		}, want: [7]int{201, 201, 422, 201, 403, 422, 403}},
		// Colleagues do not see each other's time off.
		{route: "POST /time-off/{id}/approve", req: pathOf("POST", func() string { return "/time-off/" + timeOff() + "/approve" }),
			want: hide(200, editA, "agentA", "hr")},
		{route: "POST /time-off/{id}/decline", req: pathOf("POST", func() string { return "/time-off/" + timeOff() + "/decline" }),
			want: hide(200, editA, "agentA", "hr")},
		{route: "POST /time-off/{id}/withdraw", req: pathOf("POST", func() string { return "/time-off/" + timeOff() + "/withdraw" }),
			want: hide(200, []string{"admin", "leadA", "agentA"}, "hr")},
		{route: "GET /availability", name: "of agent A", req: get("/availability?agent=" + aid), want: hide(200, []string{"admin", "leadA", "agentA", "hr"}, "agentA2")},
		{route: "PUT /availability", name: "of agent A", req: do("PUT", "/availability?agent="+aid, map[string]any{"windows": []any{}}),
			want: hide(200, []string{"admin", "leadA", "agentA"}, "agentA2", "hr")},
		{route: "GET /preferences", name: "of agent A", req: get("/preferences?agent=" + aid), want: hide(200, []string{"admin", "leadA", "agentA", "hr"}, "agentA2")},
		{route: "PUT /preferences", name: "of agent A", req: do("PUT", "/preferences?agent="+aid, map[string]any{"items": []any{}}),
			want: hide(200, []string{"admin", "leadA", "agentA"}, "agentA2", "hr")},

		{route: "GET /swaps", req: get("/swaps"), want: everyone(200)},
		{route: "POST /swaps", name: "agent A's shift to A2", req: func(string) call {
			sh := published(f.teamA.ID, aid)
			return call{method: "POST", path: "/swaps", body: map[string]any{"shift_id": sh[0].ID, "with_agent_id": f.agentA2.ID}}
		}, want: [7]int{201, 201, 422, 201, 403, 422, 403}}, // a shift the caller may not see is an unknown shift_id
		{route: "POST /swaps", name: "team B's shift to agent A", req: do("POST", "/swaps", map[string]any{"shift_id": teamBShift.ID, "with_agent_id": aid}),
			want: [7]int{422, 422, 422, 422, 422, 422, 403}},
		{route: "POST /swaps", name: "for team B's shift", req: func(string) call {
			sh := published(f.teamA.ID, aid)
			return call{method: "POST", path: "/swaps", body: map[string]any{"shift_id": sh[0].ID, "with_agent_id": f.agentA2.ID, "their_shift_id": teamBShift.ID}}
		}, want: [7]int{422, 422, 422, 422, 403, 422, 403}},
		{route: "POST /swaps/{id}/accept", name: "offered to A2", req: pathOf("POST", func() string { return "/swaps/" + swap(false) + "/accept" }),
			want: hide(200, []string{"agentA2"}, "admin", "leadA", "agentA", "hr")},
		{route: "POST /swaps/{id}/approve", req: pathOf("POST", func() string { return "/swaps/" + swap(true) + "/approve" }),
			want: hide(200, editA, "agentA", "agentA2", "hr")},
		{route: "POST /swaps/{id}/decline", req: pathOf("POST", func() string { return "/swaps/" + swap(false) + "/decline" }),
			want: hide(200, []string{"admin", "leadA", "agentA", "agentA2"}, "hr")},

		{route: "GET /notifications", req: get("/notifications"), want: everyone(200)},
		{route: "GET /notifications/unread", req: get("/notifications/unread"), want: everyone(200)},
		{route: "POST /notifications/read-all", req: do("POST", "/notifications/read-all", nil), want: everyone(204)},
		{route: "POST /notifications/{id}/read", name: "agent A's", req: myNotification, want: [7]int{404, 404, 404, 204, 404, 404, 404}},
		{route: "GET /me/shifts", req: get("/me/shifts?" + range_), want: me},
		{route: "GET /me/hours", req: get("/me/hours?" + range_), want: me},
		{route: "GET /me/vacation", req: get("/me/vacation?year=2026"), want: me},
		{route: "GET /me/calendar", req: get("/me/calendar"), want: me},
		{route: "POST /me/calendar/rotate", req: do("POST", "/me/calendar/rotate", nil), want: me},
		{route: "POST /me/password", req: do("POST", "/me/password", map[string]string{"current_password": pw, "password": pw}), want: everyone(204), fresh: true},
		{route: "GET /reports/hours", name: "of team A", req: get("/reports/hours?format=json&team=" + f.teamA.ID + "&" + range_), want: allow(200, "admin", "leadA", "hr")},
		{route: "GET /reports/hours", name: "of the site", req: get("/reports/hours?format=json&site=" + f.site.ID + "&" + range_), want: allow(200, "admin", "hr")},

		// Outside the route table: no way to change one's own role.
		{name: "PATCH /me", req: do("PATCH", "/me", map[string]any{"role": "admin"}), want: everyone(404), anon: 404},
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
	// A draft of the agent's own team is not visible to the agent: it is
	// as missing as an unknown roster.
	draft := scheduling.Roster{TeamID: f.teamA.ID, PeriodStart: week.AddDate(0, 0, 7), PeriodEnd: week.AddDate(0, 0, 14)}
	must(t, f.db.CreateRoster(ctx, &draft))
	if res, _ := c.do("GET", "/api/v1/rosters/"+draft.ID, nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("agent reads a draft: status %d, want 404", res.StatusCode)
	}
}

// TestAccess_SessionsEndAtOnce: logging out needs the CSRF header like any
// change; a logged-out session, a revoked API token and the other
// sessions of a login whose password changed stop working at the next
// request; a token needs no CSRF header.
func TestAccess_SessionsEndAtOnce(t *testing.T) {
	f := sqliteFixture(t)
	c := f.login(t, "agentA")
	other := f.login(t, "agentA")
	res, body := c.do("POST", "/api/v1/tokens", map[string]string{"name": "phone"}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create token: %d %s", res.StatusCode, body)
	}
	tok := decode[map[string]string](t, body)
	bearer := map[string]string{"Authorization": "Bearer " + tok["token"]}
	if res, body := f.anon(t).do("PUT", "/api/v1/availability", map[string]any{"windows": []any{}}, bearer); res.StatusCode != http.StatusOK {
		t.Errorf("a change with the token, no CSRF header: %d %s", res.StatusCode, body)
	}

	csrf := c.csrf
	c.csrf = ""
	if res, body := c.do("POST", "/api/v1/auth/logout", nil, nil); res.StatusCode != http.StatusForbidden || !strings.Contains(string(body), `"csrf"`) {
		t.Errorf("logout without the CSRF header: %d %s, want 403 csrf", res.StatusCode, body)
	}
	if res, _ := c.do("GET", "/api/v1/me", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("the session after a refused logout: %d, want 200", res.StatusCode)
	}
	c.csrf = csrf
	if res, _ := c.do("POST", "/api/v1/auth/logout", nil, nil); res.StatusCode != http.StatusNoContent {
		t.Errorf("logout: %d, want 204", res.StatusCode)
	}
	if res, _ := c.do("GET", "/api/v1/me", nil, nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the session after logout: %d, want 401", res.StatusCode)
	}
	// A browser whose session has gone is logged out without a token.
	c.csrf = ""
	if res, _ := c.do("POST", "/api/v1/auth/logout", nil, nil); res.StatusCode != http.StatusNoContent {
		t.Errorf("logout of an ended session: %d, want 204", res.StatusCode)
	}

	if res, body := other.do("DELETE", "/api/v1/tokens/"+tok["id"], nil, nil); res.StatusCode != http.StatusNoContent {
		t.Fatalf("revoke token: %d %s", res.StatusCode, body)
	}
	if res, _ := f.anon(t).do("GET", "/api/v1/me", nil, bearer); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the revoked token: %d, want 401", res.StatusCode)
	}

	third := f.login(t, "agentA")
	if res, body := third.do("POST", "/api/v1/me/password", map[string]string{"current_password": pw, "password": pw + "!"}, nil); res.StatusCode != http.StatusNoContent {
		t.Fatalf("change password: %d %s", res.StatusCode, body)
	}
	for name, cl := range map[string]*client{"another session": other, "the session that changed it": third} {
		if res, _ := cl.do("GET", "/api/v1/me", nil, nil); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s after a password change: %d, want 401", name, res.StatusCode)
		}
	}
}

// TestAccess_CalendarFeedIsTheAgentsOwn: the feed shows the agent's
// published shifts only: not a colleague's, not a draft's.
func TestAccess_CalendarFeedIsTheAgentsOwn(t *testing.T) {
	now := time.Date(2026, 2, 20, 12, 0, 0, 0, time.UTC)
	f := newFixtureAt(t, dbtest.New(t, store.SQLite), func() time.Time { return now })
	ctx := context.Background()
	next := week.AddDate(0, 0, 7)
	draft := scheduling.Roster{TeamID: f.teamA.ID, PeriodStart: next, PeriodEnd: next.AddDate(0, 0, 7)}
	must(t, f.db.CreateRoster(ctx, &draft))
	hidden := []scheduling.Shift{{AgentID: f.agentA.ID, Start: next.Add(8 * time.Hour), End: next.Add(16 * time.Hour), Activity: "work",
		Status: scheduling.ShiftActive}}
	_, err := f.db.ReplaceRosterShifts(ctx, draft.ID, 0, hidden)
	must(t, err)
	url := newFeed(t, f.login(t, "agentA"))
	res, feed := f.anon(t).do("GET", url[strings.Index(url, "/ical/"):], nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("feed: %d %s", res.StatusCode, feed)
	}
	// The fixture's shifts alternate between agents A and A2.
	for i, sh := range append(f.shifts, hidden...) {
		if want := i < len(f.shifts) && sh.AgentID == f.agentA.ID; strings.Contains(string(feed), sh.ID) != want {
			t.Errorf("shift %d (agent %s, draft %v) in the feed: %v, want %v", i, sh.AgentID, i >= len(f.shifts), !want, want)
		}
	}
	if res, _ := f.anon(t).do("GET", "/ical/"+strings.Repeat("0", 64)+".ics", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown feed: %d, want 404", res.StatusCode)
	}
}

// TestAccess_LeadsListTheirSitesForecasts: GET /forecasts leaves out, for
// a lead, the forecasts of queues at sites where they lead no team.
func TestAccess_LeadsListTheirSitesForecasts(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	hamburg := scheduling.Site{OrganisationID: f.site.OrganisationID, Name: "Hamburg", TimeZone: "Europe/Berlin", HolidayRegion: "DE-HH"}
	must(t, f.db.CreateSite(ctx, &hamburg))
	q := scheduling.Queue{SiteID: hamburg.ID, Name: "Phone HH", Channel: scheduling.Phone, RequiredSkills: []string{"phone"},
		Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}, AHT: 300 * time.Second}
	must(t, f.db.CreateQueue(ctx, &q))
	for _, id := range []string{f.queue.ID, q.ID} {
		fc := store.Forecast{QueueID: id, Model: "flat", Interval: 15 * time.Minute, Start: week, End: week.Add(time.Hour)}
		must(t, f.db.CreateForecast(ctx, &fc))
	}
	for who, want := range map[string]int{"leadA": 1, "admin": 2, "hr": 2} {
		_, body := f.login(t, who).do("GET", "/api/v1/forecasts", nil, nil)
		items := decode[struct {
			Items []struct {
				QueueID string `json:"queue_id"`
			}
		}](t, body).Items
		if len(items) != want {
			t.Errorf("%s lists %d forecasts, want %d: %s", who, len(items), want, body)
		}
		for _, it := range items {
			if who == "leadA" && it.QueueID != f.queue.ID {
				t.Errorf("lead A lists a forecast of Hamburg's queue")
			}
		}
	}
}
