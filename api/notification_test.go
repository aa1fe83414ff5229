package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

type inboxItem struct {
	ID        string         `json:"id"`
	Kind      string         `json:"kind"`
	TeamID    string         `json:"team_id"`
	Params    map[string]any `json:"params"`
	Message   string         `json:"message"`
	Read      bool           `json:"read"`
	CreatedAt time.Time      `json:"created_at"`
}

// inbox is the caller's notifications (query: e.g. "?unread=true").
func inbox(t *testing.T, c *client, query string) []inboxItem {
	t.Helper()
	res, body := c.do("GET", "/api/v1/notifications"+query, nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /notifications%s: %d %s", query, res.StatusCode, body)
	}
	return decode[struct{ Items []inboxItem }](t, body).Items
}

// kinds lists the kinds of items, in order.
func kinds(items []inboxItem) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, it.Kind)
	}
	return out
}

// unread is the caller's unread count.
func unread(t *testing.T, c *client) int {
	t.Helper()
	res, body := c.do("GET", "/api/v1/notifications/unread", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /notifications/unread: %d %s", res.StatusCode, body)
	}
	return decode[struct{ Unread int }](t, body).Unread
}

// addLead adds a second lead of team A ("leadA2").
func (f *fixture) addLead(t *testing.T) {
	t.Helper()
	u := scheduling.User{Email: "leada2@example.com", Name: "leadA2", Role: scheduling.RoleTeamLead, TeamIDs: []string{f.teamA.ID},
		PasswordHash: f.users["leadA"].PasswordHash}
	must(t, f.db.CreateUser(context.Background(), &u))
	f.users["leadA2"] = u
}

// expectInboxes checks each named user's notification kinds, newest first.
func expectInboxes(t *testing.T, f *fixture, clients map[string]*client, want map[string][]string) {
	t.Helper()
	for name, w := range want {
		if got := kinds(inbox(t, clients[name], "")); !slices.Equal(got, w) {
			t.Errorf("%s's inbox: %v, want %v", name, got, w)
		}
	}
}

// TestNotify_TimeOff: a request reaches the agent's team's leads (not the
// other team's, not the asker); the decision reaches the agent (not the
// deciding lead). A lead filing for an agent is not told of it, the other
// lead is.
func TestNotify_TimeOff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.addLead(t)
		cl := map[string]*client{}
		for _, n := range []string{"agentA", "agentA2", "leadA", "leadA2", "leadB", "admin", "hr"} {
			cl[n] = f.login(t, n)
		}
		berlin, _ := time.LoadLocation("Europe/Berlin")
		start, end := time.Date(2026, 3, 9, 0, 0, 0, 0, berlin), time.Date(2026, 3, 11, 0, 0, 0, 0, berlin)
		res, body := cl["agentA"].do("POST", "/api/v1/time-off", map[string]any{"start": start, "end": end, "kind": "vacation"}, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("ask: %d %s", res.StatusCode, body)
		}
		id := decode[map[string]any](t, body)["id"].(string)
		expectInboxes(t, f, cl, map[string][]string{
			"leadA": {"time_off_requested"}, "leadA2": {"time_off_requested"},
			"leadB": {}, "agentA": {}, "agentA2": {}, "admin": {}, "hr": {},
		})
		got := inbox(t, cl["leadA"], "")[0]
		// The instants as sent, in UTC: Berlin midnight is 23:00 UTC the day before (CET, UTC+1).
		want := map[string]any{"time_off_id": id, "agent_id": f.agentA.ID, "agent_name": "Anna Test", "time_off_kind": "vacation",
			"start": "2026-03-08T23:00:00Z", "end": "2026-03-10T23:00:00Z"}
		if fmt.Sprint(got.Params) != fmt.Sprint(want) || got.TeamID != f.teamA.ID || got.Read {
			t.Errorf("lead's notification = %+v, want params %v, team A, unread", got, want)
		}
		if wantMsg := "Anna Test asks for time off (vacation) from Mon 9 Mar 2026 to Tue 10 Mar 2026."; got.Message != wantMsg {
			t.Errorf("message %q, want %q", got.Message, wantMsg)
		}

		if res, body := cl["leadA"].do("POST", "/api/v1/time-off/"+id+"/approve", nil, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("approve: %d %s", res.StatusCode, body)
		}
		expectInboxes(t, f, cl, map[string][]string{
			"agentA": {"time_off_approved"}, "leadA": {"time_off_requested"}, "leadA2": {"time_off_requested"}, "agentA2": {},
		})
		if p := inbox(t, cl["agentA"], "")[0].Params; p["time_off_id"] != id || p["start"] != "2026-03-08T23:00:00Z" {
			t.Errorf("approval params %v, want the request's id and start", p)
		}

		// leadA files for A2, and declines it: leadA2 hears of the request, A2 of the decline.
		res, body = cl["leadA"].do("POST", "/api/v1/time-off", map[string]any{"agent_id": f.agentA2.ID, "start": start, "end": end, "kind": "training"}, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("file for A2: %d %s", res.StatusCode, body)
		}
		id2 := decode[map[string]any](t, body)["id"].(string)
		if res, body := cl["leadA"].do("POST", "/api/v1/time-off/"+id2+"/decline", nil, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("decline: %d %s", res.StatusCode, body)
		}
		expectInboxes(t, f, cl, map[string][]string{
			"leadA": {"time_off_requested"}, "leadA2": {"time_off_requested", "time_off_requested"},
			"agentA2": {"time_off_declined"}, "agentA": {"time_off_approved"}, "leadB": {},
		})

		// A refused request (overlapping the approved one) tells nobody.
		res, _ = cl["agentA"].do("POST", "/api/v1/time-off", map[string]any{"start": start, "end": end, "kind": "sick"}, nil)
		if res.StatusCode != http.StatusConflict {
			t.Errorf("overlapping request: %d, want 409", res.StatusCode)
		}
		if n := unread(t, cl["leadA2"]); n != 2 {
			t.Errorf("leadA2 has %d unread after the refused request, want 2", n)
		}
	})
}

