package api_test

import (
	"net/http"
	"strings"
	"testing"
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
		"night_minimum_hours":      25,
		"max_consecutive_days":     100000,
		"max_average_weekly_hours": 200,
	} {
		res, body := admin.do("PUT", path, map[string]any{field: value}, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"`+field+`"`) {
			t.Errorf("%s = %v: %d %s, want 422 naming it", field, value, res.StatusCode, body)
		}
	}
	if _, after := admin.do("GET", path, nil, nil); string(after) != string(before) {
		t.Errorf("stored rules changed by refused requests:\n%s\nwant\n%s", after, before)
	}
}
