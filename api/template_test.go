package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestTemplate_StartStepRefused: a template whose open start window steps
// by a fraction of a minute (0.001 minutes: 1.4 million starts a day, each
// a shift type of every roster of the site) is refused naming start_step,
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
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"start_step"`) {
		t.Fatalf("step 0.001 min: %d %s, want 422 naming start_step", res.StatusCode, body)
	}
	if _, after := c.do("GET", "/api/v1/shift-templates", nil, nil); string(after) != string(before) {
		t.Errorf("templates changed by a refused request:\n%s\n%s", before, after)
	}
	if res, body := c.do("POST", "/api/v1/shift-templates", tmpl(15), nil); res.StatusCode != http.StatusCreated {
		t.Errorf("step 15 min: %d %s, want 201", res.StatusCode, body)
	}
}
