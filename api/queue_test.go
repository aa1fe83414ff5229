package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestQueue_RefusesOutOfRangeTimes: a queue's times past their limits, or
// negative, are 422 naming each field as sent (with its unit), and no
// queue is added. 10¹² seconds wrapped past int64's nanoseconds before.
func TestQueue_RefusesOutOfRangeTimes(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	_, before := admin.do("GET", "/api/v1/queues", nil, nil)
	res, body := admin.do("POST", "/api/v1/queues", map[string]any{"site_id": f.site.ID, "name": "Bad", "channel": "phone",
		"aht_seconds": 1e12, "patience_seconds": -3,
		"target": map[string]any{"service_level": 0.8, "answer_within_seconds": 86401, "asa_seconds": -1, "response_within_seconds": -1}}, nil)
	for _, field := range []string{"aht_seconds", "patience_seconds", "target.answer_within_seconds", "target.asa_seconds",
		"target.response_within_seconds"} {
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"`+field+`"`) {
			t.Errorf("%d %s, want 422 naming %s", res.StatusCode, body, field)
		}
	}
	if _, after := admin.do("GET", "/api/v1/queues", nil, nil); string(after) != string(before) {
		t.Errorf("queues changed by a refused request")
	}
	// At the limits: a day's handle time, wait and patience, a month's response.
	res, body = admin.do("POST", "/api/v1/queues", map[string]any{"site_id": f.site.ID, "name": "Slow", "channel": "email",
		"aht_seconds": 86400, "patience_seconds": 86400,
		"target": map[string]any{"answer_within_seconds": 86400, "asa_seconds": 86400, "response_within_seconds": 31 * 86400}}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Errorf("queue at the limits: %d %s, want 201", res.StatusCode, body)
	}
}
