package api_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestMe_ShiftsAndCalendarFeed: an agent reads their published shifts, gets
// a secret feed address that works without a login, sees a cancelled shift
// as STATUS:CANCELLED with a higher SEQUENCE, and rotating the address
// revokes the old one.
func TestMe_ShiftsAndCalendarFeed(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	c := f.login(t, "agentA")
	res, body := c.do("GET", "/api/v1/me/shifts?from=2026-03-02&to=2026-03-09", nil, nil)
	items := decode[struct{ Items []map[string]any }](t, body).Items
	// The fixture gives agent A one shift on Monday and one on Tuesday.
	if res.StatusCode != 200 || len(items) != 2 || items[0]["agent_id"] != f.agentA.ID {
		t.Fatalf("my shifts: %d %s", res.StatusCode, body)
	}

	// The feed covers 60 days back to a year ahead of now: publish a shift
	// two days from now.
	day := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 2)
	r := scheduling.Roster{TeamID: f.teamA.ID, PeriodStart: day, PeriodEnd: day.AddDate(0, 0, 1)}
	must(t, f.db.CreateRoster(ctx, &r))
	sh := []scheduling.Shift{{AgentID: f.agentA.ID, TemplateID: f.tmpl.ID, Start: day.Add(8 * time.Hour), End: day.Add(16 * time.Hour),
		Breaks: []scheduling.Break{{Start: day.Add(12 * time.Hour), End: day.Add(12*time.Hour + 30*time.Minute)}}}}
	v, err := f.db.ReplaceRosterShifts(ctx, r.ID, 0, sh)
	must(t, err)
	_, err = f.db.PublishRoster(ctx, r.ID, v)
	must(t, err)

	if _, body := c.do("GET", "/api/v1/me/calendar", nil, nil); decode[calendarFeed](t, body) != (calendarFeed{}) {
		t.Errorf("GET /me/calendar before any feed: %s, want exists false", body)
	}
	url := newFeed(t, c)
	path := url[strings.Index(url, "/ical/"):]
	anon := f.anon(t)
	res, feed := anon.do("GET", path, nil, nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("feed: %d %s", res.StatusCode, feed)
	}
	if n := strings.Count(string(feed), "BEGIN:VEVENT"); n != 1 || !strings.Contains(string(feed), "\r\n") || !strings.Contains(string(feed), "SEQUENCE:0") {
		t.Errorf("feed has %d events, want 1 with SEQUENCE:0 and CRLF:\n%s", n, feed)
	}
	// Asked again, the server says the feed exists but cannot give its
	// address: it keeps only the token's hash.
	if _, again := c.do("GET", "/api/v1/me/calendar", nil, nil); !decode[calendarFeed](t, again).Exists || decode[calendarFeed](t, again).URL != "" ||
		decode[calendarFeed](t, again).CreatedAt == "" {
		t.Errorf("second GET /me/calendar: %s, want exists and created_at without the url", again)
	}
	// The lead cancels the shift: version 2, SEQUENCE 1, STATUS:CANCELLED.
	lead := f.login(t, "leadA")
	res, body = lead.do("PATCH", fmt.Sprintf("/api/v1/rosters/%s/shifts/%s", r.ID, sh[0].ID), map[string]any{"status": "cancelled"},
		map[string]string{"If-Match": `"1"`})
	if res.StatusCode != 200 {
		t.Fatalf("cancel: %d %s", res.StatusCode, body)
	}
	_, feed = anon.do("GET", path, nil, nil)
	if !strings.Contains(string(feed), "STATUS:CANCELLED") || !strings.Contains(string(feed), "SEQUENCE:1") {
		t.Errorf("cancelled shift not in the feed as cancelled:\n%s", feed)
	}
	fresh := newFeed(t, c)
	if fresh == url {
		t.Fatal("rotate kept the address")
	}
	if res, _ := anon.do("GET", path, nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("old feed address after rotation: %d, want 404", res.StatusCode)
	}
	if res, _ := anon.do("GET", fresh[strings.Index(fresh, "/ical/"):], nil, nil); res.StatusCode != 200 {
		t.Errorf("new feed address: %d", res.StatusCode)
	}
}

