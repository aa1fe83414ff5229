package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

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
			!strings.Contains(string(body), "shifts were built from it") {
			t.Errorf("DELETE the roster's template: %d %s, want 409", res.StatusCode, body)
		}
		if res, body := admin.do("PUT", "/api/v1/preferences?agent="+f.agentA.ID, map[string]any{"items": []any{
			map[string]any{"date": "2026-03-03", "template_id": wished}}}, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("PUT preferences: %d %s", res.StatusCode, body)
		}
		if res, body := admin.do("DELETE", "/api/v1/shift-templates/"+wished, nil, nil); res.StatusCode != http.StatusConflict ||
			!strings.Contains(string(body), "agents wish for it") {
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
			!strings.Contains(string(body), "shifts serve it") {
			t.Errorf("DELETE a served queue: %d %s, want 409", res.StatusCode, body)
		}
		if _, err := db.FindQueueByID(context.Background(), f.queue.ID); err != nil {
			t.Errorf("the served queue after the refused delete: %v", err)
		}
	})
}