// TestNotify_Swap: the colleague asked hears of the proposal, the team's
// leads of the acceptance, both agents of the approval; a decline reaches
// the other agent. Nobody hears of their own step.
func TestNotify_Swap(t *testing.T) {
	// A week before the roster's shifts (a swap offers shifts still to
	// come), a second later at every reading: the inboxes' order is the
	// order of the steps.
	clock := week.AddDate(0, 0, -7)
	f := newFixtureAt(t, dbtest.New(t, store.SQLite), func() time.Time { clock = clock.Add(time.Second); return clock })
	cl := map[string]*client{}
	for _, n := range []string{"agentA", "agentA2", "agentB", "leadA", "leadB"} {
		cl[n] = f.login(t, n)
	}
	// A's Monday for A2's Monday: the same times, so no rule breaks.
	id := proposeSwap(t, cl["agentA"], map[string]any{"shift_id": f.shifts[0].ID, "with_agent_id": f.agentA2.ID,
		"their_shift_id": f.shifts[1].ID})
	expectInboxes(t, f, cl, map[string][]string{"agentA2": {"swap_proposed"}, "agentA": {}, "leadA": {}, "agentB": {}})
	p := inbox(t, cl["agentA2"], "")[0].Params
	// Monday 2 March 2026 07:00 in Berlin (CET, UTC+1) is 06:00 UTC; the shifts last 8 hours.
	if p["swap_id"] != id || p["from_agent_id"] != f.agentA.ID || p["shift_start"] != "2026-03-02T06:00:00Z" ||
		p["shift_end"] != "2026-03-02T14:00:00Z" || p["their_shift_id"] != f.shifts[1].ID {
		t.Errorf("proposal params %v", p)
	}

	if res, body := cl["agentA2"].do("POST", "/api/v1/swaps/"+id+"/accept", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("accept: %d %s", res.StatusCode, body)
	}
	expectInboxes(t, f, cl, map[string][]string{"leadA": {"swap_accepted"}, "leadB": {}, "agentA": {}, "agentA2": {"swap_proposed"}})

	if res, body := cl["leadA"].do("POST", "/api/v1/swaps/"+id+"/approve", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("approve: %d %s", res.StatusCode, body)
	}
	expectInboxes(t, f, cl, map[string][]string{
		"agentA": {"swap_approved"}, "agentA2": {"swap_approved", "swap_proposed"}, "leadA": {"swap_accepted"}, "agentB": {},
	})

	// A offers their Tuesday; A2 declines it: A hears of it, A2 does not.
	id = proposeSwap(t, cl["agentA"], map[string]any{"shift_id": f.shifts[2].ID, "with_agent_id": f.agentA2.ID})
	if res, body := cl["agentA2"].do("POST", "/api/v1/swaps/"+id+"/decline", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("decline: %d %s", res.StatusCode, body)
	}
	expectInboxes(t, f, cl, map[string][]string{
		"agentA":  {"swap_declined", "swap_approved"},
		"agentA2": {"swap_proposed", "swap_approved", "swap_proposed"},
		"leadA":   {"swap_accepted"},
	})
}

