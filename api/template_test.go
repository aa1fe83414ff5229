package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestTemplate_StartStepRefused: a template whose open start window steps
// by a fraction of a minute (0.001 minutes: 1.4 million starts a day, each
// a shift type of every roster of the site) is refused naming
// start_step_minutes,
// and the site's templates are as before; a step of 15 minutes is created.
func TestTemplate_StartStepRefused(t *testing.T) {
	f := sqliteFixture(t)
	c := f.login(t, "admin")
	_, before := c.do("GET", "/api/v1/shift-templates", nil, nil)
	tmpl := func(step float64) map[string]any {
		return map[string]any{"site_id": f.site.ID, "code": "X", "name": "Flexible", "earliest_start": "00:00",
			"latest_start": "23:00", "start_step_minutes": step, "length_minutes": 480}
	}
	res, body := c.do("POST", "/api/v1/shift-templates", tmpl(0.001), nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"start_step_minutes"`) {
		t.Fatalf("step 0.001 min: %d %s, want 422 naming start_step_minutes", res.StatusCode, body)
	}
	if _, after := c.do("GET", "/api/v1/shift-templates", nil, nil); string(after) != string(before) {
		t.Errorf("templates changed by a refused request:\n%s\n%s", before, after)
	}
	if res, body := c.do("POST", "/api/v1/shift-templates", tmpl(15), nil); res.StatusCode != http.StatusCreated {
		t.Errorf("step 15 min: %d %s, want 201", res.StatusCode, body)
	}
}

// TestTemplate_FieldsNamedAsSent: errors name a template's durations as the
// request spells them, with their unit, inside the breaks too.
func TestTemplate_FieldsNamedAsSent(t *testing.T) {
	f := sqliteFixture(t)
	c := f.login(t, "admin")
	res, body := c.do("POST", "/api/v1/shift-templates", map[string]any{"site_id": f.site.ID, "code": "X",
		"earliest_start": "08:00", "latest_start": "08:00", "length_minutes": 1e300,
		"breaks": []map[string]any{{"name": "Lunch", "length_minutes": 30, "earliest_after_minutes": 240, "latest_after_minutes": 1e12}}}, nil)
	for _, field := range []string{"length_minutes", "breaks[0].latest_after_minutes"} {
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"`+field+`"`) {
			t.Errorf("%d %s, want 422 naming %s", res.StatusCode, body, field)
		}
	}
}

// TestTemplate_PutReplaces: an admin lengthens the early shift to 8.5 h;
// taking another template's code is 409 and changes nothing.
func TestTemplate_PutReplaces(t *testing.T) {
	f := sqliteFixture(t)
	c := f.login(t, "admin")
	late := map[string]any{"site_id": f.site.ID, "code": "L", "name": "Late", "earliest_start": "14:00", "latest_start": "14:00", "length_minutes": 480}
	if res, body := c.do("POST", "/api/v1/shift-templates", late, nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST late: %d %s", res.StatusCode, body)
	}
	early := map[string]any{"site_id": f.site.ID, "code": "E", "name": "Early", "earliest_start": "07:00", "latest_start": "07:00", "length_minutes": 510}
	res, body := c.do("PUT", "/api/v1/shift-templates/"+f.tmpl.ID, early, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"length_minutes":510`) || !strings.Contains(string(body), `"site_id":"`+f.site.ID+`"`) {
		t.Fatalf("PUT early: %d %s", res.StatusCode, body)
	}
	_, before := c.do("GET", "/api/v1/shift-templates", nil, nil)
	early["code"] = "L"
	if res, body := c.do("PUT", "/api/v1/shift-templates/"+f.tmpl.ID, early, nil); res.StatusCode != http.StatusConflict {
		t.Errorf("taking the late template's code: %d %s, want 409", res.StatusCode, body)
	}
	if _, after := c.do("GET", "/api/v1/shift-templates", nil, nil); string(after) != string(before) {
		t.Errorf("a refused PUT changed the templates")
	}
}

// TestTemplate_CodeUniqueIgnoringCase: imports, the web app and the roster
// views read a code as naming one template of the site, so a code the
// site's early template "E" has in another case or with spaces around it
// is 409 naming the field and that template, for POST and PUT, and
// changes nothing. Codes are stored trimmed; another site may use "e",
// and a template may change the case of its own code.
func TestTemplate_CodeUniqueIgnoringCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		tmpl := func(site, code string) map[string]any {
			return map[string]any{"site_id": site, "code": code, "name": "Late", "earliest_start": "14:00", "latest_start": "14:00", "length_minutes": 480}
		}
		_, before := admin.do("GET", "/api/v1/shift-templates", nil, nil)
		for _, code := range []string{"E", "e", " e "} {
			res, body := admin.do("POST", "/api/v1/shift-templates", tmpl(f.site.ID, code), nil)
			if res.StatusCode != http.StatusConflict || !strings.Contains(string(body), `code \"`+strings.TrimSpace(code)+`\"`) ||
				!strings.Contains(string(body), `shift template \"E\" (Early)`) {
				t.Errorf("POST code %q beside E: %d %s, want 409 naming code and template E", code, res.StatusCode, body)
			}
		}
		if _, after := admin.do("GET", "/api/v1/shift-templates", nil, nil); string(after) != string(before) {
			t.Errorf("refused POSTs changed the templates:\n%s\nwas\n%s", after, before)
		}
		res, body := admin.do("POST", "/api/v1/shift-templates", tmpl(f.site.ID, " L "), nil)
		if res.StatusCode != http.StatusCreated || !strings.Contains(string(body), `"code":"L"`) {
			t.Fatalf("POST \" L \": %d %s, want 201 with code L", res.StatusCode, body)
		}
		late := decode[map[string]any](t, body)
		_, before = admin.do("GET", "/api/v1/shift-templates", nil, nil)
		if res, body := admin.do("PUT", "/api/v1/shift-templates/"+late["id"].(string), tmpl(f.site.ID, "e"), nil); res.StatusCode != http.StatusConflict ||
			!strings.Contains(string(body), `shift template \"E\" (Early)`) {
			t.Errorf("PUT L to e: %d %s, want 409 naming template E", res.StatusCode, body)
		}
		if _, after := admin.do("GET", "/api/v1/shift-templates", nil, nil); string(after) != string(before) {
			t.Errorf("refused requests changed the templates:\n%s\nwas\n%s", after, before)
		}
		res, body = admin.do("POST", "/api/v1/sites", map[string]any{"name": "Hamburg", "time_zone": "Europe/Berlin"}, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("POST site: %d %s", res.StatusCode, body)
		}
		hamburg := decode[map[string]any](t, body)["id"].(string)
		if res, body := admin.do("POST", "/api/v1/shift-templates", tmpl(hamburg, "e"), nil); res.StatusCode != http.StatusCreated {
			t.Errorf("code e at another site: %d %s, want 201", res.StatusCode, body)
		}
		early := tmpl(f.site.ID, "e")
		early["name"], early["earliest_start"], early["latest_start"] = "Early", "07:00", "07:00"
		if res, body := admin.do("PUT", "/api/v1/shift-templates/"+f.tmpl.ID, early, nil); res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"code":"e"`) {
			t.Errorf("E to e: %d %s, want 200", res.StatusCode, body)
		}
	})
}
