package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

type invitationResult struct {
	Invited []struct {
		AgentID   string `json:"agent_id"`
		UserID    string `json:"user_id"`
		Name      string `json:"name"`
		Email     string `json:"email"`
		Team      string `json:"team"`
		Link      string `json:"link"`
		ExpiresAt string `json:"expires_at"`
	} `json:"invited"`
	NotInvited []struct {
		AgentID string `json:"agent_id"`
		Reason  string `json:"reason"`
	} `json:"not_invited"`
}

// teamC adds team C to the fixture with Cora (cora@example.com), Cid (no
// e-mail), Cleo (hr@example.com, the HR login's address) and Carl
// (carl@example.com, left on 1 January 2020), by first name.
func (f *fixture) teamC(t *testing.T) (scheduling.Team, map[string]scheduling.Agent) {
	t.Helper()
	ctx := context.Background()
	team := scheduling.Team{SiteID: f.site.ID, Name: "C"}
	must(t, f.db.CreateTeam(ctx, &team))
	agents := map[string]scheduling.Agent{}
	for first, email := range map[string]string{"Cora": "Cora@example.com", "Cid": "", "Cleo": "hr@example.com", "Carl": "carl@example.com"} {
		a := scheduling.Agent{TeamID: team.ID, FirstName: first, LastName: "Test", EmployeeNo: first, Email: email,
			Contract: scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40, WeeklyMaxHours: 48}, HourlyRate: 20}
		if first == "Carl" {
			a.LeaveDate = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		must(t, f.db.CreateAgent(ctx, &a))
		agents[first] = a
	}
	return team, agents
}

// tokenOf is the token at the end of an invitation link.
func tokenOf(t *testing.T, link string) string {
	t.Helper()
	i := strings.LastIndex(link, "/invite/")
	if i < 0 {
		t.Fatalf("link %q has no /invite/", link)
	}
	return link[i+len("/invite/"):]
}