// TestNotify_RosterPublished: publishing tells each agent with shifts in
// the roster how many, once; a lead's edit of a draft tells nobody.
func TestNotify_RosterPublished(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		cl := map[string]*client{}
		for _, n := range []string{"agentA", "agentA2", "agentB", "leadA"} {
			cl[n] = f.login(t, n)
		}
		next := week.AddDate(0, 0, 7)
		r := scheduling.Roster{TeamID: f.teamA.ID, PeriodStart: next, PeriodEnd: next.AddDate(0, 0, 7)}
		must(t, f.db.CreateRoster(ctx, &r))
		berlin, _ := time.LoadLocation("Europe/Berlin")
		var shifts []scheduling.Shift
		for d := range 3 { // three shifts of A, none of A2
			start := time.Date(2026, 3, 9+d, 7, 0, 0, 0, berlin)
			shifts = append(shifts, scheduling.Shift{AgentID: f.agentA.ID, TemplateID: f.tmpl.ID, Start: start, End: start.Add(8 * time.Hour),
				Activity: "work", Status: scheduling.ShiftActive})
		}
		v, err := f.db.ReplaceRosterShifts(ctx, r.ID, 0, shifts)
		must(t, err)
		path := "/api/v1/rosters/" + r.ID
		// A draft's edit: nobody is told.
		res, body := cl["leadA"].do("PATCH", path+"/shifts/"+shifts[0].ID, map[string]any{"status": "cancelled"},
			map[string]string{"If-Match": `"1"`})
		if res.StatusCode != http.StatusOK {
			t.Fatalf("edit draft: %d %s", res.StatusCode, body)
		}
		v++
		expectInboxes(t, f, cl, map[string][]string{"agentA": {}, "agentA2": {}})

		res, body = cl["leadA"].do("POST", path+"/publish", nil, map[string]string{"If-Match": fmt.Sprintf(`"%d"`, v)})
		if res.StatusCode != http.StatusOK {
			t.Fatalf("publish: %d %s", res.StatusCode, body)
		}
		expectInboxes(t, f, cl, map[string][]string{"agentA": {"roster_published"}, "agentA2": {}, "agentB": {}, "leadA": {}})
		// Three shifts less the one cancelled.
		want := map[string]any{"roster_id": r.ID, "team_id": f.teamA.ID, "period_start": "2026-03-09", "period_end": "2026-03-16", "shifts": float64(2)}
		if got := inbox(t, cl["agentA"], "")[0].Params; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("params %v, want %v", got, want)
		}
		// Published again: nobody is told twice.
		res, body = cl["leadA"].do("POST", path+"/publish", nil, map[string]string{"If-Match": fmt.Sprintf(`"%d"`, v+1)})
		if res.StatusCode != http.StatusOK {
			t.Fatalf("publish again: %d %s", res.StatusCode, body)
		}
		expectInboxes(t, f, cl, map[string][]string{"agentA": {"roster_published"}})
	})
}

