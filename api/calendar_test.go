package api_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestCalendarFeed_NotModified: a feed reads the same, byte for byte, while
// the agent's shifts stay as they are — each event's DTSTAMP (RFC 5545
// §3.8.7.2) is its shift's last change, not the time of the request — so a
// client polling with If-None-Match gets 304 Not Modified (RFC 9110
// §13.1.2); a change of a shift gives a new ETag and a feed with that
// change's time. HEAD is answered like GET, without the body.
func TestCalendarFeed_NotModified(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		// The fixture is stored at 12:00Z on Sunday 1 March 2026, the day
		// before its roster's first shift (Monday 07:00 CET = 06:00Z).
		var clock atomic.Int64
		set := func(h, m int) { clock.Store(time.Date(2026, 3, 1, h, m, 0, 0, time.UTC).UnixNano()) }
		set(12, 0)
		f := newFixtureAt(t, db, func() time.Time { return time.Unix(0, clock.Load()).UTC() })
		url := newFeed(t, f.login(t, "agentA"))
		path := url[strings.Index(url, "/ical/"):]
		anon := f.anon(t)

		set(13, 0)
		res, first := anon.do("GET", path, nil, nil)
		tag := res.Header.Get("ETag")
		if res.StatusCode != http.StatusOK || tag == "" || !strings.HasPrefix(tag, `"`) {
			t.Fatalf("feed: %d, ETag %q", res.StatusCode, tag)
		}
		// Both of agent A's shifts were stored with the fixture at 12:00Z;
		// the request at 13:00Z does not show.
		if n := strings.Count(string(first), "DTSTAMP:20260301T120000Z\r\n"); n != 2 || strings.Contains(string(first), "20260301T130000Z") {
			t.Errorf("%d events stamped 12:00Z, want 2 and none at the request's 13:00Z:\n%s", n, first)
		}

		set(13, 5)
		res, again := anon.do("GET", path, nil, nil)
		if res.StatusCode != http.StatusOK || string(again) != string(first) || res.Header.Get("ETag") != tag {
			t.Errorf("unchanged feed five minutes later: %d, ETag %q (was %q), same bytes %v", res.StatusCode, res.Header.Get("ETag"), tag,
				string(again) == string(first))
		}
		// HEAD answers as GET would, without the body (RFC 9110 §9.3.2).
		if res, body := anon.do("HEAD", path, nil, nil); res.StatusCode != http.StatusOK || len(body) != 0 || res.Header.Get("ETag") != tag ||
			!strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") {
			t.Errorf("HEAD: %d, %d bytes, ETag %q, Content-Type %q; want 200, none, %q, text/calendar", res.StatusCode, len(body),
				res.Header.Get("ETag"), res.Header.Get("Content-Type"), tag)
		}
		for _, inm := range []string{tag, "W/" + tag, `"other", ` + tag} {
			res, body := anon.do("GET", path, nil, map[string]string{"If-None-Match": inm})
			if res.StatusCode != http.StatusNotModified || len(body) != 0 || res.Header.Get("ETag") != tag {
				t.Errorf("If-None-Match %s: %d, %d bytes, ETag %q; want 304, none, %q", inm, res.StatusCode, len(body), res.Header.Get("ETag"), tag)
			}
		}

		// The lead cancels agent A's Monday shift at 13:10Z: version 2.
		set(13, 10)
		lead := f.login(t, "leadA")
		res, body := lead.do("PATCH", fmt.Sprintf("/api/v1/rosters/%s/shifts/%s", f.roster.ID, f.shifts[0].ID), map[string]any{"status": "cancelled"},
			map[string]string{"If-Match": `"1"`})
		if res.StatusCode != http.StatusOK {
			t.Fatalf("cancel: %d %s", res.StatusCode, body)
		}
		res, changed := anon.do("GET", path, nil, map[string]string{"If-None-Match": tag})
		if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == tag || res.Header.Get("ETag") == "" {
			t.Fatalf("feed after a cancellation with the old ETag: %d, ETag %q; want 200 and a new one", res.StatusCode, res.Header.Get("ETag"))
		}
		for _, want := range []string{"DTSTAMP:20260301T131000Z\r\nLAST-MODIFIED:20260301T131000Z\r\nSEQUENCE:1\r\n", "STATUS:CANCELLED\r\n",
			"DTSTAMP:20260301T120000Z\r\nLAST-MODIFIED:20260301T120000Z\r\nSEQUENCE:0\r\n"} {
			if !strings.Contains(string(changed), want) {
				t.Errorf("feed after the cancellation lacks %q:\n%s", want, changed)
			}
		}
	})
}

