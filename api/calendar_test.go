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

// feedEvents parses a feed and returns its events by UID.
func feedEvents(t *testing.T, feed []byte) map[string]*ics.VEvent {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(feed))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, feed)
	}
	out := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		out[e.Id()] = e
	}
	return out
}

// TestCalendarFeed_TimeOff: approved time off is in the agent's feed, from
// its approval on, stamped with it: whole local days as an all-day event
// (DTEND the day after the last, RFC 5545 §3.6.1), part of a day as a
// timed one; requested and declined time off is not, nor time off outside
// the feed's range (60 days back to a year ahead). By hand (IANA tzdata):
// Berlin is on CET (UTC+1) in March 2026 until the 29th, so its midnight
// on 9 March is 23:00Z on the 8th, and 08:00–12:00 on the 11th is
// 07:00Z–11:00Z.
func TestCalendarFeed_TimeOff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var clock atomic.Int64
		set := func(h, m int) { clock.Store(time.Date(2026, 3, 1, h, m, 0, 0, time.UTC).UnixNano()) }
		set(12, 0)
		f := newFixtureAt(t, db, func() time.Time { return time.Unix(0, clock.Load()).UTC() })
		agent, lead, anon := f.login(t, "agentA"), f.login(t, "leadA"), f.anon(t)
		url := newFeed(t, agent)
		path := url[strings.Index(url, "/ical/"):]
		berlin, err := time.LoadLocation("Europe/Berlin")
		must(t, err)
		day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, berlin) }
		ask := func(start, end time.Time, kind string) string {
			t.Helper()
			res, body := agent.do("POST", "/api/v1/time-off", map[string]any{"start": start, "end": end, "kind": kind}, nil)
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("ask: %d %s", res.StatusCode, body)
			}
			return decode[map[string]any](t, body)["id"].(string)
		}
		decide := func(id, how string) {
			t.Helper()
			if res, body := lead.do("POST", "/api/v1/time-off/"+id+"/"+how, nil, nil); res.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d %s", how, res.StatusCode, body)
			}
		}
		set(12, 30)
		vacation := ask(day(9), day(11), "vacation")
		training := ask(day(11).Add(8*time.Hour), day(11).Add(12*time.Hour), "training")
		requested := ask(day(12), day(13), "vacation")
		declined := ask(day(13), day(14), "vacation")
		// Approved, but more than a year ahead.
		far := scheduling.TimeOff{AgentID: f.agentA.ID, Start: day(1).AddDate(1, 1, 0), End: day(2).AddDate(1, 1, 0), Kind: "vacation",
			Status: scheduling.TimeOffApproved}
		must(t, db.CreateTimeOff(ctx, &far))

		res, before := anon.do("GET", path, nil, nil)
		tag := res.Header.Get("ETag")
		if res.StatusCode != http.StatusOK || strings.Contains(string(before), "timeoff-") {
			t.Fatalf("feed before any approval in range: %d\n%s", res.StatusCode, before)
		}
		set(13, 20)
		decide(vacation, "approve")
		decide(training, "approve")
		decide(declined, "decline")

		set(13, 30)
		res, feed := anon.do("GET", path, nil, map[string]string{"If-None-Match": tag})
		if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == tag {
			t.Fatalf("feed after the approvals with the old ETag: %d, ETag %q; want 200 and a new one", res.StatusCode, res.Header.Get("ETag"))
		}
		events := feedEvents(t, feed)
		for _, id := range []string{requested, declined, far.ID} {
			if _, ok := events["timeoff-"+id+"@shiftplan"]; ok {
				t.Errorf("time off %s is in the feed:\n%s", id, feed)
			}
		}
		for _, want := range []string{
			"UID:timeoff-" + vacation + "@shiftplan\r\nDTSTAMP:20260301T132000Z\r\nLAST-MODIFIED:20260301T132000Z\r\nSEQUENCE:0\r\n" +
				"DTSTART;VALUE=DATE:20260309\r\nDTEND;VALUE=DATE:20260311\r\nSUMMARY:Time off\r\n" +
				"DESCRIPTION:2026-03-09 – 2026-03-10 (Europe/Berlin)\\nVacation\r\nSTATUS:CONFIRMED\r\nTRANSP:TRANSPARENT\r\n",
			"UID:timeoff-" + training + "@shiftplan\r\nDTSTAMP:20260301T132000Z\r\nLAST-MODIFIED:20260301T132000Z\r\nSEQUENCE:0\r\n" +
				"DTSTART:20260311T070000Z\r\nDTEND:20260311T110000Z\r\nSUMMARY:Time off\r\n",
		} {
			if !strings.Contains(string(feed), want) {
				t.Errorf("feed lacks\n%q\n%s", want, feed)
			}
		}
		// Polled again later, the feed reads the same.
		set(14, 0)
		if res, _ := anon.do("GET", path, nil, map[string]string{"If-None-Match": res.Header.Get("ETag")}); res.StatusCode != http.StatusNotModified {
			t.Errorf("unchanged feed half an hour later: %d, want 304", res.StatusCode)
		}
	})
}

