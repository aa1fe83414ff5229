package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/api/password"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// fixture is a small contact centre: one site in Europe/Berlin with teams A
// and B, two agents in A and one in B, a queue, an early template, and a
// roster of team A for the week of Monday 2 March 2026 with one shift per
// agent of A on Monday and Tuesday, published. Users: admin, leadA, leadB,
// agentA (the first agent of A), agentA2, agentB, hr; all with pw.
type fixture struct {
	db                      *store.DB
	srv                     *api.Server
	ts                      *httptest.Server
	site                    scheduling.Site
	teamA, teamB            scheduling.Team
	agentA, agentA2, agentB scheduling.Agent
	queue                   scheduling.Queue
	tmpl                    scheduling.ShiftTemplate
	roster                  scheduling.Roster
	shifts                  []scheduling.Shift
	users                   map[string]scheduling.User
}

const pw = "correct horse battery"

// week is the fixture roster's first day, Monday 2 March 2026.
var week = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	return newFixtureAt(t, db, nil)
}

// newFixtureAt is newFixture with the server's and the database's clock
// set to clock (nil: the real time).
func newFixtureAt(t *testing.T, db *store.DB, clock func() time.Time) *fixture {
	t.Helper()
	ctx := context.Background()
	if clock != nil {
		db = db.WithClock(clock)
	}
	f := &fixture{db: db, users: map[string]scheduling.User{}}
	org := scheduling.Organisation{Name: "Test"}
	must(t, db.CreateOrganisation(ctx, &org))
	f.site = scheduling.Site{OrganisationID: org.ID, Name: "Berlin", TimeZone: "Europe/Berlin", HolidayRegion: "DE-BE"}
	must(t, db.CreateSite(ctx, &f.site))
	f.teamA = scheduling.Team{SiteID: f.site.ID, Name: "A"}
	f.teamB = scheduling.Team{SiteID: f.site.ID, Name: "B"}
	must(t, db.CreateTeam(ctx, &f.teamA))
	must(t, db.CreateTeam(ctx, &f.teamB))
	must(t, db.UpsertSkill(ctx, scheduling.Skill{Code: "phone", Kind: scheduling.SkillChannel, Name: "Phone"}))
	mk := func(team, first string) scheduling.Agent {
		a := scheduling.Agent{TeamID: team, FirstName: first, LastName: "Test", EmployeeNo: first,
			Contract: scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40, WeeklyMaxHours: 48}, HourlyRate: 20, Skills: []string{"phone"}}
		must(t, db.CreateAgent(ctx, &a))
		return a
	}
	f.agentA, f.agentA2, f.agentB = mk(f.teamA.ID, "Anna"), mk(f.teamA.ID, "Arno"), mk(f.teamB.ID, "Bea")
	f.queue = scheduling.Queue{SiteID: f.site.ID, Name: "Phone", Channel: scheduling.Phone, RequiredSkills: []string{"phone"},
		Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}, AHT: 300 * time.Second}
	must(t, db.CreateQueue(ctx, &f.queue))
	f.tmpl = scheduling.ShiftTemplate{SiteID: f.site.ID, Code: "E", Name: "Early", EarliestStart: 7 * time.Hour, LatestStart: 7 * time.Hour,
		Length: 8 * time.Hour}
	must(t, db.CreateShiftTemplate(ctx, &f.tmpl))
	f.roster = scheduling.Roster{TeamID: f.teamA.ID, PeriodStart: week, PeriodEnd: week.AddDate(0, 0, 7)}
	must(t, db.CreateRoster(ctx, &f.roster))
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for d := 0; d < 2; d++ {
		for _, a := range []scheduling.Agent{f.agentA, f.agentA2} {
			start := time.Date(2026, 3, 2+d, 7, 0, 0, 0, berlin)
			f.shifts = append(f.shifts, scheduling.Shift{AgentID: a.ID, TemplateID: f.tmpl.ID, Start: start, End: start.Add(8 * time.Hour),
				Activity: "work", Status: scheduling.ShiftActive})
		}
	}
	_, err := db.ReplaceRosterShifts(ctx, f.roster.ID, 0, f.shifts)
	must(t, err)
	r, err := db.FindRosterByID(ctx, f.roster.ID)
	must(t, err)
	f.roster, err = db.PublishRoster(ctx, r.ID, r.Version)
	must(t, err)
	must(t, db.RecordRosterChange(ctx, store.AuditEntry{RosterID: r.ID, Action: "publish", Entity: "roster", EntityID: r.ID}))
	hash, err := password.Hash(pw)
	must(t, err)
	for name, u := range map[string]scheduling.User{
		"admin":   {Role: scheduling.RoleAdmin},
		"leadA":   {Role: scheduling.RoleTeamLead, TeamIDs: []string{f.teamA.ID}},
		"leadB":   {Role: scheduling.RoleTeamLead, TeamIDs: []string{f.teamB.ID}},
		"agentA":  {Role: scheduling.RoleAgent, AgentID: f.agentA.ID},
		"agentA2": {Role: scheduling.RoleAgent, AgentID: f.agentA2.ID},
		"agentB":  {Role: scheduling.RoleAgent, AgentID: f.agentB.ID},
		"hr":      {Role: scheduling.RoleHR},
	} {
		u.Email, u.Name, u.PasswordHash = strings.ToLower(name)+"@example.com", name, hash
		must(t, db.CreateUser(ctx, &u))
		f.users[name] = u
	}
	f.srv = api.NewServer(api.Config{Version: "test", Now: clock}, db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	f.ts = httptest.NewServer(f.srv.Handler())
	t.Cleanup(f.ts.Close)
	return f
}

