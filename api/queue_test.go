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

// TestQueue_PutReplacesSettings: an admin raises the queue's service level
// and handle time; a bad value or a move to another site is refused naming
// the field and leaves the queue as it was.
func TestQueue_PutReplacesSettings(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	path := "/api/v1/queues/" + f.queue.ID
	_, body := admin.do("GET", path, nil, nil)
	q := decode[map[string]any](t, body)
	q["aht_seconds"] = 240
	q["target"].(map[string]any)["service_level"] = 0.9
	res, body := admin.do("PUT", path, q, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"service_level":0.9`) || !strings.Contains(string(body), `"aht_seconds":240`) {
		t.Fatalf("PUT queue: %d %s", res.StatusCode, body)
	}
	_, before := admin.do("GET", path, nil, nil)
	for field, set := range map[string]func(map[string]any){
		"aht_seconds": func(m map[string]any) { m["aht_seconds"] = 0 },
		"site_id":     func(m map[string]any) { m["site_id"] = "elsewhere" },
	} {
		m := decode[map[string]any](t, before)
		set(m)
		if res, got := admin.do("PUT", path, m, nil); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(got), `"field":"`+field+`"`) {
			t.Errorf("%s: %d %s, want 422 naming it", field, res.StatusCode, got)
		}
	}
	if _, after := admin.do("GET", path, nil, nil); string(after) != string(before) {
		t.Errorf("refused PUTs changed the queue:\n%s\nwant\n%s", after, before)
	}
	if res, _ := admin.do("PUT", "/api/v1/queues/no-such-queue", q, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("PUT of an unknown queue: %d, want 404", res.StatusCode)
	}
}