// TestNotify_ShiftChanged: edits of a published shift reach the agents
// concerned with the times before and after: a new time, a move to
// another agent (both told), a cancellation; a change of queue tells
// nobody. The agents read their inbox after each edit, so each edit is
// a notice of its own (see TestNotify_ShiftChangedUnreadMerged).
func TestNotify_ShiftChanged(t *testing.T) {
	f := sqliteFixture(t)
	cl := map[string]*client{}
	for _, n := range []string{"agentA", "agentA2", "agentB", "leadA"} {
		cl[n] = f.login(t, n)
	}
	sh := f.shifts[2] // A's Tuesday, 3 March 2026 07:00–15:00 in Berlin = 06:00–14:00 UTC
	leadEdits := shiftEditor(t, f, cl["leadA"], sh.ID)
	edit := func(body map[string]any) {
		t.Helper()
		leadEdits(body)
		for _, name := range []string{"agentA", "agentA2"} {
			readAll(t, cl[name])
		}
	}
	later := func(h int) time.Time { return time.Date(2026, 3, 3, 6+h, 0, 0, 0, time.UTC) }
	edit(map[string]any{"start": later(1), "end": later(9)})
	expectInboxes(t, f, cl, map[string][]string{"agentA": {"shift_changed"}, "agentA2": {}, "agentB": {}, "leadA": {}})
	want := map[string]any{"shift_id": sh.ID, "roster_id": f.roster.ID, "team_id": f.teamA.ID, "change": "times",
		"before_status": "active", "before_start": "2026-03-03T06:00:00Z", "before_end": "2026-03-03T14:00:00Z",
		"after_start": "2026-03-03T07:00:00Z", "after_end": "2026-03-03T15:00:00Z",
		"before_agent_id": f.agentA.ID, "before_agent_name": "Anna Test", "after_agent_id": f.agentA.ID, "after_agent_name": "Anna Test"}
	first := inbox(t, cl["agentA"], "")[0]
	if fmt.Sprint(first.Params) != fmt.Sprint(want) {
		t.Errorf("params %v,\nwant %v", first.Params, want)
	}
	// 06:00 UTC is 07:00 CET.
	if w := "Your shift Tue 3 Mar 2026 07:00 CET–15:00 CET now runs Tue 3 Mar 2026 08:00 CET–16:00 CET."; first.Message != w {
		t.Errorf("message %q, want %q", first.Message, w)
	}

	edit(map[string]any{"agent_id": f.agentA2.ID})
	changes := func(name string) []string {
		var out []string
		for _, it := range inbox(t, cl[name], "") {
			out = append(out, it.Params["change"].(string))
		}
		return out
	}
	edit(map[string]any{"queue_id": f.queue.ID})
	edit(map[string]any{"status": "cancelled"})
	if got := changes("agentA"); !slices.Equal(got, []string{"unassigned", "times"}) {
		t.Errorf("A's changes %v, want unassigned, times", got)
	}
	if got := changes("agentA2"); !slices.Equal(got, []string{"cancelled", "assigned"}) {
		t.Errorf("A2's changes %v, want cancelled, assigned", got)
	}
	expectInboxes(t, f, cl, map[string][]string{"agentB": {}, "leadA": {}})
}

// TestNotify_ShiftChangedUnreadMerged: edits of a shift its agent has not
// read of yet leave one notice, of the change since the last one read:
// A's Tuesday (07:00–15:00 in Berlin) moved an hour later and then two
// is one notice, 07:00–15:00 → 09:00–17:00; moved back to 07:00 the
// notice goes, as nothing changed for A; moved to A2 and back to A, A2
// is told nothing. Once A has read a notice, the next edit is one of its
// own.
func TestNotify_ShiftChangedUnreadMerged(t *testing.T) {
	f := sqliteFixture(t)
	cl := map[string]*client{}
	for _, n := range []string{"agentA", "agentA2", "leadA"} {
		cl[n] = f.login(t, n)
	}
	edit := shiftEditor(t, f, cl["leadA"], f.shifts[2].ID) // A's Tuesday, 3 March 2026 07:00–15:00 in Berlin = 06:00–14:00 UTC
	at := func(h int) time.Time { return time.Date(2026, 3, 3, h, 0, 0, 0, time.UTC) }
	times := func(name string) []string {
		t.Helper()
		var out []string
		for _, it := range inbox(t, cl[name], "") {
			out = append(out, fmt.Sprint(it.Params["change"], " ", it.Params["before_start"], " → ", it.Params["after_start"], " ", it.Read))
		}
		return out
	}
	edit(map[string]any{"start": at(7), "end": at(15)})
	edit(map[string]any{"start": at(8), "end": at(16)})
	if got, want := times("agentA"), []string{"times 2026-03-03T06:00:00Z → 2026-03-03T08:00:00Z false"}; !slices.Equal(got, want) {
		t.Errorf("two unread edits: A's inbox %q, want %q", got, want)
	}
	if w := "Your shift Tue 3 Mar 2026 07:00 CET–15:00 CET now runs Tue 3 Mar 2026 09:00 CET–17:00 CET."; inbox(t, cl["agentA"], "")[0].Message != w {
		t.Errorf("message %q, want %q", inbox(t, cl["agentA"], "")[0].Message, w)
	}
	edit(map[string]any{"start": at(6), "end": at(14)})
	if got := times("agentA"); len(got) != 0 {
		t.Errorf("moved back: A's inbox %q, want none", got)
	}
	edit(map[string]any{"agent_id": f.agentA2.ID})
	edit(map[string]any{"agent_id": f.agentA.ID})
	if got, got2 := times("agentA"), times("agentA2"); len(got) != 0 || len(got2) != 0 {
		t.Errorf("to A2 and back: inboxes A %q, A2 %q, want none", got, got2)
	}

	edit(map[string]any{"start": at(7), "end": at(15)})
	readAll(t, cl["agentA"])
	edit(map[string]any{"status": "cancelled"})
	want := []string{"cancelled 2026-03-03T07:00:00Z → 2026-03-03T07:00:00Z false", "times 2026-03-03T06:00:00Z → 2026-03-03T07:00:00Z true"}
	if got := times("agentA"); !slices.Equal(got, want) {
		t.Errorf("after reading: A's inbox %q, want %q", got, want)
	}
}

