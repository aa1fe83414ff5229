package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestLabourRules_PutRefusesPastLimits: a rule past its limit is 422 naming
// the field as this API spells it, and the stored rules are unchanged. A
// rest of 10⁹ hours overflowed the duration to a negative one, which
// silently switched the rule off.
func TestLabourRules_PutRefusesPastLimits(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	path := "/api/v1/sites/" + f.site.ID + "/labour-rules"
	good := map[string]any{"min_daily_rest_hours": 12, "max_consecutive_days": 5}
	if res, body := admin.do("PUT", path, good, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("valid rules: %d %s", res.StatusCode, body)
	}
	_, before := admin.do("GET", path, nil, nil)
	for field, value := range map[string]any{
		"min_daily_rest_hours":     1e9,
		"weekly_rest_hours":        169,
		"max_daily_work_hours":     24.5,
		"night_minimum_hours":      25,
		"max_consecutive_days":     100000,
		"max_average_weekly_hours": 200,
		"night_end":                "23:00", // with night_start 23:00 below: no night time
	} {
		res, body := admin.do("PUT", path, map[string]any{field: value, "night_start": "23:00"}, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"`+field+`"`) {
			t.Errorf("%s = %v: %d %s, want 422 naming it", field, value, res.StatusCode, body)
		}
	}
	if _, after := admin.do("GET", path, nil, nil); string(after) != string(before) {
		t.Errorf("stored rules changed by refused requests:\n%s\nwant\n%s", after, before)
	}
}

// TestLabourRules_MaxDailyWork: a site's agreement below ArbZG §3's
// 10 h of work a day. 7.5 h is refused while the fixture's early (8 h, no
// break) has more; 8 h is kept and answered back. Then a manual shift of
// 8.5 h without a break breaks max_daily_work, and a template of 9 h
// with a 30-minute lunch (8.5 h of work) is refused naming its length.
func TestLabourRules_MaxDailyWork(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	path := "/api/v1/sites/" + f.site.ID + "/labour-rules"
	if res, body := admin.do("PUT", path, map[string]any{"max_daily_work_hours": 7.5}, nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(string(body), `"field":"max_daily_work_hours","message":"template E has 8h of work a shift`) {
		t.Errorf("PUT 7.5 h: %d %s, want 422 naming template E", res.StatusCode, body)
	}
	if res, body := admin.do("PUT", path, map[string]any{"max_daily_work_hours": 8}, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("PUT 8 h: %d %s", res.StatusCode, body)
	}
	if _, body := admin.do("GET", path, nil, nil); decode[map[string]any](t, body)["max_daily_work_hours"] != 8.0 {
		t.Errorf("GET answers %s, want max_daily_work_hours 8", body)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	wed := time.Date(2026, 3, 4, 7, 0, 0, 0, berlin)
	res, body := f.login(t, "leadA").do("POST", "/api/v1/rosters/"+f.roster.ID+"/shifts", map[string]any{"agent_id": f.agentA.ID,
		"start": wed, "end": wed.Add(8*time.Hour + 30*time.Minute)}, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"rule":"max_daily_work"`) ||
		!strings.Contains(string(body), "8.5h of work, at most 8h a day") {
		t.Errorf("an 8.5-hour shift: %d %s, want 422 for max_daily_work", res.StatusCode, body)
	}
	res, body = admin.do("POST", "/api/v1/shift-templates", map[string]any{"site_id": f.site.ID, "code": "L", "name": "Long", "earliest_start": "07:00",
		"latest_start": "07:00", "length_minutes": 540, "breaks": []map[string]any{{"name": "Lunch", "length_minutes": 30, "earliest_after_minutes": 240, "latest_after_minutes": 300}}}, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"length_minutes","message":"8.5h of work a shift`) {
		t.Errorf("a template of 8.5 h of work: %d %s, want 422 on length_minutes", res.StatusCode, body)
	}
}

// TestSite_PatchKeepsTheZoneOfRosteredShifts: the fixture's site has a
// roster, so its zone stays (409) while its name and holiday region
// change; a new site without rosters changes zone. A team is renamed; a
// name its site already has is 409; an unknown zone is 422.
func TestSite_PatchKeepsTheZoneOfRosteredShifts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		path := "/api/v1/sites/" + f.site.ID
		if res, body := admin.do("PATCH", path, map[string]any{"time_zone": "Europe/Lisbon"}, nil); res.StatusCode != http.StatusConflict {
			t.Errorf("zone of a rostered site: %d %s, want 409", res.StatusCode, body)
		}
		if res, body := admin.do("PATCH", path, map[string]any{"name": "Berlin Mitte", "holiday_region": "DE-BB"}, nil); res.StatusCode != http.StatusOK ||
			!strings.Contains(string(body), `"time_zone":"Europe/Berlin"`) || !strings.Contains(string(body), `"holiday_region":"DE-BB"`) {
			t.Errorf("rename: %d %s", res.StatusCode, body)
		}
		res, body := admin.do("POST", "/api/v1/sites", map[string]any{"name": "Porto", "time_zone": "Europe/Berlin"}, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("new site: %d %s", res.StatusCode, body)
		}
		porto := decode[map[string]any](t, body)["id"].(string)
		if res, body := admin.do("PATCH", "/api/v1/sites/"+porto, map[string]any{"time_zone": "Europe/Lisbon"}, nil); res.StatusCode != http.StatusOK {
			t.Errorf("zone of a site without rosters: %d %s, want 200", res.StatusCode, body)
		}
		if res, body := admin.do("PATCH", "/api/v1/sites/"+porto, map[string]any{"time_zone": "Atlantis/Nowhere"}, nil); res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(string(body), `"field":"time_zone"`) {
			t.Errorf("unknown zone: %d %s, want 422", res.StatusCode, body)
		}
		if res, body := admin.do("PATCH", "/api/v1/teams/"+f.teamA.ID, map[string]any{"name": "A prime"}, nil); res.StatusCode != http.StatusOK || !strings.Contains(string(body), "A prime") {
			t.Errorf("rename team: %d %s", res.StatusCode, body)
		}
		if res, body := admin.do("PATCH", "/api/v1/teams/"+f.teamA.ID, map[string]any{"name": f.teamB.Name}, nil); res.StatusCode != http.StatusConflict {
			t.Errorf("team B's name for team A: %d %s, want 409", res.StatusCode, body)
		}
	})
}

