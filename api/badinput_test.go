package api_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// badInput is one malformed request: who sends it, and the status and
// the field (or "line N" of a file) the error must name.
type badInput struct {
	name   string
	role   string
	method string
	path   func(f *fixture) string
	// body is nil, a string (sent as text/csv) or a value sent as JSON.
	body   func(f *fixture) any
	header func(f *fixture) map[string]string
	status int
	field  string
}

// badInputs are the cases of TestBadInput. The first ones each failed
// before their fix (a 500, something stored, or an error naming no
// field); the rest stand for the checks that already held.
func badInputs() []badInput {
	berlinShift := func(day, hour int) string {
		return time.Date(2026, 3, day, hour, 0, 0, 0, time.FixedZone("CET", 3600)).Format(time.RFC3339)
	}
	long := strings.Repeat("a", 100_000)
	history := func(f *fixture) string { return "/api/v1/queues/" + f.queue.ID + "/history" }
	csv := func(s string) func(*fixture) any { return func(*fixture) any { return s } }
	rosterPath := func(suffix string) func(f *fixture) string {
		return func(f *fixture) string { return "/api/v1/rosters/" + f.roster.ID + suffix }
	}
	shiftPath := func(f *fixture) string { return "/api/v1/rosters/" + f.roster.ID + "/shifts/" + f.shifts[2].ID }
	ifMatch := func(f *fixture) map[string]string {
		sh, err := f.db.FindShiftByID(context.Background(), f.shifts[2].ID)
		if err != nil {
			panic(err)
		}
		return map[string]string{"If-Match": strconv.Itoa(sh.Version)}
	}
	at := func(p string) func(*fixture) string { return func(*fixture) string { return p } }
	json := func(v map[string]any) func(*fixture) any { return func(*fixture) any { return v } }
	return []badInput{
		// History import: an unterminated quote panicked the parser (500).
		{name: "HistoryUnterminatedQuote", role: "leadA", method: "POST", path: history,
			body: csv("interval_start,offered\n\"2026-02-02T08:00,12\n"), status: 422, field: "line 2"},
		// 1e308 calls were stored; every sum over the history is then +Inf.
		{name: "HistoryHugeVolume", role: "leadA", method: "POST", path: history,
			body: csv("interval_start,offered\n2026-02-02T08:00,1e308\n2026-02-02T08:15,12\n"), status: 422, field: "line 2"},
		{name: "HistoryHugeHandled", role: "admin", method: "POST", path: history,
			body: csv("interval_start,offered,handled\n2026-02-02T08:00,9223372036854775808,9223372036854775808\n"), status: 422, field: "line 2"},
		// Two rows two years apart were stored as intervals two years long.
		{name: "HistoryRowsYearsApart", role: "leadA", method: "POST", path: history,
			body: csv("interval_start,offered\n2024-01-01T08:00,12\n2026-02-02T08:00,14\n"), status: 422, field: "line 3"},
		// An interval of 6 ms was stored.
		{name: "HistoryFractionOfAMinute", role: "leadA", method: "POST", path: history,
			body: csv("interval_start,offered,interval_minutes\n2026-02-02T08:00,12,0.0001\n"), status: 422, field: "line 2"},
		// A second "offered" column silently won over the first.
		{name: "HistoryRepeatedColumn", role: "leadA", method: "POST", path: history,
			body: csv("interval_start,offered,offered\n2026-02-02T08:00,12,120\n"), status: 422, field: "line 1"},
		// Free text of a shift and of a template's breaks had no bound.
		{name: "ShiftActivityOverlong", role: "leadA", method: "PATCH", path: shiftPath, header: ifMatch,
			body: json(map[string]any{"activity": long}), status: 422, field: "activity"},
		{name: "ShiftBreakNameOverlong", role: "leadA", method: "POST", path: rosterPath("/shifts?force=true"),
			body: func(f *fixture) any {
				return map[string]any{"agent_id": f.agentA.ID, "start": berlinShift(5, 7), "end": berlinShift(5, 15),
					"breaks": []any{map[string]any{"start": berlinShift(5, 11), "end": berlinShift(5, 12), "name": long}}}
			}, status: 422, field: "breaks[0].name"},
		{name: "TemplateBreakNameOverlong", role: "admin", method: "PUT", path: func(f *fixture) string { return "/api/v1/shift-templates/" + f.tmpl.ID },
			body: func(f *fixture) any {
				return map[string]any{"site_id": f.site.ID, "code": "E", "earliest_start": "07:00", "latest_start": "07:00", "length_minutes": 480,
					"breaks": []any{map[string]any{"name": long, "length_minutes": 30, "earliest_after_minutes": 180, "latest_after_minutes": 240}}}
			}, status: 422, field: "breaks[0].name"},
		// Another site's template was stored on an edited shift.
		{name: "ShiftOtherSitesTemplate", role: "leadA", method: "PATCH", path: shiftPath, header: ifMatch,
			body: func(f *fixture) any { return map[string]any{"template_id": otherTemplate(f).ID} }, status: 422, field: "template_id"},
		{name: "CheckOtherSitesTemplate", role: "leadA", method: "POST", path: rosterPath("/check"),
			body: func(f *fixture) any { return map[string]any{"id": f.shifts[0].ID, "template_id": otherTemplate(f).ID} }, status: 422, field: "template_id"},
		// References in a body to nothing were a 404 naming no field.
		{name: "CheckUnknownShift", role: "leadA", method: "POST", path: rosterPath("/check"),
			body: json(map[string]any{"id": "no-such-shift"}), status: 422, field: "id"},
		{name: "SwapUnknownShift", role: "agentA", method: "POST", path: at("/api/v1/swaps"),
			body: func(f *fixture) any {
				return map[string]any{"shift_id": "no-such-shift", "with_agent_id": f.agentA2.ID}
			}, status: 422, field: "shift_id"},
		{name: "SwapUnknownColleague", role: "agentA", method: "POST", path: at("/api/v1/swaps"),
			body: func(f *fixture) any {
				return map[string]any{"shift_id": f.shifts[0].ID, "with_agent_id": "no-such-agent"}
			}, status: 422, field: "with_agent_id"},
		{name: "SwapUnknownTheirShift", role: "leadA", method: "POST", path: at("/api/v1/swaps"),
			body: func(f *fixture) any {
				return map[string]any{"shift_id": f.shifts[0].ID, "with_agent_id": f.agentA2.ID, "their_shift_id": "no-such-shift"}
			}, status: 422, field: "their_shift_id"},
		{name: "TimeOffUnknownAgent", role: "leadA", method: "POST", path: at("/api/v1/time-off"),
			body:   json(map[string]any{"agent_id": "no-such-agent", "start": "2026-04-01T00:00:00Z", "end": "2026-04-02T00:00:00Z", "kind": "vacation"}),
			status: 422, field: "agent_id"},
		{name: "ForecastUnknownQueue", role: "leadA", method: "POST", path: at("/api/v1/forecasts"),
			body: json(map[string]any{"queue_id": "no-such-queue", "horizon": "7d"}), status: 422, field: "queue_id"},
		// An agent's e-mail address was any text.
		{name: "AgentEmailNotAnAddress", role: "leadA", method: "PATCH", path: func(f *fixture) string { return "/api/v1/agents/" + f.agentA2.ID },
			body: json(map[string]any{"email": "25:00"}), status: 422, field: "email"},

		// Checks that held already.
		{name: "HistoryEmptyFile", role: "leadA", method: "POST", path: history, body: csv(""), status: 422, field: "line 1"},
		{name: "HistorySemicolons", role: "admin", method: "POST", path: history,
			body: csv("\ufeffinterval_start;offered\r\n2026-02-02T08:00;12\r\n"), status: 422, field: "line 1"},
		{name: "HistoryNaN", role: "leadA", method: "POST", path: history,
			body: csv("interval_start,offered\r\n2026-02-02T08:00,12\r\n2026-02-02T08:15,NaN\r\n"), status: 422, field: "line 3"},
		{name: "HistoryNoSuchLocalTime", role: "leadA", method: "POST", path: history,
			body: csv("interval_start,offered\n2026-02-30T08:00,12\n"), status: 422, field: "line 2"},
		{name: "ShiftStartNotATime", role: "leadA", method: "POST", path: rosterPath("/shifts"),
			body: func(f *fixture) any {
				return map[string]any{"agent_id": f.agentA.ID, "start": "2026-03-05 07:00", "end": berlinShift(5, 15)}
			},
			status: 422, field: "start"},
		{name: "ShiftEndBeforeStart", role: "leadA", method: "POST", path: rosterPath("/shifts"),
			body: func(f *fixture) any {
				return map[string]any{"agent_id": f.agentA.ID, "start": berlinShift(5, 15), "end": berlinShift(5, 7)}
			},
			status: 422, field: "end"},
		{name: "ShiftOtherTeamsAgent", role: "leadA", method: "POST", path: rosterPath("/shifts"),
			body: func(f *fixture) any {
				return map[string]any{"agent_id": f.agentB.ID, "start": berlinShift(5, 7), "end": berlinShift(5, 15)}
			},
			status: 422, field: "agent_id"},
		{name: "ShiftUnknownStatus", role: "leadA", method: "PATCH", path: shiftPath, header: ifMatch,
			body: json(map[string]any{"status": "paused"}), status: 422, field: "status"},
		{name: "ShiftBreaksObject", role: "leadA", method: "PATCH", path: shiftPath, header: ifMatch,
			body: json(map[string]any{"breaks": map[string]any{}}), status: 422, field: "breaks"},
		{name: "SolveHugeTimeLimit", role: "leadA", method: "POST", path: rosterPath("/solve"),
			body: json(map[string]any{"time_limit_seconds": 1e308}), status: 422, field: "time_limit_seconds"},
		{name: "RosterInvalidDate", role: "leadA", method: "POST", path: at("/api/v1/rosters"),
			body: func(f *fixture) any {
				return map[string]any{"team_id": f.teamA.ID, "period_start": "2026-02-30", "period_end": "2026-03-09"}
			},
			status: 422, field: "period_start"},
		{name: "TimeOffEndBeforeStart", role: "agentA", method: "POST", path: at("/api/v1/time-off"),
			body: json(map[string]any{"start": "2026-04-02T00:00:00Z", "end": "2026-04-01T00:00:00Z", "kind": "vacation"}), status: 422, field: "end"},
		{name: "TimeOffUnknownKind", role: "agentA", method: "POST", path: at("/api/v1/time-off"),
			body: json(map[string]any{"start": "2026-04-01T00:00:00Z", "end": "2026-04-02T00:00:00Z", "kind": "sabbatical"}), status: 422, field: "kind"},
		{name: "TimeOffOverlongReason", role: "agentA", method: "POST", path: at("/api/v1/time-off"),
			body:   json(map[string]any{"start": "2026-04-01T00:00:00Z", "end": "2026-04-02T00:00:00Z", "kind": "vacation", "reason": long}),
			status: 422, field: "reason"},
		{name: "SwapShiftIDNumber", role: "agentA", method: "POST", path: at("/api/v1/swaps"),
			body: json(map[string]any{"shift_id": 12, "with_agent_id": "x"}), status: 422, field: "shift_id"},
		{name: "PreferencesItemsObject", role: "agentA", method: "PUT", path: at("/api/v1/preferences"),
			body: json(map[string]any{"items": map[string]any{}}), status: 422, field: "items"},
		{name: "PreferencesHugeWeight", role: "agentA", method: "PUT", path: at("/api/v1/preferences"),
			body: json(map[string]any{"items": []any{map[string]any{"date": "2026-03-04", "weight": 9.3e18}}}), status: 422, field: "items.0.weight"},
		{name: "AvailabilityEndBeforeStart", role: "agentA", method: "PUT", path: at("/api/v1/availability"),
			body:   json(map[string]any{"windows": []any{map[string]any{"start": "2026-03-03T00:00:00Z", "end": "2026-03-02T00:00:00Z"}}}),
			status: 422, field: "windows[0].end"},
		{name: "ForecastHorizonHuge", role: "leadA", method: "POST", path: at("/api/v1/forecasts"),
			body: func(f *fixture) any { return map[string]any{"queue_id": f.queue.ID, "horizon": "99999999999d"} }, status: 422, field: "horizon"},
		{name: "AdjustmentHugePercent", role: "leadA", method: "POST", path: func(f *fixture) string { return "/api/v1/forecasts/" + storedForecast(f) + "/adjustments" },
			body: json(map[string]any{"from": "2026-03-02T00:00:00Z", "to": "2026-03-02T01:00:00Z", "percent": 1e308}), status: 422, field: "percent"},
		{name: "HoursUnknownFormat", role: "hr", method: "GET", path: at("/api/v1/reports/hours?from=2026-03-02&to=2026-03-09&format=pdf"),
			status: 422, field: "format"},
		{name: "HoursEndBeforeStart", role: "leadA", method: "GET",
			path: func(f *fixture) string {
				return "/api/v1/reports/hours?from=2026-03-09&to=2026-03-02&team=" + f.teamA.ID
			}, status: 422, field: "to"},
		{name: "ShiftsInvalidDate", role: "agentA", method: "GET", path: at("/api/v1/shifts?from=2026-13-45"), status: 422, field: "from"},
		{name: "TimeOffHugeLimit", role: "leadA", method: "GET", path: at("/api/v1/time-off?limit=9223372036854775808"), status: 422, field: "limit"},
	}
}