// calendarFeed is the answer of GET /me/calendar and its rotation.
type calendarFeed struct {
	Exists    bool   `json:"exists"`
	CreatedAt string `json:"created_at"`
	URL       string `json:"url"`
}

// newFeed makes (or rotates) the client's calendar feed and returns its
// address, which the server gives only this once.
func newFeed(t *testing.T, c *client) string {
	t.Helper()
	res, body := c.do("POST", "/api/v1/me/calendar/rotate", nil, nil)
	feed := decode[calendarFeed](t, body)
	if res.StatusCode != http.StatusOK || !feed.Exists || feed.CreatedAt == "" || !strings.Contains(feed.URL, "/ical/") {
		t.Fatalf("POST /me/calendar/rotate: %d %s", res.StatusCode, body)
	}
	return feed.URL
}

// feedToken is the secret token of a feed address.
func feedToken(url string) string {
	return strings.TrimSuffix(url[strings.Index(url, "/ical/")+len("/ical/"):], ".ics")
}

// TestCalendarFeed_TokenHashed: the database holds the SHA-256 of a feed's
// token, not the token; the address works; rotating stops the old one;
// and the request log masks the token.
func TestCalendarFeed_TokenHashed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		var logs bytes.Buffer
		f.ts.Config.Handler = api.NewServer(api.Config{Version: "test"}, f.db, slog.New(slog.NewJSONHandler(&logs, nil))).Handler()
		c := f.login(t, "agentA")
		url := newFeed(t, c)
		tok := feedToken(url)
		var stored []string
		must(t, f.db.Gorm().Raw("SELECT token_hash FROM calendar_tokens WHERE agent_id = ?", f.agentA.ID).Scan(&stored).Error)
		sum := sha256.Sum256([]byte(tok))
		if len(stored) != 1 || stored[0] == tok || stored[0] != hex.EncodeToString(sum[:]) {
			t.Fatalf("stored %q for token %q, want its SHA-256 only", stored, tok)
		}
		anon := f.anon(t)
		if res, body := anon.do("GET", "/ical/"+tok+".ics", nil, nil); res.StatusCode != http.StatusOK || !strings.Contains(string(body), "BEGIN:VCALENDAR") {
			t.Fatalf("feed: %d %s", res.StatusCode, body)
		}
		if res, _ := anon.do("GET", "/ical/"+stored[0]+".ics", nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("the stored hash as an address: %d, want 404", res.StatusCode)
		}
		fresh := feedToken(newFeed(t, c))
		if res, _ := anon.do("GET", "/ical/"+tok+".ics", nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("old address after rotation: %d, want 404", res.StatusCode)
		}
		if res, _ := anon.do("GET", "/ical/"+fresh+".ics", nil, nil); res.StatusCode != http.StatusOK {
			t.Errorf("new address after rotation: %d, want 200", res.StatusCode)
		}
		if strings.Contains(logs.String(), tok) || strings.Contains(logs.String(), fresh) || !strings.Contains(logs.String(), `"/ical/***"`) {
			t.Errorf("the log shows a feed token or no masked feed request:\n%s", logs.String())
		}
	})
}