// client is a logged-in browser: cookie jar and CSRF token.
type client struct {
	t    testing.TB
	base string
	http *http.Client
	csrf string
}

func (f *fixture) anon(t testing.TB) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: f.ts.URL, http: &http.Client{Jar: jar}}
}

// login logs the named fixture user in.
func (f *fixture) login(t testing.TB, name string) *client {
	t.Helper()
	c, status := f.loginAs(t, f.users[name].Email, pw)
	if status != http.StatusOK {
		t.Fatalf("login %s: %d", name, status)
	}
	return c
}

// loginAs tries to log in with an e-mail address and password; the client
// holds the session when the status is 200.
func (f *fixture) loginAs(t testing.TB, email, password string) (*client, int) {
	t.Helper()
	c := f.anon(t)
	res, body := c.do("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": password}, nil)
	if res.StatusCode == http.StatusOK {
		var lr struct {
			CSRFToken string `json:"csrf_token"`
		}
		must(t, json.Unmarshal(body, &lr))
		c.csrf = lr.CSRFToken
	}
	return c, res.StatusCode
}

// do sends a request (body: nil, []byte/string raw, or a value to encode as
// JSON) and returns the response and its body.
func (c *client) do(method, path string, body any, hdr map[string]string) (*http.Response, []byte) {
	c.t.Helper()
	var rd io.Reader
	ctype := "application/json"
	switch b := body.(type) {
	case nil:
	case string:
		rd, ctype = strings.NewReader(b), "text/csv"
	case []byte:
		rd = bytes.NewReader(b)
	default:
		enc, err := json.Marshal(b)
		must(c.t, err)
		rd = bytes.NewReader(enc)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	must(c.t, err)
	if rd != nil {
		req.Header.Set("Content-Type", ctype)
	}
	if c.csrf != "" {
		req.Header.Set(api.CSRFHeader, c.csrf)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := c.http.Do(req)
	must(c.t, err)
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	must(c.t, err)
	return res, out
}

// decode unmarshals a response body.
func decode[T any](t testing.TB, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

func sqliteFixture(t *testing.T) *fixture {
	return newFixture(t, dbtest.New(t, store.SQLite))
}
