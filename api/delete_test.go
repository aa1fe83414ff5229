package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestTemplate_DeleteOnlyUnused: a template nothing uses is removed; one
// the roster's shifts were built from, or one an agent wishes for, stays
// (409 saying why), and only admins delete.
func TestTemplate_DeleteOnlyUnused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		created := func(code string) string {
			t.Helper()
			res, body := admin.do("POST", "/api/v1/shift-templates", map[string]any{"site_id": f.site.ID, "code": code,
				"earliest_start": "08:00", "latest_start": "08:00", "length_minutes": 480}, nil)
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("POST template %s: %d %s", code, res.StatusCode, body)
			}
			return decode[map[string]any](t, body)["id"].(string)
		}
		mistake, wished := created("X"), created("W")
		if res, body := f.login(t, "leadA").do("DELETE", "/api/v1/shift-templates/"+mistake, nil, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("a lead deletes a template: %d %s, want 403", res.StatusCode, body)
		}
		if res, body := admin.do("DELETE", "/api/v1/shift-templates/"+mistake, nil, nil); res.StatusCode != http.StatusNoContent {
			t.Errorf("DELETE an unused template: %d %s, want 204", res.StatusCode, body)
		}
		if res, _ := admin.do("DELETE", "/api/v1/shift-templates/"+mistake, nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("DELETE it again: %d, want 404", res.StatusCode)
		}
		if res, body := admin.do("DELETE", "/api/v1/shift-templates/"+f.tmpl.ID, nil, nil); res.StatusCode != http.StatusConflict ||
			!strings.Contains(string(body), `shift template \"`+f.tmpl.Code+`\": 4 shifts were built from it`) {
			t.Errorf("DELETE the roster's template: %d %s, want 409", res.StatusCode, body)
		}
		if res, body := admin.do("PUT", "/api/v1/preferences?agent="+f.agentA.ID, map[string]any{"items": []any{
			map[string]any{"date": "2026-03-03", "template_id": wished}}}, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("PUT preferences: %d %s", res.StatusCode, body)
		}
		if res, body := admin.do("DELETE", "/api/v1/shift-templates/"+wished, nil, nil); res.StatusCode != http.StatusConflict ||
			!strings.Contains(string(body), `shift template \"W\": 1 agent wishes for it`) {
			t.Errorf("DELETE a wished-for template: %d %s, want 409", res.StatusCode, body)
		}
		_, body := admin.do("GET", "/api/v1/shift-templates", nil, nil)
		if got := string(body); strings.Contains(got, mistake) || !strings.Contains(got, wished) || !strings.Contains(got, f.tmpl.ID) {
			t.Errorf("templates after the deletes: %s, want the mistake gone and the others kept", got)
		}
	})
}

// TestQueue_DeleteOnlyUnused: a queue no shift serves goes with its
// history; one a shift serves stays (409).
func TestQueue_DeleteOnlyUnused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		res, body := admin.do("POST", "/api/v1/queues", map[string]any{"site_id": f.site.ID, "name": "Typo", "channel": "phone",
			"aht_seconds": 300, "target": map[string]any{"service_level": 0.8, "answer_within_seconds": 20}}, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("POST queue: %d %s", res.StatusCode, body)
		}
		typo := decode[map[string]any](t, body)["id"].(string)
		if res, body := admin.do("POST", "/api/v1/queues/"+typo+"/history", "interval_start,offered\n2026-01-05T08:00,12\n2026-01-05T08:15,14\n", nil); res.StatusCode != http.StatusOK {
			t.Fatalf("POST history: %d %s", res.StatusCode, body)
		}
		if res, body := admin.do("DELETE", "/api/v1/queues/"+typo, nil, nil); res.StatusCode != http.StatusNoContent {
			t.Errorf("DELETE an unused queue: %d %s, want 204", res.StatusCode, body)
		}
		if res, _ := admin.do("GET", "/api/v1/queues/"+typo, nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET the deleted queue: %d, want 404", res.StatusCode)
		}
		if vs, err := db.FindHistory(context.Background(), typo, week.AddDate(-1, 0, 0), week); err != nil || len(vs) != 0 {
			t.Errorf("the deleted queue's history: %d intervals (%v), want none", len(vs), err)
		}
		served := f.shifts[0]
		served.QueueID = f.queue.ID
		_, err := db.UpdateShift(context.Background(), served)
		must(t, err)
		if res, body := admin.do("DELETE", "/api/v1/queues/"+f.queue.ID, nil, nil); res.StatusCode != http.StatusConflict ||
			!strings.Contains(string(body), `queue \"`+f.queue.Name+`\": 1 shift serves it`) {
			t.Errorf("DELETE a served queue: %d %s, want 409", res.StatusCode, body)
		}
		if _, err := db.FindQueueByID(context.Background(), f.queue.ID); err != nil {
			t.Errorf("the served queue after the refused delete: %v", err)
		}
	})
}