// shiftEditor returns a function by which lead edits (forced) the shift
// id of f's roster, from version 1 on.
func shiftEditor(t *testing.T, f *fixture, lead *client, id string) func(body map[string]any) {
	path := "/api/v1/rosters/" + f.roster.ID + "/shifts/" + id + "?force=true"
	version := 1
	return func(body map[string]any) {
		t.Helper()
		res, out := lead.do("PATCH", path, body, map[string]string{"If-Match": fmt.Sprintf(`"%d"`, version)})
		if res.StatusCode != http.StatusOK {
			t.Fatalf("edit %v: %d %s", body, res.StatusCode, out)
		}
		version++
	}
}

// readAll marks every notification of c's login read.
func readAll(t *testing.T, c *client) {
	t.Helper()
	if res, out := c.do("POST", "/api/v1/notifications/read-all", map[string]any{}, nil); res.StatusCode != http.StatusNoContent {
		t.Fatalf("read all: %d %s", res.StatusCode, out)
	}
}

// TestNotifications_ReadState: a team-wide reminder is seen by the team's
// lead and the admins, not by agents, HR or other teams' leads; each
// reader's read mark is their own; another's notification is 404 to mark;
// bad input is refused naming the parameter.
func TestNotifications_ReadState(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		cl := map[string]*client{}
		for _, n := range []string{"agentA", "agentA2", "agentB", "leadA", "leadB", "admin", "hr"} {
			cl[n] = f.login(t, n)
		}
		reminder := store.Notification{Kind: "roster_unpublished", TeamID: f.teamA.ID, Key: "roster_unpublished:test", Message: "m",
			Params: map[string]any{"team_id": f.teamA.ID, "week_start": "2026-03-09"}}
		_, err := f.db.CreateNotification(ctx, &reminder)
		must(t, err)
		personal := store.Notification{Kind: "time_off_approved", UserID: f.users["agentA"].ID, TeamID: f.teamA.ID, Key: "personal:test", Message: "m"}
		_, err = f.db.CreateNotification(ctx, &personal)
		must(t, err)
		expectInboxes(t, f, cl, map[string][]string{
			"leadA": {"roster_unpublished"}, "admin": {"roster_unpublished"}, "leadB": {}, "hr": {},
			"agentA": {"time_off_approved"}, "agentA2": {}, "agentB": {},
		})

		read := func(c *client, id string) int {
			t.Helper()
			res, _ := c.do("POST", "/api/v1/notifications/"+id+"/read", nil, nil)
			return res.StatusCode
		}
		if s := read(cl["leadA"], reminder.ID); s != http.StatusNoContent {
			t.Fatalf("lead marks the reminder: %d", s)
		}
		for name, want := range map[string]int{"leadA": 0, "admin": 1, "agentA": 1} {
			if got := unread(t, cl[name]); got != want {
				t.Errorf("%s: %d unread, want %d", name, got, want)
			}
		}
		if items := inbox(t, cl["admin"], "?unread=true"); len(items) != 1 || items[0].ID != reminder.ID || items[0].Read {
			t.Errorf("admin's unread: %+v, want the reminder", items)
		}
		if items := inbox(t, cl["leadA"], "?unread=true"); len(items) != 0 {
			t.Errorf("leadA's unread: %+v, want none", items)
		}
		if items := inbox(t, cl["leadA"], ""); len(items) != 1 || !items[0].Read {
			t.Errorf("leadA's inbox: %+v, want the reminder, read", items)
		}

		// Someone else's notification, or one of another team, is not found.
		for _, tc := range []struct {
			who, id string
		}{{"leadA", personal.ID}, {"agentA2", personal.ID}, {"agentA", reminder.ID}, {"leadB", reminder.ID}, {"hr", reminder.ID}, {"agentA", "no-such-id"}} {
			if s := read(cl[tc.who], tc.id); s != http.StatusNotFound {
				t.Errorf("%s marks %s: %d, want 404", tc.who, tc.id, s)
			}
		}
		if unread(t, cl["agentA"]) != 1 || unread(t, cl["admin"]) != 1 {
			t.Errorf("the refused marks changed someone's read state")
		}

		// Bad input names the parameter.
		for _, q := range []struct{ query, field string }{{"?unread=maybe", "unread"}, {"?limit=0", "limit"}, {"?cursor=%21", "cursor"}} {
			res, body := cl["agentA"].do("GET", "/api/v1/notifications"+q.query, nil, nil)
			if (res.StatusCode != http.StatusUnprocessableEntity && res.StatusCode != http.StatusBadRequest) ||
				!strings.Contains(string(body), `"field":"`+q.field+`"`) {
				t.Errorf("GET %s: %d %s, want 422 naming %s", q.query, res.StatusCode, body, q.field)
			}
		}

		// The OpenAPI document describes the routes (it validated the requests above).
		_, doc := cl["admin"].do("GET", "/api/v1/openapi.json", nil, nil)
		for _, path := range []string{`"/notifications"`, `"/notifications/unread"`, `"/notifications/read-all"`, `"/notifications/{id}/read"`} {
			if !strings.Contains(string(doc), path) {
				t.Errorf("openapi.json lacks %s", path)
			}
		}

		if res, body := cl["admin"].do("POST", "/api/v1/notifications/read-all", nil, nil); res.StatusCode != http.StatusNoContent {
			t.Fatalf("read-all: %d %s", res.StatusCode, body)
		}
		for name, want := range map[string]int{"admin": 0, "agentA": 1} {
			if got := unread(t, cl[name]); got != want {
				t.Errorf("after the admin's read-all, %s: %d unread, want %d", name, got, want)
			}
		}
	})
}