// TestCalendarFeed_AgentMovedSite: an agent who moves to a team at a site
// in another zone keeps the shifts of the former team's published roster
// in the feed, told of in that site's zone and with its template's name.
// By hand (IANA tzdata): Monday 2 March 2026 07:00–15:00 in Berlin (CET,
// UTC+1) is 06:00Z–14:00Z, which New York (EST, UTC−5, until 8 March)
// would show as 01:00–09:00.
func TestCalendarFeed_AgentMovedSite(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixtureAt(t, db, func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
		url := newFeed(t, f.login(t, "agentA"))
		ny := scheduling.Site{OrganisationID: f.site.OrganisationID, Name: "New York", TimeZone: "America/New_York", HolidayRegion: "US"}
		must(t, db.CreateSite(ctx, &ny))
		team := scheduling.Team{SiteID: ny.ID, Name: "NY"}
		must(t, db.CreateTeam(ctx, &team))
		a := f.agentA
		a.TeamID = team.ID
		must(t, db.UpdateAgent(ctx, a))

		res, feed := f.anon(t).do("GET", url[strings.Index(url, "/ical/"):], nil, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("feed: %d %s", res.StatusCode, feed)
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(feed))
		if err != nil {
			t.Fatalf("parse: %v\n%s", err, feed)
		}
		var got []string
		for _, e := range cal.Events() {
			got = append(got, e.GetProperty(ics.ComponentPropertySummary).Value+" | "+e.GetProperty(ics.ComponentPropertyDescription).Value)
		}
		want := []string{"Early shift | 2026-03-02 07:00–15:00 (Europe/Berlin)", "Early shift | 2026-03-03 07:00–15:00 (Europe/Berlin)"}
		if !slices.Equal(got, want) {
			t.Errorf("events\n%q\nwant\n%q", got, want)
		}
		// The calendar itself is in the zone the agent works in now.
		if !strings.Contains(string(feed), "X-WR-TIMEZONE:America/New_York\r\n") {
			t.Errorf("feed not announced in New York's zone:\n%s", feed)
		}
	})
}

// TestMe_ShiftsAtTheirSite: GET /me/shifts marks each shift as its own
// site sees it, as GET /shifts does: a shift on Good Friday, 3 April 2026,
// a public holiday in Berlin (DE-BE; Easter Sunday is 5 April 2026), is a
// holiday, also after the agent moved to a team in New York, and keeps its
// Berlin template's code there.
func TestMe_ShiftsAtTheirSite(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	berlin, err := time.LoadLocation("Europe/Berlin")
	must(t, err)
	day := time.Date(2026, 4, 3, 0, 0, 0, 0, berlin)
	r := scheduling.Roster{TeamID: f.teamA.ID, PeriodStart: time.Date(2026, 4, 3, 0, 0, 0, 0, time.UTC), PeriodEnd: time.Date(2026, 4, 4, 0, 0, 0, 0, time.UTC)}
	must(t, f.db.CreateRoster(ctx, &r))
	v, err := f.db.ReplaceRosterShifts(ctx, r.ID, 0, []scheduling.Shift{{AgentID: f.agentA.ID, TemplateID: f.tmpl.ID,
		Start: day.Add(7 * time.Hour), End: day.Add(15 * time.Hour)}})
	must(t, err)
	_, err = f.db.PublishRoster(ctx, r.ID, v)
	must(t, err)
	c := f.login(t, "agentA")
	check := func(when string) {
		t.Helper()
		_, body := c.do("GET", "/api/v1/me/shifts?from=2026-04-02&to=2026-04-05", nil, nil)
		items := decode[struct {
			Items []struct {
				TemplateCode string `json:"template_code"`
				Holiday      bool   `json:"holiday"`
			}
		}](t, body).Items
		if len(items) != 1 || !items[0].Holiday || items[0].TemplateCode != "E" {
			t.Errorf("%s: %s, want one shift, a holiday, template E", when, body)
		}
	}
	check("in Berlin")
	ny := scheduling.Site{OrganisationID: f.site.OrganisationID, Name: "New York", TimeZone: "America/New_York", HolidayRegion: "US"}
	must(t, f.db.CreateSite(ctx, &ny))
	team := scheduling.Team{SiteID: ny.ID, Name: "NY"}
	must(t, f.db.CreateTeam(ctx, &team))
	a := f.agentA
	a.TeamID = team.ID
	must(t, f.db.UpdateAgent(ctx, a))
	check("moved to New York")
}