// wantRefused fails unless DELETE path answers 409 with a message saying
// why.
func wantRefused(t *testing.T, c *client, path, why string) {
	t.Helper()
	if res, body := c.do("DELETE", path, nil, nil); res.StatusCode != http.StatusConflict || !strings.Contains(string(body), why) {
		t.Errorf("DELETE %s: %d %s, want 409 saying %q", path, res.StatusCode, body, why)
	}
}

// wantForbidden fails unless every non-admin of the fixture gets 403 for
// DELETE path.
func wantForbidden(t *testing.T, f *fixture, path string) {
	t.Helper()
	for _, who := range []string{"leadA", "agentA", "hr"} {
		if res, body := f.login(t, who).do("DELETE", path, nil, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: DELETE %s: %d %s, want 403", who, path, res.StatusCode, body)
		}
	}
}

// created POSTs body to path as c and returns the new id.
func created(t *testing.T, c *client, path string, body any) string {
	t.Helper()
	res, out := c.do("POST", path, body, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST %s: %d %s", path, res.StatusCode, out)
	}
	return decode[map[string]any](t, out)["id"].(string)
}

// TestTeam_DeleteOnlyUnused: a team added by mistake goes and leaves its
// lead's team list; the fixture's teams (A: Anna, Arno and the roster; B:
// Bea) stay, and so does one whose only agent has left (409 counting
// them). Only admins delete.
func TestTeam_DeleteOnlyUnused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		admin := f.login(t, "admin")
		typo := created(t, admin, "/api/v1/teams", map[string]any{"site_id": f.site.ID, "name": "Tpyo"})
		if res, body := admin.do("PATCH", "/api/v1/users/"+f.users["leadA"].ID, map[string]any{"team_ids": []string{f.teamA.ID, typo}}, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("PATCH leadA's teams: %d %s", res.StatusCode, body)
		}
		wantForbidden(t, f, "/api/v1/teams/"+typo)
		if res, body := admin.do("DELETE", "/api/v1/teams/"+typo, nil, nil); res.StatusCode != http.StatusNoContent {
			t.Errorf("DELETE an unused team: %d %s, want 204", res.StatusCode, body)
		}
		if res, _ := admin.do("GET", "/api/v1/teams/"+typo, nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET the deleted team: %d, want 404", res.StatusCode)
		}
		if res, _ := admin.do("DELETE", "/api/v1/teams/"+typo, nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("DELETE it again: %d, want 404", res.StatusCode)
		}
		if u, err := db.FindUserByID(ctx, f.users["leadA"].ID); err != nil || len(u.TeamIDs) != 1 || u.TeamIDs[0] != f.teamA.ID {
			t.Errorf("leadA's teams after the delete: %v (%v), want only A", u.TeamIDs, err)
		}

		wantRefused(t, admin, "/api/v1/teams/"+f.teamA.ID, "2 agents and 1 roster belong to it; move or remove them first")
		wantRefused(t, admin, "/api/v1/teams/"+f.teamB.ID, "1 agent belongs to it; move or remove it first")
		left := created(t, admin, "/api/v1/teams", map[string]any{"site_id": f.site.ID, "name": "Left"})
		gone := scheduling.Agent{TeamID: left, FirstName: "Gert", LastName: "Gone", Contract: scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40},
			HireDate: week.AddDate(-2, 0, 0), LeaveDate: week.AddDate(-1, 0, 0)}
		must(t, db.CreateAgent(ctx, &gone))
		wantRefused(t, admin, "/api/v1/teams/"+left, "1 agent belongs to it")

		for _, id := range []string{f.teamA.ID, f.teamB.ID, left} {
			if res, body := admin.do("GET", "/api/v1/teams/"+id, nil, nil); res.StatusCode != http.StatusOK {
				t.Errorf("GET team %s after the refused delete: %d %s", id, res.StatusCode, body)
			}
		}
		agents, err := db.FindAgents(ctx, store.AgentFilter{TeamID: f.teamA.ID})
		must(t, err)
		if _, err := db.FindRosterByID(ctx, f.roster.ID); err != nil || len(agents) != 2 {
			t.Errorf("team A after the refused delete: %d agents, roster %v; want Anna, Arno and the roster", len(agents), err)
		}
	})
}

