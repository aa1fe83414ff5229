package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/api/password"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// lockedBuffer collects a command's output while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestServe_EndToEnd runs the real `shiftplan serve` wiring on port 0 with an
// SQLite file holding one admin, and talks to it over HTTP: the health
// probes, a login, an authenticated call and a background job; cancelling
// the context shuts it down with exit code 0.
func TestServe_EndToEnd(t *testing.T) {
	ctx := context.Background()
	dbURL := "sqlite://" + filepath.Join(t.TempDir(), "e2e.db")
	db, err := store.Open(ctx, store.Config{URL: dbURL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	hash, err := password.Hash("e2e-password")
	if err != nil {
		t.Fatal(err)
	}
	u := scheduling.User{Email: "admin@example.com", Name: "Admin", Role: scheduling.RoleAdmin, PasswordHash: hash}
	if err := db.CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}
	org := scheduling.Organisation{Name: "E2E"}
	if err := db.CreateOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	site := scheduling.Site{OrganisationID: org.ID, Name: "Berlin", TimeZone: "Europe/Berlin", HolidayRegion: "DE"}
	if err := db.CreateSite(ctx, &site); err != nil {
		t.Fatal(err)
	}
	db.Close()

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(runCtx, []string{"serve", "--addr", "127.0.0.1:0", "--database-url", dbURL, "--cron-reforecast", "",
			"--cron-publish-reminder", "", "--cron-contracts", ""}, stdio{in: strings.NewReader(""), out: io.Discard, err: &stderr, getenv: func(string) string { return "" }})
	}()
	addr := ""
	for i := 0; i < 200 && addr == ""; i++ {
		sc := bufio.NewScanner(strings.NewReader(stderr.String()))
		for sc.Scan() {
			var line map[string]any
			if json.Unmarshal(sc.Bytes(), &line) == nil && line["msg"] == "listening" {
				addr, _ = line["addr"].(string)
			}
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d before listening: %s", code, stderr.String())
		case <-time.After(25 * time.Millisecond):
		}
	}
	if addr == "" {
		t.Fatalf("serve never reported its address: %s", stderr.String())
	}
	base := "http://" + addr
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	get := func(path string, hdr map[string]string) (int, []byte) {
		req, _ := http.NewRequest("GET", base+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		res, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, b
	}
	post := func(path, body string, hdr map[string]string) (int, []byte) {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		res, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, b
	}
	for _, p := range []string{"/healthz", "/readyz"} {
		if code, body := get(p, nil); code != http.StatusOK {
			t.Errorf("GET %s: %d %s", p, code, body)
		}
	}
	if code, _ := get("/api/v1/me", nil); code != http.StatusUnauthorized {
		t.Errorf("GET /api/v1/me before login: %d, want 401", code)
	}
	code, body := post("/api/v1/auth/login", `{"email":"admin@example.com","password":"e2e-password"}`, nil)
	if code != http.StatusOK {
		t.Fatalf("login: %d %s", code, body)
	}
	var login struct {
		CSRFToken string `json:"csrf_token"`
	}
	json.Unmarshal(body, &login)
	code, body = get("/api/v1/me", nil)
	if code != http.StatusOK || !strings.Contains(string(body), `"role":"admin"`) {
		t.Errorf("GET /api/v1/me: %d %s", code, body)
	}
	// A background job runs on the server's worker: a forecast of a queue
	// without history fails for good (nothing to forecast from), with the
	// reason in the job.
	var q struct{ ID string }
	code, body = post("/api/v1/queues", `{"site_id":"`+site.ID+`","name":"Phone","channel":"phone","aht_seconds":300,"target":{"service_level":0.8,"answer_within_seconds":20}}`,
		map[string]string{api.CSRFHeader: login.CSRFToken})
	if code != http.StatusCreated {
		t.Fatalf("create queue: %d %s", code, body)
	}
	json.Unmarshal(body, &q)
	code, body = post("/api/v1/forecasts", `{"queue_id":"`+q.ID+`","horizon":"7d"}`, map[string]string{api.CSRFHeader: login.CSRFToken})
	if code != http.StatusAccepted {
		t.Fatalf("forecast: %d %s", code, body)
	}
	var acc struct {
		JobID string `json:"job_id"`
	}
	json.Unmarshal(body, &acc)
	_, body = get("/api/v1/jobs/"+acc.JobID+"/events", nil)
	if !strings.Contains(string(body), "event: done") || !strings.Contains(string(body), `"status":"failed"`) || !strings.Contains(string(body), "no history") {
		t.Errorf("job events: %s", body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited with %d after shutdown: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestServe_BadDatabaseURL: an unreachable database is exit code 1 and one
// line naming the problem, without the password.
func TestServe_BadDatabaseURL(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0",
		"--database-url", "postgres://shiftplan:s3cret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"},
		stdio{in: strings.NewReader(""), out: &out, err: &errb, getenv: func(string) string { return "" }})
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "shiftplan serve: ") || strings.Contains(errb.String(), "s3cret") {
		t.Errorf("stderr = %q, want one line without the password", errb.String())
	}
}
