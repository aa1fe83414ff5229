package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/roster"
)

// TestPreferences_RefusesWhatASolveWouldRefuse: a weight past
// roster.MaxWeight (9·10¹⁸ overflowed the objective) or a template of no
// site of the agent made every later solve of the team fail; both are
// refused when the agent saves them, naming the item, and nothing changes.
// A preference for the site's template is kept.
func TestPreferences_RefusesWhatASolveWouldRefuse(t *testing.T) {
	f := sqliteFixture(t)
	agent := f.login(t, "agentA")
	ok := map[string]any{"date": "2026-03-02", "template_id": f.tmpl.ID, "weight": roster.MaxWeight}
	if res, body := agent.do("PUT", "/api/v1/preferences", map[string]any{"items": []any{ok}}, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("valid preference: %d %s", res.StatusCode, body)
	}
	_, before := agent.do("GET", "/api/v1/preferences", nil, nil)
	many := make([]any, 1001)
	for i := range many {
		many[i] = map[string]any{"date": "2026-03-02", "off": true}
	}
	for field, items := range map[string][]any{
		"items[1].weight":      {ok, map[string]any{"date": "2026-03-03", "off": true, "weight": roster.MaxWeight + 1}},
		"items[0].template_id": {map[string]any{"date": "2026-03-03", "template_id": "no-such-template"}},
		"items":                many,
	} {
		res, body := agent.do("PUT", "/api/v1/preferences", map[string]any{"items": items}, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"`+field+`"`) {
			t.Errorf("%s: %d %.300s, want 422 naming it", field, res.StatusCode, body)
		}
	}
	if _, after := agent.do("GET", "/api/v1/preferences", nil, nil); string(after) != string(before) {
		t.Errorf("refused preferences changed the stored ones:\n%s\nwant\n%s", after, before)
	}
}

// TestAvailability_RefusesOverlongWindows: a window longer than a time-off
// request may be, or a note past scheduling.MaxTextLength, is refused
// naming the window; the stored availability is unchanged.
func TestAvailability_RefusesOverlongWindows(t *testing.T) {
	f := sqliteFixture(t)
	agent := f.login(t, "agentA")
	start := week
	_, before := agent.do("GET", "/api/v1/availability", nil, nil)
	for field, w := range map[string]map[string]any{
		"windows[0].end":  {"start": start, "end": start.AddDate(20, 0, 0), "hard": true},
		"windows[0].note": {"start": start, "end": start.AddDate(0, 0, 1), "note": strings.Repeat("x", scheduling.MaxTextLength+1)},
	} {
		res, body := agent.do("PUT", "/api/v1/availability", map[string]any{"windows": []any{w}}, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"`+field+`"`) {
			t.Errorf("%s: %d %.300s, want 422 naming it", field, res.StatusCode, body)
		}
	}
	if _, after := agent.do("GET", "/api/v1/availability", nil, nil); string(after) != string(before) {
		t.Errorf("refused windows changed the stored availability")
	}
	if res, body := agent.do("PUT", "/api/v1/availability", map[string]any{"windows": []any{
		map[string]any{"start": start, "end": start.AddDate(0, 0, scheduling.MaxTimeOffDays), "hard": false}}}, nil); res.StatusCode != http.StatusOK {
		t.Errorf("a window of %d days: %d %s, want 200", scheduling.MaxTimeOffDays, res.StatusCode, body)
	}
}
