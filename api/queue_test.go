package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/store"
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
		"aht_seconds": 86400, "target": map[string]any{"response_within_seconds": 31 * 86400}}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Errorf("e-mail queue at the limits: %d %s, want 201", res.StatusCode, body)
	}
	res, body = admin.do("POST", "/api/v1/queues", map[string]any{"site_id": f.site.ID, "name": "Patient", "channel": "phone",
		"aht_seconds": 86400, "patience_seconds": 86400,
		"target": map[string]any{"answer_within_seconds": 86400, "asa_seconds": 86400}}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Errorf("phone queue at the limits: %d %s, want 201", res.StatusCode, body)
	}
}

// TestQueue_EmailRefusesLiveOnlyFields: an e-mail queue's patience and
// abandonment cap would be stored and never used (e-mails wait until
// handled), so POST and PUT refuse them naming each field, and nothing
// stored changes. A phone queue's stay accepted.
func TestQueue_EmailRefusesLiveOnlyFields(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	mail := func(name string, patience, abandon float64) map[string]any {
		return map[string]any{"site_id": f.site.ID, "name": name, "channel": "email", "aht_seconds": 420, "patience_seconds": patience,
			"target": map[string]any{"response_within_seconds": 86400, "max_abandon": abandon}}
	}
	_, before := admin.do("GET", "/api/v1/queues", nil, nil)
	for _, c := range []struct {
		patience, abandon float64
		fields            []string
	}{
		{60, 0, []string{"patience_seconds"}},
		{0, 0.05, []string{"target.max_abandon"}},
		{60, 0.05, []string{"patience_seconds", "target.max_abandon"}},
	} {
		res, body := admin.do("POST", "/api/v1/queues", mail("Mail", c.patience, c.abandon), nil)
		for _, field := range c.fields {
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"`+field+`"`) {
				t.Errorf("POST patience %v, max_abandon %v: %d %s, want 422 naming %s", c.patience, c.abandon, res.StatusCode, body, field)
			}
		}
	}
	if _, after := admin.do("GET", "/api/v1/queues", nil, nil); string(after) != string(before) {
		t.Errorf("queues changed by refused requests")
	}
	res, body := admin.do("POST", "/api/v1/queues", mail("Mail", 0, 0), nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("e-mail queue without them: %d %s, want 201", res.StatusCode, body)
	}
	path := "/api/v1/queues/" + decode[map[string]any](t, body)["id"].(string)
	_, before = admin.do("GET", path, nil, nil)
	if res, body := admin.do("PUT", path, mail("Mail", 60, 0), nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(string(body), `"field":"patience_seconds"`) {
		t.Errorf("PUT with a patience: %d %s, want 422 naming patience_seconds", res.StatusCode, body)
	}
	// A phone queue becoming an e-mail queue keeps neither.
	if res, body := admin.do("PUT", "/api/v1/queues/"+f.queue.ID, mail(f.queue.Name, 0, 0.05), nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(string(body), `"field":"target.max_abandon"`) {
		t.Errorf("PUT channel email with max_abandon: %d %s, want 422 naming target.max_abandon", res.StatusCode, body)
	}
	if _, after := admin.do("GET", path, nil, nil); string(after) != string(before) {
		t.Errorf("queue changed by a refused PUT: %s, was %s", after, before)
	}
	res, body = admin.do("POST", "/api/v1/queues", map[string]any{"site_id": f.site.ID, "name": "Phone with patience", "channel": "phone", "aht_seconds": 300,
		"patience_seconds": 60, "target": map[string]any{"service_level": 0.8, "answer_within_seconds": 20, "max_abandon": 0.05}}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Errorf("phone queue with patience and max_abandon: %d %s, want 201", res.StatusCode, body)
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

// TestQueue_AbandonAndGrowthReachRequirements: a chat queue's cap on
// abandonment and its handle-time growth per concurrent chat are kept,
// shown, and staffed by GET /requirements; out of range they are 422
// naming the field, and the queue stays as it was.
func TestQueue_AbandonAndGrowthReachRequirements(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	res, body := admin.do("POST", "/api/v1/queues", map[string]any{"site_id": f.site.ID, "name": "Chat", "channel": "chat",
		"aht_seconds": 300, "concurrency": 2, "concurrency_growth": 0.5, "patience_seconds": 60,
		"target": map[string]any{"service_level": 0.2, "answer_within_seconds": 60, "max_abandon": 0.01}}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST chat queue: %d %s", res.StatusCode, body)
	}
	q := decode[map[string]any](t, body)
	id := q["id"].(string)
	if q["concurrency_growth"] != 0.5 || q["target"].(map[string]any)["max_abandon"] != 0.01 {
		t.Fatalf("created queue %s, want concurrency_growth 0.5 and target.max_abandon 0.01", body)
	}
	// One quarter hour of 100 chats at the queue's 300 s.
	start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	fc := store.Forecast{QueueID: id, Model: "manual", Interval: 15 * time.Minute, Start: start, End: start.Add(15 * time.Minute),
		Points: []forecast.Point{{Start: start, Forecast: 100, P10: 100, P50: 100, P90: 100}}}
	must(t, f.db.CreateForecast(context.Background(), &fc))
	res, body = admin.do("GET", "/api/v1/requirements?queue="+id+"&from=2026-03-02T08:00:00Z&to=2026-03-02T08:15:00Z", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET requirements: %d %s", res.StatusCode, body)
	}
	items := decode[struct {
		Items []struct {
			AHTSeconds float64 `json:"aht_seconds"`
			Binding    string
		}
	}](t, body).Items
	// Two chats at once, each 0.5 × 300 s longer for the other:
	// AHT(2) = 300 s × (1 + 0.5 × (2 − 1)) = 450 s. Customers who wait
	// are 80 % allowed to wait past 60 s with a mean patience of 60 s, so
	// the service level binds at a far higher abandonment than 1 %: the
	// cap sets the agents.
	if len(items) != 1 || items[0].AHTSeconds != 450 || items[0].Binding != "abandon" {
		t.Errorf("requirements %s, want aht_seconds 450 bound by abandon", body)
	}
	path := "/api/v1/queues/" + id
	_, before := admin.do("GET", path, nil, nil)
	for field, set := range map[string]func(map[string]any){
		"target.max_abandon": func(m map[string]any) { m["target"].(map[string]any)["max_abandon"] = 1.5 },
		"concurrency_growth": func(m map[string]any) { m["concurrency_growth"] = -0.1 },
	} {
		m := decode[map[string]any](t, before)
		set(m)
		if res, got := admin.do("PUT", path, m, nil); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(got), `"field":"`+field+`"`) {
			t.Errorf("%s: %d %s, want 422 naming it", field, res.StatusCode, got)
		}
	}
	// A cap on abandonment needs callers who abandon; a growth per
	// concurrent chat needs chats.
	res, body = admin.do("POST", "/api/v1/queues", map[string]any{"site_id": f.site.ID, "name": "Phone 2", "channel": "phone",
		"aht_seconds": 300, "concurrency_growth": 0.2, "target": map[string]any{"service_level": 0.8, "answer_within_seconds": 20, "max_abandon": 0.05}}, nil)
	for _, field := range []string{"target.max_abandon", "concurrency_growth"} {
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"`+field+`"`) {
			t.Errorf("phone queue with max_abandon and no patience, and a growth: %d %s, want 422 naming %s", res.StatusCode, body, field)
		}
	}
	if _, after := admin.do("GET", path, nil, nil); string(after) != string(before) {
		t.Errorf("refused PUTs changed the queue:\n%s\nwant\n%s", after, before)
	}
}

