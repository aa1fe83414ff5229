package api_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestLogin_RateLimited makes five wrong guesses for one e-mail from one
// address (the configured limit): the sixth attempt is refused with 429
// even with the right password, while another e-mail still logs in. No
// password appears in the log.
func TestLogin_RateLimited(t *testing.T) {
	f := sqliteFixture(t)
	var logs bytes.Buffer
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	srv := api.NewServer(api.Config{Now: func() time.Time { return now }, LoginLimit: 5, LoginWindow: 15 * time.Minute}, f.db,
		slog.New(slog.NewJSONHandler(&logs, nil)))
	f.ts.Config.Handler = srv.Handler()
	c := f.anon(t)
	email := f.users["leadA"].Email
	for i := 0; i < 5; i++ {
		res, body := c.do("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": "wrong-guess-" + string(rune('a'+i))}, nil)
		if res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: status %d, want 401: %s", i+1, res.StatusCode, body)
		}
	}
	res, body := c.do("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": pw}, nil)
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("sixth attempt: status %d (Retry-After %q), want 429: %s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	if res, _ := c.do("POST", "/api/v1/auth/login", map[string]string{"email": f.users["hr"].Email, "password": pw}, nil); res.StatusCode != http.StatusOK {
		t.Errorf("another e-mail from the same address: status %d, want 200", res.StatusCode)
	}
	// After the window the account may try again.
	now = now.Add(15 * time.Minute)
	if res, _ := c.do("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": pw}, nil); res.StatusCode != http.StatusOK {
		t.Errorf("after the window: status %d, want 200", res.StatusCode)
	}
	if strings.Contains(logs.String(), pw) || strings.Contains(logs.String(), "wrong-guess") {
		t.Errorf("a password reached the log:\n%s", logs.String())
	}
}

// TestLogin_ForwardedForIgnored: without trusted proxies the client
// address is the connection's peer, so a guesser who sends a new
// X-Forwarded-For and X-Real-IP with every attempt is still refused (429)
// after five failures.
func TestLogin_ForwardedForIgnored(t *testing.T) {
	f := sqliteFixture(t)
	c := f.anon(t)
	email := f.users["leadA"].Email
	for i := 0; i < 6; i++ {
		addr := fmt.Sprintf("203.0.113.%d", i+1)
		res, body := c.do("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": "wrong"},
			map[string]string{"X-Forwarded-For": addr, "X-Real-IP": addr})
		want := http.StatusUnauthorized
		if i == 5 {
			want = http.StatusTooManyRequests
		}
		if res.StatusCode != want {
			t.Fatalf("attempt %d from X-Forwarded-For %s: status %d, want %d: %s", i+1, addr, res.StatusCode, want, body)
		}
	}
}

// TestLogin_TrustedProxy: behind a trusted proxy (the test's peer address)
// the client is the address X-Forwarded-For names, so clients count
// separately: one is refused after five failures while another still
// logs in, and the log names the forwarded client.
func TestLogin_TrustedProxy(t *testing.T) {
	f := sqliteFixture(t)
	var logs bytes.Buffer
	_, loop4, _ := net.ParseCIDR("127.0.0.0/8")
	_, loop6, _ := net.ParseCIDR("::1/128")
	srv := api.NewServer(api.Config{TrustedProxies: []*net.IPNet{loop4, loop6}}, f.db, slog.New(slog.NewJSONHandler(&logs, nil)))
	f.ts.Config.Handler = srv.Handler()
	c := f.anon(t)
	email := f.users["leadA"].Email
	guesser := map[string]string{"X-Forwarded-For": "198.51.100.7"}
	for i := 0; i < 5; i++ {
		if res, body := c.do("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": "wrong"}, guesser); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: status %d, want 401: %s", i+1, res.StatusCode, body)
		}
	}
	if res, body := c.do("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": pw}, guesser); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("sixth attempt from the guesser: status %d, want 429: %s", res.StatusCode, body)
	}
	// The proxy appends the peer it saw; what the client wrote before it is
	// not believed, the nearest untrusted address is.
	other := map[string]string{"X-Forwarded-For": "198.51.100.7, 192.0.2.44"}
	if res, body := c.do("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": pw}, other); res.StatusCode != http.StatusOK {
		t.Errorf("another client through the proxy: status %d, want 200: %s", res.StatusCode, body)
	}
	if !strings.Contains(logs.String(), `"client":"198.51.100.7"`) {
		t.Errorf("the log does not name the forwarded client:\n%s", logs.String())
	}
}