// otherTemplate returns a shift template of a second site (made once).
func otherTemplate(f *fixture) scheduling.ShiftTemplate {
	ctx := context.Background()
	sites, err := f.db.FindSites(ctx)
	if err != nil {
		panic(err)
	}
	for _, s := range sites {
		if s.ID == f.site.ID {
			continue
		}
		ts, err := f.db.FindShiftTemplates(ctx, s.ID)
		if err != nil || len(ts) == 0 {
			panic("no template at the second site")
		}
		return ts[0]
	}
	site := scheduling.Site{OrganisationID: f.site.OrganisationID, Name: "Hamburg", TimeZone: "Europe/Berlin", HolidayRegion: "DE-HH"}
	if err := f.db.CreateSite(ctx, &site); err != nil {
		panic(err)
	}
	t := scheduling.ShiftTemplate{SiteID: site.ID, Code: "H", Name: "Hamburg", EarliestStart: 7 * time.Hour, LatestStart: 7 * time.Hour, Length: 8 * time.Hour}
	if err := f.db.CreateShiftTemplate(ctx, &t); err != nil {
		panic(err)
	}
	return t
}

// storedForecast returns the ID of a forecast of the fixture's queue for
// the first hour of its week (made once).
func storedForecast(f *fixture) string {
	ctx := context.Background()
	if fs, err := f.db.FindForecasts(ctx, f.queue.ID); err == nil && len(fs) > 0 {
		return fs[0].ID
	}
	fc := store.Forecast{QueueID: f.queue.ID, Model: "flat", Interval: 15 * time.Minute, Start: week, End: week.Add(time.Hour)}
	for i := range 4 {
		fc.Points = append(fc.Points, forecast.Point{Start: week.Add(time.Duration(i) * 15 * time.Minute), Forecast: 10, P10: 8, P50: 10, P90: 12,
			AHT: 300 * time.Second})
	}
	if err := f.db.CreateForecast(ctx, &fc); err != nil {
		panic(err)
	}
	return fc.ID
}