// TestQueue_RefusesUnreachableOrMissingGoal: a service level of 1 is
// refused, not planned as 0.999: with random arrivals no number of agents
// answers every contact within a time. A phone or chat queue with neither
// a service level nor an ASA is refused: under Erlang A one agent meets
// no goal at all, whatever the load. An e-mail queue's goal is its
// response time; a service level sent with it is not used.
func TestQueue_RefusesUnreachableOrMissingGoal(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	_, before := admin.do("GET", "/api/v1/queues", nil, nil)
	for name, target := range map[string]map[string]any{
		"SL 1":    {"service_level": 1, "answer_within_seconds": 20},
		"no goal": {"max_occupancy": 1},
	} {
		res, body := admin.do("POST", "/api/v1/queues", map[string]any{"site_id": f.site.ID, "name": name, "channel": "phone",
			"aht_seconds": 300, "patience_seconds": 60, "target": target}, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"target.service_level"`) {
			t.Errorf("%s: %d %s, want 422 naming target.service_level", name, res.StatusCode, body)
		}
	}
	if _, after := admin.do("GET", "/api/v1/queues", nil, nil); string(after) != string(before) {
		t.Errorf("queues changed by refused requests")
	}
	res, body := admin.do("POST", "/api/v1/queues", map[string]any{"site_id": f.site.ID, "name": "Mail", "channel": "email",
		"aht_seconds": 420, "target": map[string]any{"service_level": 1, "response_within_seconds": 86400}}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Errorf("e-mail queue: %d %s, want 201", res.StatusCode, body)
	}
}
