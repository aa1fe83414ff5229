package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestTimeOff_ApprovalCancelsCoveredShifts: agent A asks for Monday off,
// where the fixture has a shift of theirs (07:00–15:00), and for Tuesday
// from 12:00, which overlaps Tuesday's shift in part. Approving Monday
// cancels that shift (version 1 → 2, in the roster's history) and suggests
// a re-solve; approving Tuesday afternoon names Tuesday's shift and leaves
// it for the lead to shorten.
func TestTimeOff_ApprovalCancelsCoveredShifts(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	agent, lead := f.login(t, "agentA"), f.login(t, "leadA")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	type decision struct {
		TimeOff          struct{ Status string } `json:"time_off"`
		ResolveSuggested bool                    `json:"resolve_suggested"`
		AffectedShifts   []struct {
			ID, Status string
			Version    int
		} `json:"affected_shifts"`
		AffectedRosters []string `json:"affected_rosters"`
	}
	approve := func(start, end time.Time, kind string) decision {
		t.Helper()
		res, body := agent.do("POST", "/api/v1/time-off", map[string]any{"start": start, "end": end, "kind": kind, "reason": "flu"}, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("ask: %d %s", res.StatusCode, body)
		}
		id := decode[map[string]any](t, body)["id"].(string)
		res, body = lead.do("POST", "/api/v1/time-off/"+id+"/approve", nil, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("approve: %d %s", res.StatusCode, body)
		}
		if res, _ := lead.do("POST", "/api/v1/time-off/"+id+"/decline", nil, nil); res.StatusCode != http.StatusConflict {
			t.Errorf("declining an approved request: %d, want 409", res.StatusCode)
		}
		return decode[decision](t, body)
	}
	before, err := f.db.FindRosterByID(ctx, f.roster.ID)
	must(t, err)

	d := approve(time.Date(2026, 3, 2, 0, 0, 0, 0, berlin), time.Date(2026, 3, 3, 0, 0, 0, 0, berlin), "sick")
	if d.TimeOff.Status != "approved" || !d.ResolveSuggested || len(d.AffectedShifts) != 1 || d.AffectedShifts[0].ID != f.shifts[0].ID ||
		d.AffectedShifts[0].Status != "cancelled" || d.AffectedShifts[0].Version != 2 ||
		len(d.AffectedRosters) != 1 || d.AffectedRosters[0] != f.roster.ID {
		t.Errorf("approval of Monday = %+v, want Monday's shift cancelled at version 2 in the fixture's roster", d)
	}
	monday, err := f.db.FindShiftByID(ctx, f.shifts[0].ID)
	must(t, err)
	if monday.Status != scheduling.ShiftCancelled {
		t.Errorf("Monday's shift is %s after the approval, want cancelled", monday.Status)
	}
	after, err := f.db.FindRosterByID(ctx, f.roster.ID)
	must(t, err)
	if after.Version != before.Version+1 {
		t.Errorf("roster version %d → %d, want one change", before.Version, after.Version)
	}
	audit, err := f.db.FindAudit(ctx, f.roster.ID)
	must(t, err)
	if last := audit[len(audit)-1]; last.Action != "cancel_for_time_off" || last.EntityID != f.shifts[0].ID || last.UserID != f.users["leadA"].ID {
		t.Errorf("last audit entry %+v, want the lead's cancellation of Monday's shift", last)
	}

	// f.shifts[2] is agent A's Tuesday 07:00–15:00.
	d = approve(time.Date(2026, 3, 3, 12, 0, 0, 0, berlin), time.Date(2026, 3, 3, 18, 0, 0, 0, berlin), "other")
	if !d.ResolveSuggested || len(d.AffectedShifts) != 1 || d.AffectedShifts[0].ID != f.shifts[2].ID ||
		d.AffectedShifts[0].Status != "active" || d.AffectedShifts[0].Version != 1 {
		t.Errorf("approval of Tuesday afternoon = %+v, want Tuesday's shift named and left active", d)
	}
}