// TestBadInput sends malformed requests as the roles that may make them:
// each is a 4xx (422 for validation, never a 500) naming the field or
// the file's line, and what the API shows of the stored data is the same
// before and after.
func TestBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		// 20 February 2026: the fixture's week is ahead, the history's behind.
		f := newFixtureAt(t, db, func() time.Time { return time.Date(2026, 2, 20, 12, 0, 0, 0, time.UTC) })
		admin := f.login(t, "admin")
		clients := map[string]*client{"admin": admin}
		// stored is what the API shows of everything these requests could
		// change.
		stored := func() string {
			var b strings.Builder
			for _, p := range []string{
				"/api/v1/rosters/" + f.roster.ID, "/api/v1/rosters?limit=500", "/api/v1/shifts?limit=500", "/api/v1/time-off?limit=500",
				"/api/v1/swaps?limit=500", "/api/v1/queues/" + f.queue.ID + "/history?limit=500", "/api/v1/shift-templates?limit=500",
				"/api/v1/agents?limit=500", "/api/v1/availability?agent=" + f.agentA.ID, "/api/v1/preferences?agent=" + f.agentA.ID,
				"/api/v1/forecasts?limit=500", "/api/v1/rosters/" + f.roster.ID + "/audit?limit=500",
			} {
				res, body := admin.do("GET", p, nil, nil)
				if res.StatusCode != http.StatusOK {
					t.Fatalf("GET %s: %d %s", p, res.StatusCode, body)
				}
				b.WriteString(p + " " + string(body) + "\n")
			}
			return b.String()
		}
		for _, tc := range badInputs() {
			t.Run(tc.name, func(t *testing.T) {
				c := clients[tc.role]
				if c == nil {
					c = f.login(t, tc.role)
					clients[tc.role] = c
				}
				var body any
				if tc.body != nil {
					body = tc.body(f)
				}
				var hdr map[string]string
				if tc.header != nil {
					hdr = tc.header(f)
				}
				path := tc.path(f)
				before := stored()
				res, got := c.do(tc.method, path, body, hdr)
				if res.StatusCode != tc.status {
					t.Fatalf("%s %.80s: %d %.400s, want %d", tc.method, path, res.StatusCode, got, tc.status)
				}
				e := decode[api.ErrorBody](t, got).Error
				if !slices.ContainsFunc(e.Fields, func(fe scheduling.FieldError) bool { return fe.Field == tc.field }) {
					t.Errorf("%s %.80s: fields %.400v, want one on %q", tc.method, path, e.Fields, tc.field)
				}
				if after := stored(); after != before {
					t.Errorf("%s %.80s was refused but changed what is stored", tc.method, path)
				}
			})
		}
	})
}

// TestBadInput_MalformedJSONSaysHow: a body that is not JSON is a 422 on
// "body" whose message says what is wrong with it, where the request
// validator's parse error used to leave the message empty.
func TestBadInput_MalformedJSONSaysHow(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	for _, tc := range []struct{ body, want string }{
		{`{`, "malformed JSON: it ends before its last value does"},
		// Byte 9 is the "}" where a value was due (encoding/json counts
		// the bytes read, the offending one included).
		{`{"name":}`, "malformed JSON at byte 9"},
	} {
		for _, path := range []string{"/api/v1/sites", "/api/v1/queues", "/api/v1/notifications/read-all"} {
			res, got := admin.do("POST", path, []byte(tc.body), nil)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("POST %s %s: %d %s, want 422", path, tc.body, res.StatusCode, got)
			}
			e := decode[api.ErrorBody](t, got).Error
			if len(e.Fields) != 1 || e.Fields[0].Field != "body" || e.Fields[0].Message != tc.want {
				t.Errorf("POST %s %s: fields %+v, want one on body saying %q", path, tc.body, e.Fields, tc.want)
			}
		}
	}
}