// TestCalendarFeed_MigrationHashesPlainTokens: a database from before the
// tokens were hashed (schema version 7) holds a plain token; migrating
// replaces it by its hash, and the address subscribed before still answers.
// The fixture is written under today's schema and rolled back to version
// 7, so that columns added since do not have to exist at version 7.
func TestCalendarFeed_MigrationHashesPlainTokens(t *testing.T) {
	for _, d := range dbtest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			db := dbtest.Empty(t, d)
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			f := newFixture(t, db)
			if _, err := db.MigrateDownTo(ctx, 7); err != nil {
				t.Fatal(err)
			}
			plain := strings.Repeat("ab", 32)
			must(t, db.Gorm().Exec("INSERT INTO calendar_tokens (agent_id, token, created_at) VALUES (?, ?, ?)", f.agentA.ID, plain, time.Now().UTC()).Error)
			if n, err := db.Migrate(ctx); err != nil || n < 1 {
				t.Fatalf("migrate: %d applied, %v", n, err)
			}
			var stored []string
			must(t, db.Gorm().Raw("SELECT token_hash FROM calendar_tokens WHERE agent_id = ?", f.agentA.ID).Scan(&stored).Error)
			sum := sha256.Sum256([]byte(plain))
			if len(stored) != 1 || stored[0] != hex.EncodeToString(sum[:]) {
				t.Errorf("after migrating: stored %q, want the token's SHA-256", stored)
			}
			if res, body := f.anon(t).do("GET", "/ical/"+plain+".ics", nil, nil); res.StatusCode != http.StatusOK || !strings.Contains(string(body), "BEGIN:VCALENDAR") {
				t.Errorf("the old address after migrating: %d %s", res.StatusCode, body)
			}
			if _, body := f.login(t, "agentA").do("GET", "/api/v1/me/calendar", nil, nil); !decode[calendarFeed](t, body).Exists {
				t.Errorf("GET /me/calendar after migrating: %s, want exists", body)
			}
		})
	}
}

// TestReport_Hours exports team A's week: the fixture's published shifts
// are two 8-hour shifts per agent without breaks on Monday and Tuesday, so
// each agent has 16 paid hours, all regular (no night window, weekday, no
// holiday in Berlin on 2–3 March 2026, under the 40 contracted hours), at
// 20 an hour: 320.00.
func TestReport_Hours(t *testing.T) {
	f := sqliteFixture(t)
	hr := f.login(t, "hr")
	q := "/api/v1/reports/hours?from=2026-03-02&to=2026-03-09&team=" + f.teamA.ID
	res, body := hr.do("GET", q+"&format=json", nil, nil)
	if res.StatusCode != 200 {
		t.Fatalf("json report: %d %s", res.StatusCode, body)
	}
	rep := decode[struct {
		TimeZone string `json:"time_zone"`
		Agents   []struct {
			AgentID   string  `json:"agent_id"`
			PaidHours float64 `json:"paid_hours"`
			Regular   float64 `json:"regular_hours"`
			Gross     float64 `json:"estimated_gross"`
		} `json:"agents"`
		Shifts []struct {
			AgentID   string  `json:"agent_id"`
			PaidHours float64 `json:"paid_hours"`
		} `json:"shifts"`
	}](t, body)
	if rep.TimeZone != "Europe/Berlin" || len(rep.Agents) != 2 || len(rep.Shifts) != 4 {
		t.Fatalf("report = %s", body)
	}
	for _, a := range rep.Agents {
		sum := 0.0
		for _, s := range rep.Shifts {
			if s.AgentID == a.AgentID {
				sum += s.PaidHours
			}
		}
		if a.PaidHours != 16 || a.Regular != 16 || a.Gross != 320 || sum != a.PaidHours {
			t.Errorf("agent %s: paid %v regular %v gross %v, shifts sum %v; want 16, 16, 320, 16", a.AgentID, a.PaidHours, a.Regular, a.Gross, sum)
		}
	}
	res, body = hr.do("GET", q+"&format=csv", nil, nil)
	if res.StatusCode != 200 || !strings.HasPrefix(string(body), "\ufeff") || !strings.Contains(string(body), "\r\n") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), ".csv") {
		t.Errorf("csv report: %d %q %q", res.StatusCode, res.Header.Get("Content-Disposition"), body)
	}
	res, body = hr.do("GET", q+"&format=xlsx", nil, nil)
	if res.StatusCode != 200 || !strings.HasPrefix(string(body), "PK") {
		t.Errorf("xlsx report: %d, %d bytes", res.StatusCode, len(body))
	}
	if res, _ := hr.do("GET", q+"&format=pdf", nil, nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("format=pdf: %d, want 422", res.StatusCode)
	}
}