// TestInvitation_Team: inviting team C makes Cora's login and link and
// reports Cid (no e-mail) and Cleo (address taken); Carl has left. Cora
// cannot log in with a password before accepting; a weak password is 422;
// a good one signs her in as agent Cora, and the link is then used up.
func TestInvitation_Team(t *testing.T) {
	f := sqliteFixture(t)
	team, agents := f.teamC(t)
	admin := f.login(t, "admin")
	res, body := admin.do("POST", "/api/v1/invitations", map[string]string{"team_id": team.ID}, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("invite team C: %d %s", res.StatusCode, body)
	}
	r := decode[invitationResult](t, body)
	if len(r.Invited) != 1 || r.Invited[0].AgentID != agents["Cora"].ID || r.Invited[0].Email != "cora@example.com" ||
		r.Invited[0].Name != "Cora Test" || r.Invited[0].Team != "C" {
		t.Fatalf("invited = %+v, want Cora Test <cora@example.com> of C", r.Invited)
	}
	if link := r.Invited[0].Link; !strings.HasPrefix(link, f.ts.URL+"/invite/") || len(tokenOf(t, link)) < 32 {
		t.Errorf("link %q: want %s/invite/ and at least 128 bits of token", link, f.ts.URL)
	}
	if exp, err := time.Parse(time.RFC3339, r.Invited[0].ExpiresAt); err != nil || exp.Sub(time.Now()) < 13*24*time.Hour {
		t.Errorf("expires_at %q: want about 14 days ahead", r.Invited[0].ExpiresAt)
	}
	reasons := map[string]string{}
	for _, n := range r.NotInvited {
		reasons[n.AgentID] = n.Reason
	}
	want := map[string]string{agents["Cid"].ID: "no_email", agents["Cleo"].ID: "email_taken"}
	if len(reasons) != len(want) || reasons[agents["Cid"].ID] != "no_email" || reasons[agents["Cleo"].ID] != "email_taken" {
		t.Errorf("not invited = %v, want %v (Carl, who left, unreported)", reasons, want)
	}
	u, err := f.db.FindUserByEmail(t.Context(), "cora@example.com")
	must(t, err)
	if u.Role != scheduling.RoleAgent || u.AgentID != agents["Cora"].ID || u.PasswordHash != "" {
		t.Errorf("Cora's login = %+v, want an agent login of Cora without password", u)
	}
	if _, err := f.db.FindUserByEmail(t.Context(), "carl@example.com"); err == nil {
		t.Error("Carl, who left, got a login")
	}

	// Pending: no password login, whatever is tried.
	for _, p := range []string{"", pw} {
		if _, status := f.loginAs(t, "cora@example.com", p); status != http.StatusUnauthorized {
			t.Errorf("password login %q while invited: %d, want 401", p, status)
		}
	}

	// Inviting again replaces the link; the CSV lists the new one.
	old := tokenOf(t, r.Invited[0].Link)
	res, body = admin.do("POST", "/api/v1/invitations?format=csv", map[string]any{"agent_ids": []string{agents["Cora"].ID}}, nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("invite Cora again as CSV: %d %q %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), "\ufeff"))).ReadAll()
	must(t, err)
	if len(rows) != 2 || strings.Join(rows[0], ",") != "name,email,team,link,expires_at" ||
		rows[1][0] != "Cora Test" || rows[1][1] != "cora@example.com" || rows[1][2] != "C" {
		t.Fatalf("CSV = %q, want the header and Cora's row", rows)
	}
	token := tokenOf(t, rows[1][3])
	if token == old {
		t.Fatal("inviting again kept the token")
	}
	anon := f.anon(t)
	if res, body := anon.do("GET", "/api/v1/invitations/"+old, nil, nil); res.StatusCode != http.StatusGone {
		t.Errorf("the replaced link: %d %s, want 410", res.StatusCode, body)
	}
	res, body = anon.do("GET", "/api/v1/invitations/"+token, nil, nil)
	if got := decode[map[string]string](t, body); res.StatusCode != http.StatusOK || got["name"] != "Cora Test" || got["email"] != "cora@example.com" {
		t.Fatalf("GET the link: %d %s, want Cora Test", res.StatusCode, body)
	}

	res, body = anon.do("POST", "/api/v1/invitations/"+token+"/accept", map[string]string{"password": "short"}, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"password"`) {
		t.Fatalf("a 5-character password: %d %s, want 422 on password", res.StatusCode, body)
	}
	res, body = anon.do("POST", "/api/v1/invitations/"+token+"/accept", map[string]string{"password": "cora's own secret"}, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("accept: %d %s", res.StatusCode, body)
	}
	anon.csrf = decode[struct {
		CSRFToken string `json:"csrf_token"`
	}](t, body).CSRFToken
	res, body = anon.do("GET", "/api/v1/me", nil, nil)
	me := decode[struct {
		User struct {
			Email   string `json:"email"`
			Role    string `json:"role"`
			AgentID string `json:"agent_id"`
		} `json:"user"`
	}](t, body)
	if res.StatusCode != http.StatusOK || me.User.Email != "cora@example.com" || me.User.Role != "agent" || me.User.AgentID != agents["Cora"].ID {
		t.Fatalf("signed in after accepting: %d %s, want agent Cora", res.StatusCode, body)
	}
	if res, body := anon.do("GET", "/api/v1/me/shifts", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("her schedule: %d %s", res.StatusCode, body)
	}
	for _, req := range []struct{ method, path string }{{"GET", ""}, {"POST", "/accept"}} {
		var b any
		if req.method == "POST" {
			b = map[string]string{"password": "another secret"}
		}
		if res, body := f.anon(t).do(req.method, "/api/v1/invitations/"+token+req.path, b, nil); res.StatusCode != http.StatusGone {
			t.Errorf("%s the used link: %d %s, want 410", req.method, res.StatusCode, body)
		}
	}
	if _, status := f.loginAs(t, "cora@example.com", "cora's own secret"); status != http.StatusOK {
		t.Errorf("password login after accepting: %d", status)
	}
	if _, status := f.loginAs(t, "cora@example.com", "another secret"); status != http.StatusUnauthorized {
		t.Errorf("the refused second accept's password logs in: %d", status)
	}
}

// TestInvitation_Expired: 14 days after the invitation the link is
// refused, with the very answer an unknown link gets.
func TestInvitation_Expired(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	f := newFixtureAt(t, dbtest.New(t, store.SQLite), func() time.Time { return now })
	team, _ := f.teamC(t)
	_, body := f.login(t, "admin").do("POST", "/api/v1/invitations", map[string]string{"team_id": team.ID}, nil)
	r := decode[invitationResult](t, body)
	if len(r.Invited) != 1 || r.Invited[0].ExpiresAt != "2026-03-16T09:00:00Z" {
		t.Fatalf("invited %+v, want Cora until 2026-03-16T09:00:00Z", r.Invited)
	}
	token := tokenOf(t, r.Invited[0].Link)
	now = now.Add(14*24*time.Hour - time.Second)
	if res, body := f.anon(t).do("GET", "/api/v1/invitations/"+token, nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("a second before expiry: %d %s", res.StatusCode, body)
	}
	now = now.Add(time.Second)
	answer := func(res *http.Response, body []byte) string {
		e := decode[struct {
			Error struct{ Code, Message string } `json:"error"`
		}](t, body)
		return res.Status + " " + e.Error.Code + " " + e.Error.Message
	}
	expired := answer(f.anon(t).do("GET", "/api/v1/invitations/"+token, nil, nil))
	unknown := answer(f.anon(t).do("GET", "/api/v1/invitations/"+strings.Repeat("0", len(token)), nil, nil))
	if !strings.HasPrefix(expired, "410") || expired != unknown {
		t.Errorf("expired link: %q; unknown link: %q; want the same 410", expired, unknown)
	}
	if res, body := f.anon(t).do("POST", "/api/v1/invitations/"+token+"/accept", map[string]string{"password": "in good time"}, nil); res.StatusCode != http.StatusGone {
		t.Errorf("accept after expiry: %d %s, want 410", res.StatusCode, body)
	}
}

// TestInvitation_AdminOnly: inviting makes logins, which only admins do
// (as POST /users): a lead of another team and the team's own lead are
// refused, and nothing is made.
func TestInvitation_AdminOnly(t *testing.T) {
	f := sqliteFixture(t)
	team, agents := f.teamC(t)
	for _, who := range []string{"leadA", "leadB", "hr", "agentA"} {
		for _, body := range []any{map[string]string{"team_id": team.ID}, map[string]any{"agent_ids": []string{agents["Cora"].ID}}} {
			if res, out := f.login(t, who).do("POST", "/api/v1/invitations", body, nil); res.StatusCode != http.StatusForbidden {
				t.Errorf("%s invites %v: %d %s, want 403", who, body, res.StatusCode, out)
			}
		}
	}
	if _, err := f.db.FindUserByEmail(t.Context(), "cora@example.com"); err == nil {
		t.Error("a refused invitation made Cora's login")
	}
}

// TestInvitation_AgentIDs: named agents who log in already are reported;
// an unknown agent refuses the request on its field; a password the admin
// sets voids the link.
func TestInvitation_AgentIDs(t *testing.T) {
	f := sqliteFixture(t)
	_, agents := f.teamC(t)
	admin := f.login(t, "admin")
	res, body := admin.do("POST", "/api/v1/invitations", map[string]any{"agent_ids": []string{agents["Cora"].ID, "no-such-agent"}}, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"agent_ids[1]"`) {
		t.Fatalf("an unknown agent: %d %s, want 422 on agent_ids[1]", res.StatusCode, body)
	}
	res, body = admin.do("POST", "/api/v1/invitations", map[string]any{"agent_ids": []string{f.agentA.ID, agents["Carl"].ID, agents["Cora"].ID}}, nil)
	r := decode[invitationResult](t, body)
	if res.StatusCode != http.StatusOK || len(r.Invited) != 1 || r.Invited[0].AgentID != agents["Cora"].ID || len(r.NotInvited) != 2 ||
		r.NotInvited[0].Reason != "has_login" || r.NotInvited[1].Reason != "left" {
		t.Fatalf("invite Anna (has a login), Carl (left), Cora: %d %s", res.StatusCode, body)
	}
	token := tokenOf(t, r.Invited[0].Link)
	if res, body := admin.do("POST", "/api/v1/users/"+r.Invited[0].UserID+"/password", map[string]string{"password": "set by the admin"}, nil); res.StatusCode != http.StatusNoContent {
		t.Fatalf("admin sets Cora's password: %d %s", res.StatusCode, body)
	}
	if res, body := f.anon(t).do("GET", "/api/v1/invitations/"+token, nil, nil); res.StatusCode != http.StatusGone {
		t.Errorf("the link after the admin set a password: %d %s, want 410", res.StatusCode, body)
	}
	if _, status := f.loginAs(t, "cora@example.com", "set by the admin"); status != http.StatusOK {
		t.Errorf("login with the admin's password: %d", status)
	}
}

// TestInvitation_RateLimited: after five unknown links from one address
// (the login limit) the sixth try is 429, even with a good link.
func TestInvitation_RateLimited(t *testing.T) {
	f := sqliteFixture(t)
	team, _ := f.teamC(t)
	_, body := f.login(t, "admin").do("POST", "/api/v1/invitations", map[string]string{"team_id": team.ID}, nil)
	token := tokenOf(t, decode[invitationResult](t, body).Invited[0].Link)
	c := f.anon(t)
	for i := range 5 {
		if res, _ := c.do("GET", "/api/v1/invitations/guess"+string(rune('a'+i)), nil, nil); res.StatusCode != http.StatusGone {
			t.Fatalf("guess %d: %d, want 410", i+1, res.StatusCode)
		}
	}
	if res, body := c.do("GET", "/api/v1/invitations/"+token, nil, nil); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after five misses: %d %s, want 429", res.StatusCode, body)
	}
}

// TestInvitation_TokenNotLogged: neither inviting nor opening and
// accepting a link writes its token to the log.
func TestInvitation_TokenNotLogged(t *testing.T) {
	f := sqliteFixture(t)
	var logs bytes.Buffer
	f.ts.Config.Handler = api.NewServer(api.Config{Version: "test"}, f.db, slog.New(slog.NewJSONHandler(&logs, nil))).Handler()
	team, _ := f.teamC(t)
	_, body := f.login(t, "admin").do("POST", "/api/v1/invitations", map[string]string{"team_id": team.ID}, nil)
	token := tokenOf(t, decode[invitationResult](t, body).Invited[0].Link)
	c := f.anon(t)
	c.do("GET", "/invite/"+token, nil, nil)
	c.do("GET", "/api/v1/invitations/"+token, nil, nil)
	if res, body := c.do("POST", "/api/v1/invitations/"+token+"/accept", map[string]string{"password": "cora's own secret"}, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("accept: %d %s", res.StatusCode, body)
	}
	if strings.Contains(logs.String(), token) || strings.Contains(logs.String(), "cora's own secret") {
		t.Errorf("the token or password reached the log:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "/api/v1/invitations/***/accept") {
		t.Errorf("the log has no masked accept request:\n%s", logs.String())
	}
}

// TestInvitation_UsersListPending: GET /users shows Cora's invitation
// pending with its expiry, then expired 14 days on; a new link makes it
// pending again, and once accepted it is null, as for every other login.
func TestInvitation_UsersListPending(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		f := newFixtureAt(t, db, func() time.Time { return now })
		_, agents := f.teamC(t)
		admin := f.login(t, "admin")
		invite := func() invitationResult {
			t.Helper()
			res, body := admin.do("POST", "/api/v1/invitations", map[string]any{"agent_ids": []string{agents["Cora"].ID}}, nil)
			r := decode[invitationResult](t, body)
			if res.StatusCode != http.StatusOK || len(r.Invited) != 1 {
				t.Fatalf("invite Cora: %d %s", res.StatusCode, body)
			}
			return r
		}
		type pending struct {
			ExpiresAt string `json:"expires_at"`
			Expired   bool   `json:"expired"`
		}
		// invitations lists the users' invitations by e-mail address.
		invitations := func() map[string]*pending {
			t.Helper()
			res, body := admin.do("GET", "/api/v1/users", nil, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("list users: %d %s", res.StatusCode, body)
			}
			out := map[string]*pending{}
			for _, u := range decode[struct {
				Items []struct {
					Email      string   `json:"email"`
					Invitation *pending `json:"invitation"`
				} `json:"items"`
			}](t, body).Items {
				out[u.Email] = u.Invitation
			}
			return out
		}
		check := func(when string, want *pending) {
			t.Helper()
			got := invitations()
			for email, inv := range got {
				switch {
				case email == "cora@example.com" && (inv == nil) != (want == nil):
					t.Errorf("%s: Cora's invitation %+v, want %+v", when, inv, want)
				case email == "cora@example.com" && inv != nil && *inv != *want:
					t.Errorf("%s: Cora's invitation %+v, want %+v", when, *inv, *want)
				case email != "cora@example.com" && inv != nil:
					t.Errorf("%s: %s has invitation %+v, want null", when, email, *inv)
				}
			}
			if _, ok := got["cora@example.com"]; !ok {
				t.Errorf("%s: Cora's login is not listed", when)
			}
		}
		invite()
		check("fresh", &pending{ExpiresAt: "2026-03-16T09:00:00Z"})
		now = now.Add(14 * 24 * time.Hour)
		admin = f.login(t, "admin") // the session has ended meanwhile
		check("14 days on", &pending{ExpiresAt: "2026-03-16T09:00:00Z", Expired: true})
		r := invite()
		check("invited again", &pending{ExpiresAt: "2026-03-30T09:00:00Z"})
		if res, body := f.anon(t).do("POST", "/api/v1/invitations/"+tokenOf(t, r.Invited[0].Link)+"/accept", map[string]string{"password": "in good time"}, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("accept: %d %s", res.StatusCode, body)
		}
		check("accepted", nil)
	})
}