// TestNotifications_Paging: ?limit pages newest first with next_cursor
// until the last page.
func TestNotifications_Paging(t *testing.T) {
	clock := time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)
	f := newFixtureAt(t, dbtest.New(t, store.SQLite), func() time.Time { clock = clock.Add(time.Second); return clock })
	ctx := context.Background()
	const n = 5
	for i := range n {
		x := store.Notification{Kind: "time_off_approved", UserID: f.users["agentA"].ID, Key: fmt.Sprint("k", i), Message: fmt.Sprint(i)}
		_, err := f.db.CreateNotification(ctx, &x)
		must(t, err)
	}
	c := f.login(t, "agentA")
	var got []string
	cursor := ""
	for pages := 1; ; pages++ {
		res, body := c.do("GET", "/api/v1/notifications?limit=2"+cursor, nil, nil)
		pg := decode[struct {
			Items      []inboxItem
			NextCursor *string `json:"next_cursor"`
		}](t, body)
		if res.StatusCode != http.StatusOK || len(pg.Items) > 2 {
			t.Fatalf("page %d: %d %s", pages, res.StatusCode, body)
		}
		for _, it := range pg.Items {
			got = append(got, it.Message)
		}
		if pg.NextCursor == nil {
			// ceil(5 / 2) = 3 pages.
			if pages != 3 {
				t.Errorf("%d pages, want 3", pages)
			}
			break
		}
		cursor = "&cursor=" + *pg.NextCursor
	}
	// Stored one second apart, 0 first: newest first is 4 … 0.
	if want := []string{"4", "3", "2", "1", "0"}; !slices.Equal(got, want) {
		t.Errorf("messages %v, want %v", got, want)
	}
	if u := unread(t, c); u != n {
		t.Errorf("%d unread, want %d", u, n)
	}
}