// TestCSRF_Refused: a cookie session's unsafe request without the CSRF
// header (or with a wrong one) is refused with 403 and changes nothing; a
// bearer token needs no CSRF header.
func TestCSRF_Refused(t *testing.T) {
	f := sqliteFixture(t)
	c := f.login(t, "leadA")
	token := c.csrf
	body := map[string]string{"team_id": f.teamA.ID, "period_start": "2026-03-09", "period_end": "2026-03-16"}
	for _, h := range []string{"", "not-the-token"} {
		c.csrf = h
		res, out := c.do("POST", "/api/v1/rosters", body, nil)
		if res.StatusCode != http.StatusForbidden || !strings.Contains(string(out), `"csrf"`) {
			t.Errorf("POST with CSRF header %q: status %d, want 403 csrf: %s", h, res.StatusCode, out)
		}
	}
	rs, err := f.db.FindRosters(t.Context(), store.RosterFilter{TeamID: f.teamA.ID})
	must(t, err)
	if len(rs) != 1 {
		t.Errorf("after refused requests team A has %d rosters, want the fixture's 1", len(rs))
	}
	c.csrf = token
	res, out := c.do("POST", "/api/v1/tokens", map[string]string{"name": "payroll"}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create token: %d %s", res.StatusCode, out)
	}
	bearer := decode[map[string]string](t, out)["token"]
	b := f.anon(t)
	res, out = b.do("POST", "/api/v1/rosters", body, map[string]string{"Authorization": "Bearer " + bearer})
	if res.StatusCode != http.StatusCreated {
		t.Errorf("POST with a bearer token: %d %s", res.StatusCode, out)
	}
	if res, _ := b.do("GET", "/api/v1/me", nil, map[string]string{"Authorization": "Bearer spt_wrong"}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong bearer token: status %d, want 401", res.StatusCode)
	}
	// Logging out ends the session.
	c.do("POST", "/api/v1/auth/logout", nil, nil)
	if res, _ := c.do("GET", "/api/v1/me", nil, nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("after logout: status %d, want 401", res.StatusCode)
	}
}

// TestOpenAPI_ServedAndEnforced: the document is served, and a request
// breaking it gets the one error shape with the field named.
func TestOpenAPI_ServedAndEnforced(t *testing.T) {
	f := sqliteFixture(t)
	c := f.login(t, "leadA")
	res, body := c.do("GET", "/api/v1/openapi.json", nil, nil)
	if res.StatusCode != 200 {
		t.Fatalf("openapi.json: %d", res.StatusCode)
	}
	doc := decode[map[string]any](t, body)
	paths := doc["paths"].(map[string]any)
	for _, p := range []string{"/rosters/{id}/shifts/{shiftId}", "/reports/hours", "/jobs/{id}/events", "/queues/{id}/history"} {
		if _, ok := paths[p]; !ok {
			t.Errorf("openapi.json lacks %s", p)
		}
	}
	res, body = c.do("POST", "/api/v1/rosters", map[string]any{"team_id": 7, "period_start": "2026-03-09"}, nil)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid body: status %d, want 422: %s", res.StatusCode, body)
	}
	e := decode[struct {
		Error struct {
			Code   string
			Fields []struct{ Field, Message string }
		}
	}](t, body).Error
	named := map[string]bool{}
	for _, fe := range e.Fields {
		named[fe.Field] = true
	}
	if e.Code != "invalid" || !named["team_id"] || !named["period_end"] {
		t.Errorf("error = %+v, want fields team_id and period_end", e)
	}
	res, body = c.do("GET", "/api/v1/rosters?limit=0", nil, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"limit"`) {
		t.Errorf("limit=0: status %d, want 422 naming limit: %s", res.StatusCode, body)
	}
}

// TestPagination walks a list two items at a time.
func TestPagination(t *testing.T) {
	f := newFixture(t, dbtest.New(t, store.SQLite))
	c := f.login(t, "admin")
	var got []string
	path := "/api/v1/agents?limit=2"
	for pages := 0; pages < 10; pages++ {
		_, body := c.do("GET", path, nil, nil)
		p := decode[struct {
			Items      []map[string]any `json:"items"`
			NextCursor *string          `json:"next_cursor"`
		}](t, body)
		for _, it := range p.Items {
			got = append(got, it["id"].(string))
		}
		if p.NextCursor == nil {
			break
		}
		path = "/api/v1/agents?limit=2&cursor=" + *p.NextCursor
	}
	// The fixture has three agents (two in A, one in B).
	if len(got) != 3 || got[0] == got[1] || got[1] == got[2] {
		t.Errorf("paged agents = %v, want 3 distinct", got)
	}
}
