package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestAdmin_SetsUpATeamAndItsLead: on a running server an admin adds a
// site, a team, a skill and the team's lead, who logs in, sees the team's
// rosters, changes their password and is then known by the new one only.
func TestAdmin_SetsUpATeamAndItsLead(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	created := func(path string, body any) map[string]any {
		t.Helper()
		res, got := admin.do("POST", path, body, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s: %d %s", path, res.StatusCode, got)
		}
		return decode[map[string]any](t, got)
	}
	site := created("/api/v1/sites", map[string]any{"name": "Munich", "time_zone": "Europe/Berlin", "holiday_region": "DE-BY"})
	team := created("/api/v1/teams", map[string]any{"site_id": site["id"], "name": "C"})
	if res, body := admin.do("POST", "/api/v1/teams", map[string]any{"site_id": site["id"], "name": "C"}, nil); res.StatusCode != http.StatusConflict {
		t.Errorf("a second team C: %d %s, want 409", res.StatusCode, body)
	}
	if res, body := admin.do("PUT", "/api/v1/skills/lang:pt", map[string]any{"kind": "language", "name": "Portuguese"}, nil); res.StatusCode != http.StatusOK {
		t.Errorf("PUT skill: %d %s", res.StatusCode, body)
	}
	if _, body := admin.do("GET", "/api/v1/skills", nil, nil); !strings.Contains(string(body), `"code":"lang:pt"`) {
		t.Errorf("skills lack lang:pt: %s", body)
	}
	// A percent-encoded code is the same code; one with a space is refused, named.
	if res, body := admin.do("PUT", "/api/v1/skills/lang%3Afr", map[string]any{"kind": "language", "name": "French"}, nil); res.StatusCode != http.StatusOK ||
		!strings.Contains(string(body), `"code":"lang:fr"`) {
		t.Errorf("PUT skills/lang%%3Afr: %d %s, want lang:fr", res.StatusCode, body)
	}
	if res, body := admin.do("PUT", "/api/v1/skills/lang%20fr", map[string]any{"kind": "language"}, nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(string(body), `"field":"code"`) {
		t.Errorf("PUT skills/lang%%20fr: %d %s, want 422 on code", res.StatusCode, body)
	}
	lead := created("/api/v1/users", map[string]any{"email": "Lead.C@Example.com", "name": "Carla", "role": "team_lead",
		"team_ids": []any{team["id"]}, "password": "first password"})
	if lead["email"] != "lead.c@example.com" || lead["password"] != nil || lead["password_hash"] != nil {
		t.Errorf("created user %v: want the e-mail in lower case and no password", lead)
	}
	c, status := f.loginAs(t, "lead.c@example.com", "first password")
	if status != http.StatusOK {
		t.Fatalf("the new lead's login: %d", status)
	}
	if res, body := c.do("GET", "/api/v1/rosters?team="+team["id"].(string), nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("the lead's own team: %d %s", res.StatusCode, body)
	}
	if res, _ := c.do("GET", "/api/v1/rosters?team="+f.teamA.ID, nil, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("another team: %d, want 403", res.StatusCode)
	}
	// A wrong current password changes nothing; the right one ends every
	// session, this one too.
	if res, body := c.do("POST", "/api/v1/me/password", map[string]any{"current_password": "guess", "password": "second password"}, nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(string(body), `"field":"current_password"`) {
		t.Errorf("wrong current password: %d %s, want 422", res.StatusCode, body)
	}
	if res, body := c.do("POST", "/api/v1/me/password", map[string]any{"current_password": "first password", "password": "second password"}, nil); res.StatusCode != http.StatusNoContent {
		t.Fatalf("change password: %d %s", res.StatusCode, body)
	}
	if res, _ := c.do("GET", "/api/v1/me", nil, nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the session after the change: %d, want 401", res.StatusCode)
	}
	if _, status := f.loginAs(t, "lead.c@example.com", "first password"); status != http.StatusUnauthorized {
		t.Errorf("the old password: %d, want 401", status)
	}
	if _, status := f.loginAs(t, "lead.c@example.com", "second password"); status != http.StatusOK {
		t.Errorf("the new password: %d, want 200", status)
	}
	// The admin makes Carla HR and resets her password.
	id := lead["id"].(string)
	if res, body := admin.do("PATCH", "/api/v1/users/"+id, map[string]any{"role": "hr", "team_ids": []any{}}, nil); res.StatusCode != http.StatusOK ||
		!strings.Contains(string(body), `"role":"hr"`) {
		t.Errorf("PATCH user: %d %s", res.StatusCode, body)
	}
	if res, body := admin.do("POST", "/api/v1/users/"+id+"/password", map[string]any{"password": "third password"}, nil); res.StatusCode != http.StatusNoContent {
		t.Errorf("reset password: %d %s", res.StatusCode, body)
	}
	if _, status := f.loginAs(t, "lead.c@example.com", "third password"); status != http.StatusOK {
		t.Errorf("the reset password: %d, want 200", status)
	}
}

// TestAdmin_RefusesBadUsers: each refusal names its field, or is 409 for an
// address in use, and adds no user; an admin cannot demote themselves.
func TestAdmin_RefusesBadUsers(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	_, before := admin.do("GET", "/api/v1/users", nil, nil)
	for field, body := range map[string]map[string]any{
		"team_ids[0]": {"email": "x@example.com", "role": "team_lead", "team_ids": []any{"no-such-team"}, "password": "long enough"},
		"agent_id":    {"email": "x@example.com", "role": "agent", "password": "long enough"},
		"password":    {"email": "x@example.com", "role": "hr", "password": "short"},
		"locale":      {"email": "x@example.com", "role": "hr", "locale": "tlh", "password": "long enough"},
		"email":       {"email": "not an address", "role": "hr", "password": "long enough"},
	} {
		res, got := admin.do("POST", "/api/v1/users", body, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(got), `"field":"`+field+`"`) {
			t.Errorf("%s: %d %s, want 422 naming it", field, res.StatusCode, got)
		}
	}
	// Agent A logs in as agentA already.
	if res, got := admin.do("POST", "/api/v1/users", map[string]any{"email": "x@example.com", "role": "agent", "agent_id": f.agentA.ID, "password": "long enough"}, nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(string(got), "already logs in") {
		t.Errorf("a second login for agent A: %d %s, want 422", res.StatusCode, got)
	}
	if res, got := admin.do("POST", "/api/v1/users", map[string]any{"email": f.users["hr"].Email, "role": "hr", "password": "long enough"}, nil); res.StatusCode != http.StatusConflict {
		t.Errorf("an address in use: %d %s, want 409", res.StatusCode, got)
	}
	if _, after := admin.do("GET", "/api/v1/users", nil, nil); string(after) != string(before) {
		t.Errorf("refused users changed the list")
	}
	if res, got := admin.do("PATCH", "/api/v1/users/"+f.users["admin"].ID, map[string]any{"role": "hr"}, nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an admin demoting themselves: %d %s, want 422", res.StatusCode, got)
	}
	_, body := admin.do("GET", "/api/v1/users", nil, nil)
	users := decode[struct {
		Items []struct{ Email, Role string }
	}](t, body).Items
	if i := slices.IndexFunc(users, func(u struct{ Email, Role string }) bool { return u.Email == f.users["admin"].Email }); i < 0 || users[i].Role != "admin" {
		t.Errorf("the admin after refusals: %v", users)
	}
}

// TestAdmin_DisablesALogin: agent A leaves. Switched off, their open
// session, their API token and their calendar feed stop at once and their
// password no longer logs in; switched back on, it does again. An admin
// cannot switch themselves off.
func TestAdmin_DisablesALogin(t *testing.T) {
	f := sqliteFixture(t)
	admin, agent := f.login(t, "admin"), f.login(t, "agentA")
	res, out := agent.do("POST", "/api/v1/tokens", map[string]string{"name": "phone"}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create token: %d %s", res.StatusCode, out)
	}
	bearer := map[string]string{"Authorization": "Bearer " + decode[map[string]string](t, out)["token"]}
	feedURL := newFeed(t, agent)
	feed := feedURL[strings.Index(feedURL, "/ical/"):]
	if res, _ := f.anon(t).do("GET", feed, nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("feed before: %d", res.StatusCode)
	}
	id := f.users["agentA"].ID
	if res, body := admin.do("DELETE", "/api/v1/users/"+id, nil, nil); res.StatusCode != http.StatusNoContent {
		t.Fatalf("disable: %d %s", res.StatusCode, body)
	}
	if res, _ := agent.do("GET", "/api/v1/me", nil, nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the open session: %d, want 401", res.StatusCode)
	}
	if res, _ := f.anon(t).do("GET", "/api/v1/me", nil, bearer); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the API token: %d, want 401", res.StatusCode)
	}
	if res, _ := f.anon(t).do("GET", feed, nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("the calendar feed: %d, want 404", res.StatusCode)
	}
	if _, status := f.loginAs(t, f.users["agentA"].Email, pw); status != http.StatusUnauthorized {
		t.Errorf("logging in: %d, want 401", status)
	}
	if _, body := admin.do("GET", "/api/v1/users", nil, nil); !strings.Contains(string(body), `"email":"`+f.users["agentA"].Email+`","name":"agentA","role":"agent","agent_id":"`+f.agentA.ID+`","team_ids":[],"locale":"en","disabled":true`) {
		t.Errorf("the user list does not show agent A disabled: %s", body)
	}
	if res, _ := admin.do("DELETE", "/api/v1/users/"+f.users["admin"].ID, nil, nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an admin switching themselves off: %d, want 422", res.StatusCode)
	}
	if res, body := admin.do("PATCH", "/api/v1/users/"+id, map[string]any{"disabled": false}, nil); res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"disabled":false`) {
		t.Errorf("switch back on: %d %s", res.StatusCode, body)
	}
	if _, status := f.loginAs(t, f.users["agentA"].Email, pw); status != http.StatusOK {
		t.Errorf("logging in after switching back on: %d, want 200", status)
	}
}

// TestAdmin_HolidayRegions: every region the list offers is one a site
// may be created with (the list is holiday.Codes, which the site's
// validation reads too), and a code outside it is refused on
// holiday_region.
func TestAdmin_HolidayRegions(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	res, body := admin.do("GET", "/api/v1/holiday-regions", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /holiday-regions: %d %s", res.StatusCode, body)
	}
	got := decode[struct{ Regions []string }](t, body)
	for _, want := range []string{"DE", "DE-BY", "GB", "US"} {
		if !slices.Contains(got.Regions, want) {
			t.Errorf("regions lack %s: %v", want, got.Regions)
		}
	}
	for i, code := range got.Regions {
		res, body := admin.do("POST", "/api/v1/sites", map[string]any{"name": fmt.Sprintf("Site %d", i), "time_zone": "UTC", "holiday_region": code}, nil)
		if res.StatusCode != http.StatusCreated {
			t.Errorf("a site in %s: %d %s", code, res.StatusCode, body)
		}
	}
	if res, body := admin.do("POST", "/api/v1/sites", map[string]any{"name": "Leeds", "time_zone": "Europe/London", "holiday_region": "GB-ENG"}, nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(string(body), `"field":"holiday_region"`) {
		t.Errorf("a region not in the list: %d %s, want 422 on holiday_region", res.StatusCode, body)
	}
}