// TestInvitation_LeftAtTheSite: an agent has left once their last day is
// over at their site, not in UTC. Lena (Berlin) and Nick (New York) both
// work their last day on Tuesday 10 March 2026; each is invited while it
// is that day at their site, from 00:30 to 23:30, and is left out from
// 00:30 the day after.
func TestInvitation_LeftAtTheSite(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC)
		f := newFixtureAt(t, db, func() time.Time { return now })
		ctx := context.Background()
		ny := scheduling.Site{OrganisationID: f.site.OrganisationID, Name: "New York", TimeZone: "America/New_York", HolidayRegion: "US"}
		must(t, db.CreateSite(ctx, &ny))
		nyTeam := scheduling.Team{SiteID: ny.ID, Name: "NY"}
		must(t, db.CreateTeam(ctx, &nyTeam))
		lastDay := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
		mk := func(team, first string) scheduling.Agent {
			a := scheduling.Agent{TeamID: team, FirstName: first, LastName: "Leaving", Email: strings.ToLower(first) + "@example.com",
				Contract: scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40}, LeaveDate: lastDay}
			must(t, db.CreateAgent(ctx, &a))
			return a
		}
		lena, nick := mk(f.teamB.ID, "Lena"), mk(nyTeam.ID, "Nick")
		for _, c := range []struct {
			name string
			who  scheduling.Agent
			at   string // UTC
			left bool
		}{
			{"BerlinFirstMinutes", lena, "2026-03-09T23:30:00Z", false},  // 00:30 CET on the 10th
			{"BerlinLastHour", lena, "2026-03-10T22:30:00Z", false},      // 23:30 CET on the 10th
			{"BerlinDayAfter", lena, "2026-03-10T23:30:00Z", true},       // 00:30 CET on the 11th
			{"NewYorkFirstMinutes", nick, "2026-03-10T04:30:00Z", false}, // 00:30 EDT on the 10th
			{"NewYorkLastHour", nick, "2026-03-11T03:30:00Z", false},     // 23:30 EDT on the 10th
			{"NewYorkDayAfter", nick, "2026-03-11T04:30:00Z", true},      // 00:30 EDT on the 11th
		} {
			t.Run(c.name, func(t *testing.T) {
				var err error
				now, err = time.Parse(time.RFC3339, c.at)
				must(t, err)
				// A session of its own: the clock jumps past idle timeouts.
				res, body := f.login(t, "admin").do("POST", "/api/v1/invitations", map[string]any{"agent_ids": []string{c.who.ID}}, nil)
				r := decode[invitationResult](t, body)
				left := len(r.NotInvited) == 1 && r.NotInvited[0].Reason == "left"
				invited := len(r.Invited) == 1 && r.Invited[0].AgentID == c.who.ID
				if res.StatusCode != http.StatusOK || left != c.left || invited == c.left {
					t.Errorf("invite %s at %s: %d %s, want left = %v", c.who.FirstName, c.at, res.StatusCode, body, c.left)
				}
			})
		}
	})
}