// TestSkill_DeleteOnlyUnused: a skill added by mistake goes, its code
// path-escaped as PUT takes it; phone (held by the fixture's three agents,
// needed by its queue), one only a queue needs and one only Bea holds
// stay (409 naming them). A queue cannot need a skill that is gone.
func TestSkill_DeleteOnlyUnused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		for _, code := range []string{"lang%3Afr", "lang:it", "chat"} {
			if res, body := admin.do("PUT", "/api/v1/skills/"+code, map[string]any{"kind": "language"}, nil); res.StatusCode != http.StatusOK {
				t.Fatalf("PUT skill %s: %d %s", code, res.StatusCode, body)
			}
		}
		wantForbidden(t, f, "/api/v1/skills/lang%3Afr")
		if res, body := admin.do("DELETE", "/api/v1/skills/lang%3Afr", nil, nil); res.StatusCode != http.StatusNoContent {
			t.Errorf("DELETE an unused skill: %d %s, want 204", res.StatusCode, body)
		}
		if res, _ := admin.do("DELETE", "/api/v1/skills/lang:fr", nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("DELETE it again: %d, want 404", res.StatusCode)
		}
		queue := map[string]any{"site_id": f.site.ID, "name": "French", "channel": "phone", "required_skills": []string{"lang:fr"},
			"aht_seconds": 300, "target": map[string]any{"service_level": 0.8, "answer_within_seconds": 20}}
		if res, body := admin.do("POST", "/api/v1/queues", queue, nil); res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(string(body), `"required_skills"`) {
			t.Errorf("POST a queue needing the deleted skill: %d %s, want 422 on required_skills", res.StatusCode, body)
		}

		wantRefused(t, admin, "/api/v1/skills/phone", `3 agents hold it and queue \"Phone\" needs it`)
		queue["name"], queue["required_skills"] = "Italian", []string{"lang:it"}
		created(t, admin, "/api/v1/queues", queue)
		wantRefused(t, admin, "/api/v1/skills/lang%3Ait", `queue \"Italian\" needs it`)
		if res, body := admin.do("PATCH", "/api/v1/agents/"+f.agentB.ID, map[string]any{"skills": []string{"phone", "chat"}}, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("PATCH Bea's skills: %d %s", res.StatusCode, body)
		}
		wantRefused(t, admin, "/api/v1/skills/chat", "1 agent holds it; take it off them first")

		_, body := admin.do("GET", "/api/v1/skills", nil, nil)
		for _, code := range []string{`"chat"`, `"lang:it"`, `"phone"`} {
			if !strings.Contains(string(body), code) || strings.Contains(string(body), `"lang:fr"`) {
				t.Errorf("skills after the deletes: %s, want %s kept and lang:fr gone", body, code)
			}
		}
		if b, err := db.FindAgentByID(context.Background(), f.agentB.ID); err != nil || len(b.Skills) != 2 {
			t.Errorf("Bea's skills after the refused delete: %v (%v), want chat and phone", b.Skills, err)
		}
	})
}

// TestSite_DeleteOnlyUnused: a site added by mistake goes with its rules;
// the fixture's site (teams A and B, the Phone queue, the E template)
// stays, and a new one stays while its template does, then goes.
func TestSite_DeleteOnlyUnused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		site := map[string]any{"name": "Pots dam", "time_zone": "Europe/Berlin"}
		typo := created(t, admin, "/api/v1/sites", site)
		if res, body := admin.do("PUT", "/api/v1/sites/"+typo+"/labour-rules", map[string]any{"min_daily_rest_hours": 12}, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("PUT labour rules: %d %s", res.StatusCode, body)
		}
		wantForbidden(t, f, "/api/v1/sites/"+typo)
		if res, body := admin.do("DELETE", "/api/v1/sites/"+typo, nil, nil); res.StatusCode != http.StatusNoContent {
			t.Errorf("DELETE an unused site: %d %s, want 204", res.StatusCode, body)
		}
		for _, p := range []string{"", "/labour-rules", "/pay-rules"} {
			if res, _ := admin.do("GET", "/api/v1/sites/"+typo+p, nil, nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("GET the deleted site%s: %d, want 404", p, res.StatusCode)
			}
		}
		if res, _ := admin.do("DELETE", "/api/v1/sites/"+typo, nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("DELETE it again: %d, want 404", res.StatusCode)
		}

		wantRefused(t, admin, "/api/v1/sites/"+f.site.ID, "2 teams, 1 queue and 1 shift template belong to it; remove them first")
		site["name"] = "Potsdam"
		potsdam := created(t, admin, "/api/v1/sites", site)
		tmpl := created(t, admin, "/api/v1/shift-templates", map[string]any{"site_id": potsdam, "code": "X",
			"earliest_start": "08:00", "latest_start": "08:00", "length_minutes": 480})
		wantRefused(t, admin, "/api/v1/sites/"+potsdam, "1 shift template belongs to it; remove it first")
		for _, p := range []string{"/api/v1/shift-templates/" + tmpl, "/api/v1/sites/" + potsdam} {
			if res, body := admin.do("DELETE", p, nil, nil); res.StatusCode != http.StatusNoContent {
				t.Errorf("DELETE %s: %d %s, want 204", p, res.StatusCode, body)
			}
		}

		if res, body := admin.do("GET", "/api/v1/sites/"+f.site.ID, nil, nil); res.StatusCode != http.StatusOK {
			t.Errorf("GET the site after the refused delete: %d %s", res.StatusCode, body)
		}
		teams, err := db.FindTeams(context.Background(), f.site.ID)
		must(t, err)
		queues, err := db.FindQueues(context.Background(), f.site.ID)
		must(t, err)
		if len(teams) != 2 || len(queues) != 1 {
			t.Errorf("the site after the refused delete: %d teams, %d queues; want A, B and Phone", len(teams), len(queues))
		}
	})
}