// TestNotifications_UnreadPagesSkipNothing: under ?unread=true, an item
// of the first page read before the next page is asked for shifts
// nothing: the next page starts after the last item shown, as it would
// had nothing been read. An offset cursor skipped one item here.
func TestNotifications_UnreadPagesSkipNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		clock := time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)
		f := newFixtureAt(t, db, func() time.Time { clock = clock.Add(time.Second); return clock })
		ctx := context.Background()
		for i := range 5 {
			x := store.Notification{Kind: "time_off_approved", UserID: f.users["agentA"].ID, Key: fmt.Sprint("k", i), Message: fmt.Sprint(i)}
			_, err := f.db.CreateNotification(ctx, &x)
			must(t, err)
		}
		c := f.login(t, "agentA")
		page := func(query string) ([]inboxItem, string) {
			t.Helper()
			res, body := c.do("GET", "/api/v1/notifications?unread=true&limit=2"+query, nil, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET /notifications%s: %d %s", query, res.StatusCode, body)
			}
			pg := decode[struct {
				Items      []inboxItem
				NextCursor *string `json:"next_cursor"`
			}](t, body)
			next := ""
			if pg.NextCursor != nil {
				next = "&cursor=" + *pg.NextCursor
			}
			return pg.Items, next
		}
		messages := func(items []inboxItem) []string {
			out := []string{}
			for _, it := range items {
				out = append(out, it.Message)
			}
			return out
		}
		first, next := page("")
		if got := messages(first); !slices.Equal(got, []string{"4", "3"}) || next == "" {
			t.Fatalf("first page %v (next %q), want [4 3] and a next page", got, next)
		}
		// The reader opens the newest: it is no longer unread.
		if res, body := c.do("POST", "/api/v1/notifications/"+first[0].ID+"/read", nil, nil); res.StatusCode != http.StatusNoContent {
			t.Fatalf("mark read: %d %s", res.StatusCode, body)
		}
		second, next := page(next)
		if got := messages(second); !slices.Equal(got, []string{"2", "1"}) {
			t.Errorf("second page %v, want [2 1]", got)
		}
		third, next := page(next)
		if got := messages(third); !slices.Equal(got, []string{"0"}) || next != "" {
			t.Errorf("third page %v (next %q), want [0] and the end", got, next)
		}
	})
}

// TestNotifications_ReadAllUpTo: read-all with up_to marks the newest
// notification the client showed and older ones; one stored since stays
// unread. An up_to the caller does not have is 422 naming it; without a
// body every notification is marked.
func TestNotifications_ReadAllUpTo(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		clock := time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)
		f := newFixtureAt(t, db, func() time.Time { clock = clock.Add(time.Second); return clock })
		ctx := context.Background()
		add := func(user, key string) store.Notification {
			t.Helper()
			n := store.Notification{Kind: "time_off_approved", UserID: f.users[user].ID, Key: key, Message: key}
			_, err := f.db.CreateNotification(ctx, &n)
			must(t, err)
			return n
		}
		add("agentA", "old")
		add("agentA", "shown")
		other := add("agentA2", "another's")
		c := f.login(t, "agentA")
		shown := inbox(t, c, "")
		if len(shown) != 2 || shown[0].Message != "shown" {
			t.Fatalf("inbox %+v, want shown and old", shown)
		}
		add("agentA", "later") // arrives while the list is on screen

		for _, tc := range []struct{ name, upTo string }{{"another's", other.ID}, {"unknown", "no-such-id"}} {
			res, body := c.do("POST", "/api/v1/notifications/read-all", map[string]string{"up_to": tc.upTo}, nil)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"up_to"`) {
				t.Errorf("read-all up to %s: %d %s, want 422 naming up_to", tc.name, res.StatusCode, body)
			}
		}
		if n := unread(t, c); n != 3 {
			t.Errorf("%d unread after the refused read-alls, want 3", n)
		}

		res, body := c.do("POST", "/api/v1/notifications/read-all", map[string]string{"up_to": shown[0].ID}, nil)
		if res.StatusCode != http.StatusNoContent {
			t.Fatalf("read-all up to the newest shown: %d %s", res.StatusCode, body)
		}
		items := inbox(t, c, "?unread=true")
		if len(items) != 1 || items[0].Message != "later" {
			t.Errorf("unread after read-all: %+v, want only the later one", items)
		}
		if res, body := c.do("POST", "/api/v1/notifications/read-all", nil, nil); res.StatusCode != http.StatusNoContent {
			t.Fatalf("read-all without a bound: %d %s", res.StatusCode, body)
		}
		if n := unread(t, c); n != 0 {
			t.Errorf("%d unread after read-all without a bound, want 0", n)
		}
	})
}
