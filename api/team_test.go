package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestTeam_NamesCompareIgnoringCase: the agent import finds a team by
// its name in any case, spaces trimmed, so two teams of one site may not
// have names that differ only so: adding or renaming one is 409 naming
// the team that has the name, and nothing is stored. A name is trimmed;
// another site may have a team of the same name.
func TestTeam_NamesCompareIgnoringCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		count := func() int {
			_, body := admin.do("GET", "/api/v1/teams?limit=500", nil, nil)
			return len(decode[struct{ Items []struct{ ID string } }](t, body).Items)
		}
		before := count()
		for _, name := range []string{"a", " A ", "A"} {
			res, body := admin.do("POST", "/api/v1/teams", map[string]any{"site_id": f.site.ID, "name": name}, nil)
			if res.StatusCode != http.StatusConflict || !strings.Contains(string(body), `team \"A\"`) {
				t.Errorf("POST team %q beside team A: %d %s, want 409 naming team \"A\"", name, res.StatusCode, body)
			}
		}
		if res, body := admin.do("PATCH", "/api/v1/teams/"+f.teamB.ID, map[string]any{"name": "a"}, nil); res.StatusCode != http.StatusConflict {
			t.Errorf("renaming team B to a: %d %s, want 409", res.StatusCode, body)
		}
		if got := count(); got != before {
			t.Errorf("%d teams after the refusals, want %d", got, before)
		}
		if _, body := admin.do("GET", "/api/v1/teams/"+f.teamB.ID, nil, nil); decode[struct{ Name string }](t, body).Name != "B" {
			t.Errorf("team B after a refused rename: %s", body)
		}
		// Team B may change the case of its own name; the name is trimmed.
		res, body := admin.do("PATCH", "/api/v1/teams/"+f.teamB.ID, map[string]any{"name": " b "}, nil)
		if res.StatusCode != http.StatusOK || decode[struct{ Name string }](t, body).Name != "b" {
			t.Errorf("renaming team B to \" b \": %d %s, want 200 named \"b\"", res.StatusCode, body)
		}
		res, body = admin.do("POST", "/api/v1/sites", map[string]any{"name": "Munich", "time_zone": "Europe/Berlin", "holiday_region": "DE-BY"}, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("POST site: %d %s", res.StatusCode, body)
		}
		munich := decode[struct{ ID string }](t, body).ID
		if res, body := admin.do("POST", "/api/v1/teams", map[string]any{"site_id": munich, "name": "a"}, nil); res.StatusCode != http.StatusCreated {
			t.Errorf("team a at another site: %d %s, want 201", res.StatusCode, body)
		}
	})
}

// TestSkill_CodesCompareIgnoringCase: agents and queues name skills by
// exact code, so a new code differing from the fixture's "phone" only in
// case is 409 naming it and not stored; "phone" itself is renamed as
// before.
func TestSkill_CodesCompareIgnoringCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		res, body := admin.do("PUT", "/api/v1/skills/Phone", map[string]any{"kind": "channel", "name": "Phone"}, nil)
		if res.StatusCode != http.StatusConflict || !strings.Contains(string(body), `skill \"phone\"`) {
			t.Errorf("PUT skills/Phone beside phone: %d %s, want 409 naming phone", res.StatusCode, body)
		}
		if res, body := admin.do("PUT", "/api/v1/skills/phone", map[string]any{"kind": "channel", "name": "Telephone"}, nil); res.StatusCode != http.StatusOK {
			t.Errorf("renaming phone: %d %s, want 200", res.StatusCode, body)
		}
		_, body = admin.do("GET", "/api/v1/skills", nil, nil)
		skills := decode[struct{ Items []struct{ Code, Name string } }](t, body).Items
		if len(skills) != 1 || skills[0].Code != "phone" || skills[0].Name != "Telephone" {
			t.Errorf("skills %+v, want phone (Telephone) alone", skills)
		}
	})
}