// TestCalendarFeed_RemovedShifts: a shift that leaves an agent's published
// shifts stays in their feed as cancelled, with its UID and a SEQUENCE one
// past the last the feed showed, stamped with its removal, and the ETag
// changes: agent A's Tuesday shift, removed by a re-solve at 13:10Z, and
// their Monday shift, given to A2 by a swap approved at 13:20Z, which A2's
// feed shows as A2's. A draft's shifts never were in a feed and leave no
// trace; a removed shift whose start is out of the feed's range leaves it.
func TestCalendarFeed_RemovedShifts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var clock atomic.Int64
		setAt := func(at time.Time) { clock.Store(at.UnixNano()) }
		set := func(h, m int) { setAt(time.Date(2026, 3, 1, h, m, 0, 0, time.UTC)) }
		set(12, 0)
		f := newFixtureAt(t, db, func() time.Time { return time.Unix(0, clock.Load()).UTC() })
		db = f.db // the fixture's, on the test clock
		a, a2, lead, anon := f.login(t, "agentA"), f.login(t, "agentA2"), f.login(t, "leadA"), f.anon(t)
		pathOf := func(url string) string { return url[strings.Index(url, "/ical/"):] }
		feedA, feedA2 := pathOf(newFeed(t, a)), pathOf(newFeed(t, a2))
		res, _ := anon.do("GET", feedA, nil, nil)
		tag := res.Header.Get("ETag")

		// A2's Monday shift is cancelled, so that A2 may take A's.
		a2Monday := f.shifts[1]
		a2Monday.Status = scheduling.ShiftCancelled
		_, err := db.UpdateShift(ctx, a2Monday)
		must(t, err)
		// The re-solve keeps every shift but A's Tuesday one (f.shifts[2]).
		set(13, 10)
		r, err := db.FindRosterByID(ctx, f.roster.ID)
		must(t, err)
		stored, err := db.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID, WithCancelled: true})
		must(t, err)
		keep := slices.DeleteFunc(slices.Clone(stored), func(s scheduling.Shift) bool { return s.ID == f.shifts[2].ID })
		_, err = db.ReplaceRosterShifts(ctx, r.ID, r.Version, keep)
		must(t, err)

		res, feed := anon.do("GET", feedA, nil, map[string]string{"If-None-Match": tag})
		if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == tag {
			t.Fatalf("feed after the re-solve with the old ETag: %d, ETag %q; want 200 and a new one", res.StatusCode, res.Header.Get("ETag"))
		}
		tuesday := "UID:shift-" + f.shifts[2].ID + "@shiftplan\r\nDTSTAMP:20260301T131000Z\r\nLAST-MODIFIED:20260301T131000Z\r\nSEQUENCE:1\r\n" +
			"DTSTART:20260303T060000Z\r\nDTEND:20260303T140000Z\r\nSUMMARY:Early shift\r\n"
		if !strings.Contains(string(feed), tuesday) || feedEvents(t, feed)["shift-"+f.shifts[2].ID+"@shiftplan"].GetProperty(ics.ComponentPropertyStatus).Value != "CANCELLED" {
			t.Errorf("feed after the re-solve lacks the Tuesday shift, cancelled:\n%q\n%s", tuesday, feed)
		}

		// The swap: A offers the Monday shift, A2 accepts, the lead approves.
		set(13, 15)
		swap := proposeSwap(t, a, map[string]any{"shift_id": f.shifts[0].ID, "with_agent_id": f.agentA2.ID})
		if res, body := a2.do("POST", "/api/v1/swaps/"+swap+"/accept", nil, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("accept: %d %s", res.StatusCode, body)
		}
		set(13, 20)
		if res, body := lead.do("POST", "/api/v1/swaps/"+swap+"/approve", nil, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("approve: %d %s", res.StatusCode, body)
		}
		_, feed = anon.do("GET", feedA, nil, nil)
		events := feedEvents(t, feed)
		monday := events["shift-"+f.shifts[0].ID+"@shiftplan"]
		if monday == nil || monday.GetProperty(ics.ComponentPropertyStatus).Value != "CANCELLED" ||
			monday.GetProperty(ics.ComponentPropertySequence).Value != "1" ||
			monday.GetProperty(ics.ComponentPropertyDtstamp).Value != "20260301T132000Z" {
			t.Errorf("A's feed after the swap: Monday shift not cancelled at SEQUENCE 1, stamped 13:20Z:\n%s", feed)
		}
		if len(events) != 2 {
			t.Errorf("A's feed has %d events, want 2 (Monday and Tuesday, cancelled):\n%s", len(events), feed)
		}
		_, feed = anon.do("GET", feedA2, nil, nil)
		if got := feedEvents(t, feed)["shift-"+f.shifts[0].ID+"@shiftplan"]; got == nil || got.GetProperty(ics.ComponentPropertyStatus).Value != "CONFIRMED" {
			t.Errorf("A2's feed after the swap lacks the Monday shift, confirmed:\n%s", feed)
		}

		// A draft's shift removed leaves no trace.
		draft := scheduling.Roster{TeamID: f.teamA.ID, PeriodStart: week.AddDate(0, 0, 7), PeriodEnd: week.AddDate(0, 0, 14)}
		must(t, db.CreateRoster(ctx, &draft))
		start := time.Date(2026, 3, 9, 6, 0, 0, 0, time.UTC)
		_, err = db.ReplaceRosterShifts(ctx, draft.ID, 0, []scheduling.Shift{{AgentID: f.agentA.ID, TemplateID: f.tmpl.ID, Start: start, End: start.Add(8 * time.Hour)}})
		must(t, err)
		_, err = db.ReplaceRosterShifts(ctx, draft.ID, 0, nil)
		must(t, err)
		if _, again := anon.do("GET", feedA, nil, nil); len(feedEvents(t, again)) != 2 {
			t.Errorf("A's feed after a draft's shift was removed has %d events, want 2:\n%s", len(feedEvents(t, again)), again)
		}

		// The feed looks 60 days back: 59 days after the Tuesday shift
		// ended it is there, the Monday shift (a day earlier) is not; 61
		// days after, neither is.
		tuesdayEnd := time.Date(2026, 3, 3, 14, 0, 0, 0, time.UTC)
		setAt(tuesdayEnd.AddDate(0, 0, 59))
		_, feed = anon.do("GET", feedA, nil, nil)
		if events := feedEvents(t, feed); len(events) != 1 || events["shift-"+f.shifts[2].ID+"@shiftplan"] == nil {
			t.Errorf("feed 59 days after the Tuesday shift: want it alone:\n%s", feed)
		}
		setAt(tuesdayEnd.AddDate(0, 0, 61))
		if _, feed = anon.do("GET", feedA, nil, nil); len(feedEvents(t, feed)) != 0 {
			t.Errorf("feed 61 days after the Tuesday shift: want no event:\n%s", feed)
		}
	})
}