// TestPayRules_PutRefusesANightPremiumWithoutNight: pay rules whose night
// starts when it ends have no night window (pay.Rules), so a night
// premium with them would never be paid: refused on night_end, nothing
// stored. Without a premium the empty window stays allowed (no night
// pay), as does a premium with a window.
func TestPayRules_PutRefusesANightPremiumWithoutNight(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	path := "/api/v1/sites/" + f.site.ID + "/pay-rules"
	if res, body := admin.do("PUT", path, map[string]any{"night_premium": 0.25, "night_start": "22:00", "night_end": "06:00"}, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("night 22:00–06:00 at +25 %%: %d %s", res.StatusCode, body)
	}
	_, before := admin.do("GET", path, nil, nil)
	for _, rules := range []map[string]any{
		{"night_premium": 0.25, "night_start": "23:00", "night_end": "23:00"},
		{"night_premium": 0.25},
	} {
		res, body := admin.do("PUT", path, rules, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"night_end"`) {
			t.Errorf("%v: %d %s, want 422 on night_end", rules, res.StatusCode, body)
		}
	}
	if _, after := admin.do("GET", path, nil, nil); string(after) != string(before) {
		t.Errorf("stored rules changed by refused requests:\n%s\nwant\n%s", after, before)
	}
	if res, body := admin.do("PUT", path, map[string]any{"sunday_premium": 0.5}, nil); res.StatusCode != http.StatusOK {
		t.Errorf("no night window and no night premium: %d %s, want 200", res.StatusCode, body)
	}
}

// TestSite_NameUniqueIgnoringCase: two sites called "Berlin" and
// "berlin " could not be told apart in the web app, so POST and PATCH
// /sites refuse a name another site has in any case or with spaces
// around it: 409 naming the field and that site, nothing changed. Names
// are stored trimmed; a site may change the case of its own name.
func TestSite_NameUniqueIgnoringCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		_, before := admin.do("GET", "/api/v1/sites", nil, nil)
		for _, name := range []string{"Berlin", "berlin ", " BERLIN"} {
			res, body := admin.do("POST", "/api/v1/sites", map[string]any{"name": name, "time_zone": "Europe/Berlin"}, nil)
			if res.StatusCode != http.StatusConflict || !strings.Contains(string(body), `name \"`) || !strings.Contains(string(body), `site \"Berlin\"`) {
				t.Errorf("POST site %q beside Berlin: %d %s, want 409 naming name and site Berlin", name, res.StatusCode, body)
			}
		}
		if _, after := admin.do("GET", "/api/v1/sites", nil, nil); string(after) != string(before) {
			t.Errorf("refused POSTs changed the sites:\n%s\nwas\n%s", after, before)
		}
		res, body := admin.do("POST", "/api/v1/sites", map[string]any{"name": " Hamburg ", "time_zone": "Europe/Berlin"}, nil)
		if res.StatusCode != http.StatusCreated || !strings.Contains(string(body), `"name":"Hamburg"`) {
			t.Fatalf("POST \" Hamburg \": %d %s, want 201 named Hamburg", res.StatusCode, body)
		}
		hamburg := "/api/v1/sites/" + decode[map[string]any](t, body)["id"].(string)
		_, before = admin.do("GET", "/api/v1/sites", nil, nil)
		if res, body := admin.do("PATCH", hamburg, map[string]any{"name": "BERLIN"}, nil); res.StatusCode != http.StatusConflict ||
			!strings.Contains(string(body), `site \"Berlin\"`) {
			t.Errorf("PATCH Hamburg to BERLIN: %d %s, want 409 naming site Berlin", res.StatusCode, body)
		}
		if _, after := admin.do("GET", "/api/v1/sites", nil, nil); string(after) != string(before) {
			t.Errorf("refused requests changed the sites:\n%s\nwas\n%s", after, before)
		}
		if res, body := admin.do("PATCH", "/api/v1/sites/"+f.site.ID, map[string]any{"name": "BERLIN"}, nil); res.StatusCode != http.StatusOK ||
			!strings.Contains(string(body), `"name":"BERLIN"`) {
			t.Errorf("Berlin to BERLIN: %d %s, want 200", res.StatusCode, body)
		}
	})
}