// TestTimeOff_RefusesOverlongRequest: a twenty-year absence and a reason past
// MaxTextLength are refused with 422 naming the field; neither is stored.
func TestTimeOff_RefusesOverlongRequest(t *testing.T) {
	f := sqliteFixture(t)
	agent := f.login(t, "agentA")
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	filter := store.TimeOffFilter{AgentIDs: []string{f.agentA.ID}}
	before, err := f.db.FindTimeOff(context.Background(), filter)
	must(t, err)
	for _, tc := range []struct {
		field string
		body  map[string]any
	}{
		{"end", map[string]any{"start": start, "end": start.AddDate(20, 0, 0), "kind": "vacation"}},
		{"reason", map[string]any{"start": start, "end": start.AddDate(0, 0, 1), "kind": "sick",
			"reason": strings.Repeat("x", scheduling.MaxTextLength+1)}},
	} {
		res, body := agent.do("POST", "/api/v1/time-off", tc.body, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"`+tc.field+`"`) {
			t.Errorf("%s: %d %.300s, want 422 naming %s", tc.field, res.StatusCode, body, tc.field)
		}
	}
	after, err := f.db.FindTimeOff(context.Background(), filter)
	must(t, err)
	if len(after) != len(before) {
		t.Errorf("%d requests stored after the refusals, want %d", len(after), len(before))
	}
}

// a2FreeMonday is beforeWeekFixture with A2's Monday shift cancelled, so
// that A may give their Monday shift to A2.
func a2FreeMonday(t *testing.T) *fixture {
	t.Helper()
	f := beforeWeekFixture(t)
	a2Monday := f.shifts[1]
	a2Monday.Status = scheduling.ShiftCancelled
	_, err := f.db.UpdateShift(context.Background(), a2Monday)
	must(t, err)
	return f
}

// beforeWeekFixture is the fixture on SQLite with the clock a week before
// the roster's week, whose shifts are then still to come: a swap offers
// only those.
func beforeWeekFixture(t *testing.T) *fixture {
	return newFixtureAt(t, dbtest.New(t, store.SQLite), func() time.Time { return week.AddDate(0, 0, -7) })
}

// proposeSwap has c offer a swap (POST /swaps with body) and returns its
// ID, stopping the test unless it is created.
func proposeSwap(t *testing.T, c *client, body map[string]any) string {
	t.Helper()
	res, out := c.do("POST", "/api/v1/swaps", body, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("propose %v: %d %s", body, res.StatusCode, out)
	}
	return decode[map[string]any](t, out)["id"].(string)
}

// TestSwap_ProposeAcceptApprove: agent A gives their Monday shift to A2
// (whose Monday shift is cancelled): only A2 may accept, the lead approves,
// and the shift changes hands with an audit entry. Offering A's Tuesday
// shift to A2, who works Tuesday too, breaks the overlap rule and is refused.
func TestSwap_ProposeAcceptApprove(t *testing.T) {
	f := a2FreeMonday(t)
	ctx := context.Background()
	a, a2, b, lead := f.login(t, "agentA"), f.login(t, "agentA2"), f.login(t, "agentB"), f.login(t, "leadA")
	id := proposeSwap(t, a, map[string]any{"shift_id": f.shifts[0].ID, "with_agent_id": f.agentA2.ID})
	// Agent B, of another team, does not see the swap: 404 as a missing one.
	if res, _ := b.do("POST", "/api/v1/swaps/"+id+"/accept", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("accept by an outsider: %d, want 404", res.StatusCode)
	}
	if res, _ := lead.do("POST", "/api/v1/swaps/"+id+"/approve", nil, nil); res.StatusCode != http.StatusConflict {
		t.Errorf("approve before acceptance: %d, want 409", res.StatusCode)
	}
	if res, body := a2.do("POST", "/api/v1/swaps/"+id+"/accept", nil, nil); res.StatusCode != 200 {
		t.Fatalf("accept: %d %s", res.StatusCode, body)
	}
	if res, body := lead.do("POST", "/api/v1/swaps/"+id+"/approve", nil, nil); res.StatusCode != 200 {
		t.Fatalf("approve: %d %s", res.StatusCode, body)
	}
	got, err := f.db.FindShiftByID(ctx, f.shifts[0].ID)
	must(t, err)
	if got.AgentID != f.agentA2.ID {
		t.Errorf("after the swap the shift is %s's, want A2's", got.AgentID)
	}
	audit, err := f.db.FindAudit(ctx, f.roster.ID)
	must(t, err)
	if last := audit[len(audit)-1]; last.Action != "swap" || last.EntityID != f.shifts[0].ID {
		t.Errorf("last audit entry %+v, want the swap", last)
	}

	// A's Tuesday shift to A2, who already works Tuesday: overlap.
	id = proposeSwap(t, a, map[string]any{"shift_id": f.shifts[2].ID, "with_agent_id": f.agentA2.ID})
	a2.do("POST", "/api/v1/swaps/"+id+"/accept", nil, nil)
	res, body := lead.do("POST", "/api/v1/swaps/"+id+"/approve", nil, nil)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("approving an overlapping swap: %d, want 422: %s", res.StatusCode, body)
	}
}

// TestSwap_RefusesWhatCannotBeSwapped: a swap offers an active shift of a
// published roster that is still to come, once at a time; one whose shift
// changed hands after it was accepted is not approved.
func TestSwap_RefusesWhatCannotBeSwapped(t *testing.T) {
	f := beforeWeekFixture(t)
	ctx := context.Background()
	a, a2, lead := f.login(t, "agentA"), f.login(t, "agentA2"), f.login(t, "leadA")
	offer := func(shift string) (*http.Response, []byte) {
		return a.do("POST", "/api/v1/swaps", map[string]any{"shift_id": shift, "with_agent_id": f.agentA2.ID}, nil)
	}
	// A's Tuesday shift, cancelled.
	tuesday := f.shifts[2]
	tuesday.Status = scheduling.ShiftCancelled
	_, err := f.db.UpdateShift(ctx, tuesday)
	must(t, err)
	if res, body := offer(tuesday.ID); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "cancelled") {
		t.Errorf("cancelled shift: %d %s, want 422", res.StatusCode, body)
	}
	// A shift of a draft roster the week after.
	draft := scheduling.Roster{TeamID: f.teamA.ID, PeriodStart: week.AddDate(0, 0, 7), PeriodEnd: week.AddDate(0, 0, 14)}
	must(t, f.db.CreateRoster(ctx, &draft))
	next := f.shifts[0]
	next.ID, next.Start, next.End = "", next.Start.AddDate(0, 0, 7), next.End.AddDate(0, 0, 7)
	_, err = f.db.ReplaceRosterShifts(ctx, draft.ID, 0, []scheduling.Shift{next})
	must(t, err)
	drafts, err := f.db.FindShifts(ctx, store.ShiftFilter{RosterID: draft.ID})
	must(t, err)
	if res, body := offer(drafts[0].ID); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "not published") {
		t.Errorf("draft shift: %d %s, want 422", res.StatusCode, body)
	}
	// Monday's shift, offered twice.
	res, body := offer(f.shifts[0].ID)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("offer: %d %s", res.StatusCode, body)
	}
	id := decode[map[string]any](t, body)["id"].(string)
	if res, body := offer(f.shifts[0].ID); res.StatusCode != http.StatusConflict {
		t.Errorf("second offer of the same shift: %d %s, want 409", res.StatusCode, body)
	}
	// A2 accepts; then the lead gives the shift to someone else, and the
	// swap no longer says what it did.
	if res, body := a2.do("POST", "/api/v1/swaps/"+id+"/accept", nil, nil); res.StatusCode != 200 {
		t.Fatalf("accept: %d %s", res.StatusCode, body)
	}
	moved := f.shifts[0]
	moved.AgentID = f.agentB.ID
	_, err = f.db.UpdateShift(ctx, moved)
	must(t, err)
	if res, body := lead.do("POST", "/api/v1/swaps/"+id+"/approve", nil, nil); res.StatusCode != http.StatusConflict {
		t.Errorf("approve after the shift changed hands: %d %s, want 409", res.StatusCode, body)
	}
	if got, err := f.db.FindShiftByID(ctx, f.shifts[0].ID); err != nil || got.AgentID != f.agentB.ID {
		t.Errorf("shift after the refused approval: %+v %v, want B's", got, err)
	}
}

// TestSwap_RefusesEditedShift: agent A offers their Monday shift to A2
// (whose own Monday shift is cancelled, so taking it overlaps nothing);
// the lead then ends it half an hour earlier. A2's acceptance is refused
// (409 swap_changed): it would accept other times than were offered. Offered again
// as it now is and accepted, the lead edits it once more: the approval
// is refused too, and the shift stays A's. Offered a third time and left
// alone, it goes through.
func TestSwap_RefusesEditedShift(t *testing.T) {
	f := a2FreeMonday(t)
	ctx := context.Background()
	a, a2, lead := f.login(t, "agentA"), f.login(t, "agentA2"), f.login(t, "leadA")
	propose := func() string {
		t.Helper()
		return proposeSwap(t, a, map[string]any{"shift_id": f.shifts[0].ID, "with_agent_id": f.agentA2.ID})
	}
	shorten := func() {
		t.Helper()
		cur, err := f.db.FindShiftByID(ctx, f.shifts[0].ID)
		must(t, err)
		cur.End = cur.End.Add(-30 * time.Minute)
		_, err = f.db.UpdateShift(ctx, cur)
		must(t, err)
	}

	first := propose()
	shorten()
	if res, body := a2.do("POST", "/api/v1/swaps/"+first+"/accept", nil, nil); res.StatusCode != http.StatusConflict || !strings.Contains(string(body), `"code":"swap_changed"`) {
		t.Errorf("accept after the shift was edited: %d %s, want 409 swap_changed", res.StatusCode, body)
	}
	if res, body := a.do("POST", "/api/v1/swaps/"+first+"/decline", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("withdraw: %d %s", res.StatusCode, body)
	}

	second := propose()
	if res, body := a2.do("POST", "/api/v1/swaps/"+second+"/accept", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("accept: %d %s", res.StatusCode, body)
	}
	shorten()
	if res, body := lead.do("POST", "/api/v1/swaps/"+second+"/approve", nil, nil); res.StatusCode != http.StatusConflict || !strings.Contains(string(body), `"code":"swap_changed"`) {
		t.Errorf("approve after the shift was edited: %d %s, want 409 swap_changed", res.StatusCode, body)
	}
	if got, err := f.db.FindShiftByID(ctx, f.shifts[0].ID); err != nil || got.AgentID != f.agentA.ID {
		t.Errorf("shift after the refused approval: %+v %v, want A's", got, err)
	}
	if res, body := a.do("POST", "/api/v1/swaps/"+second+"/decline", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("withdraw: %d %s", res.StatusCode, body)
	}

	third := propose()
	if res, body := a2.do("POST", "/api/v1/swaps/"+third+"/accept", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("accept: %d %s", res.StatusCode, body)
	}
	if res, body := lead.do("POST", "/api/v1/swaps/"+third+"/approve", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("approve of the shift as offered: %d %s, want 200", res.StatusCode, body)
	}
}

// TestSwap_DeclinedWhenRosterResolved: a week before the fixture's week,
// A offers their Monday shift to A2 (left proposed) and A2 offers their
// Monday shift to A for A's Tuesday (accepted by A). The lead then solves
// the roster again; nothing has begun, so every shift is replaced and
// neither swap offers anything any more. Both are declined in the solve,
// and A and A2 are each told of both (two swap_declined notifications),
// rather than finding them gone.
func TestSwap_DeclinedWhenRosterResolved(t *testing.T) {
	f := beforeWeekFixture(t)
	ctx := context.Background()
	a, a2, lead := f.login(t, "agentA"), f.login(t, "agentA2"), f.login(t, "leadA")
	propose := func(c *client, body map[string]any) string {
		t.Helper()
		res, b := c.do("POST", "/api/v1/swaps", body, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("propose: %d %s", res.StatusCode, b)
		}
		return decode[map[string]any](t, b)["id"].(string)
	}
	propose(a, map[string]any{"shift_id": f.shifts[0].ID, "with_agent_id": f.agentA2.ID})
	exchange := propose(a2, map[string]any{"shift_id": f.shifts[1].ID, "with_agent_id": f.agentA.ID, "their_shift_id": f.shifts[2].ID})
	if res, body := a.do("POST", "/api/v1/swaps/"+exchange+"/accept", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("accept: %d %s", res.StatusCode, body)
	}
	declined := func(c *client) int {
		t.Helper()
		n := 0
		for _, it := range inbox(t, c, "?limit=100") {
			if it.Kind == "swap_declined" {
				n++
			}
		}
		return n
	}
	if n := declined(a) + declined(a2); n != 0 {
		t.Fatalf("%d swap_declined notifications before the solve, want 0", n)
	}

	res, body := lead.do("POST", "/api/v1/rosters/"+f.roster.ID+"/solve", map[string]any{"time_limit_seconds": 0.5, "seed": 1}, nil)
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("solve: %d %s", res.StatusCode, body)
	}
	jobID := decode[map[string]string](t, body)["job_id"]
	w := api.NewWorker(f.db, quietLog(), api.WorkerConfig{Now: func() time.Time { return week.AddDate(0, 0, -7) }})
	if _, err := w.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	_, body = lead.do("GET", "/api/v1/jobs/"+jobID, nil, nil)
	if job := decode[struct{ Status, Error string }](t, body); job.Status != "succeeded" {
		t.Fatalf("job %s, want succeeded", body)
	}
	for name, c := range map[string]*client{"A": a, "A2": a2} {
		if n := declined(c); n != 2 {
			t.Errorf("%s has %d swap_declined notifications after the solve, want 2", name, n)
		}
	}
	open, err := f.db.FindOpenSwapsOfRoster(ctx, f.roster.ID)
	must(t, err)
	if len(open) != 0 {
		t.Errorf("open swaps after the solve: %+v, want none", open)
	}
}

// TestSwap_RefusesStartedShift: on the real clock the fixture's March 2026
// shifts have begun; offering one would rewrite who worked it.
func TestSwap_RefusesStartedShift(t *testing.T) {
	f := sqliteFixture(t)
	a := f.login(t, "agentA")
	res, body := a.do("POST", "/api/v1/swaps", map[string]any{"shift_id": f.shifts[0].ID, "with_agent_id": f.agentA2.ID}, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "already started") {
		t.Errorf("started shift: %d %s, want 422", res.StatusCode, body)
	}
}

// TestTimeOff_Withdraw: agent A takes back a request not yet decided; their
// lead is told, the approvals list no longer holds it, and the same days
// can be asked for again. A colleague may not withdraw it (nor see it), a decided
// request cannot be withdrawn (409), and a lead may withdraw one for their
// agent.
func TestTimeOff_Withdraw(t *testing.T) {
	f := sqliteFixture(t)
	agent, lead := f.login(t, "agentA"), f.login(t, "leadA")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	ask := func(c *client, body map[string]any) string {
		t.Helper()
		res, b := c.do("POST", "/api/v1/time-off", body, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("ask: %d %s", res.StatusCode, b)
		}
		return decode[map[string]any](t, b)["id"].(string)
	}
	days := map[string]any{"start": time.Date(2026, 4, 6, 0, 0, 0, 0, berlin), "end": time.Date(2026, 4, 8, 0, 0, 0, 0, berlin), "kind": "vacation"}
	id := ask(agent, days)
	// Colleagues do not see each other's requests: 404 as a missing one.
	if res, _ := f.login(t, "agentA2").do("POST", "/api/v1/time-off/"+id+"/withdraw", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("a colleague withdraws it: %d, want 404", res.StatusCode)
	}
	res, body := agent.do("POST", "/api/v1/time-off/"+id+"/withdraw", nil, nil)
	if res.StatusCode != http.StatusOK || decode[map[string]any](t, body)["status"] != "withdrawn" {
		t.Fatalf("withdraw: %d %s, want 200 withdrawn", res.StatusCode, body)
	}
	if res, _ := agent.do("POST", "/api/v1/time-off/"+id+"/withdraw", nil, nil); res.StatusCode != http.StatusConflict {
		t.Errorf("withdrawing twice: %d, want 409", res.StatusCode)
	}
	_, body = lead.do("GET", "/api/v1/time-off?status=requested", nil, nil)
	if strings.Contains(string(body), id) {
		t.Errorf("the lead's pending list still holds the withdrawn request: %s", body)
	}
	_, body = lead.do("GET", "/api/v1/notifications", nil, nil)
	if !strings.Contains(string(body), `"kind":"time_off_withdrawn"`) {
		t.Errorf("the lead is not told: %s", body)
	}
	// The same days again: the withdrawn request no longer covers them.
	again := ask(agent, days)
	if res, _ := lead.do("POST", "/api/v1/time-off/"+again+"/approve", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("approve: %d", res.StatusCode)
	}
	if res, _ := agent.do("POST", "/api/v1/time-off/"+again+"/withdraw", nil, nil); res.StatusCode != http.StatusConflict {
		t.Errorf("withdrawing an approved request: %d, want 409", res.StatusCode)
	}
	other := ask(lead, map[string]any{"agent_id": f.agentA.ID, "start": time.Date(2026, 4, 20, 0, 0, 0, 0, berlin),
		"end": time.Date(2026, 4, 21, 0, 0, 0, 0, berlin), "kind": "training"})
	if res, body := lead.do("POST", "/api/v1/time-off/"+other+"/withdraw", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("the lead withdraws one for their agent: %d %s", res.StatusCode, body)
	}
}
