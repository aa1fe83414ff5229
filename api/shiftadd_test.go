package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/store"
)

// TestShift_Add: a lead gives Anna a Wednesday early (07:00–15:00 in
// Berlin) in the fixture's published week. It is stored at version 1 with
// the roster one version on, recorded in the roster's history, and Anna
// (not the lead) is told. A second shift overlapping it breaks a rule and
// is refused unless forced; bad bodies are refused naming the field, and
// agents may not add shifts. Nothing refused is stored.
func TestShift_Add(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	lead := f.login(t, "leadA")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	wed := time.Date(2026, 3, 4, 7, 0, 0, 0, berlin)
	path := "/api/v1/rosters/" + f.roster.ID + "/shifts"
	type added struct {
		Shift struct {
			ID, AgentID, TemplateID, Status string
			Version                         int
			Start, End                      time.Time
		}
		Violations    []struct{ Rule string }
		RosterVersion int `json:"roster_version"`
	}
	before, err := f.db.FindRosterByID(ctx, f.roster.ID)
	must(t, err)

	res, body := lead.do("POST", path, map[string]any{"agent_id": f.agentA.ID, "template_id": f.tmpl.ID, "start": wed, "end": wed.Add(8 * time.Hour)}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("add: %d %s", res.StatusCode, body)
	}
	a := decode[added](t, body)
	if a.Shift.ID == "" || a.Shift.Version != 1 || a.Shift.Status != "active" || !a.Shift.Start.Equal(wed) || len(a.Violations) != 0 ||
		a.RosterVersion != before.Version+1 {
		t.Errorf("added %s, want Wednesday's early at version 1, roster version %d", body, before.Version+1)
	}
	stored, err := f.db.FindShiftByID(ctx, a.Shift.ID)
	must(t, err)
	if stored.AgentID != f.agentA.ID || !stored.End.Equal(wed.Add(8*time.Hour)) || stored.RosterID != f.roster.ID {
		t.Errorf("stored %+v", stored)
	}
	audit, err := f.db.FindAudit(ctx, f.roster.ID)
	must(t, err)
	if last := audit[len(audit)-1]; last.Action != "add_shift" || last.EntityID != a.Shift.ID {
		t.Errorf("last audit entry %+v, want add_shift of %s", last, a.Shift.ID)
	}
	_, body = f.login(t, "agentA").do("GET", "/api/v1/notifications", nil, nil)
	if !strings.Contains(string(body), `"change":"added"`) || !strings.Contains(string(body), a.Shift.ID) {
		t.Errorf("Anna's inbox %s, want the added shift", body)
	}
	_, body = lead.do("GET", "/api/v1/notifications", nil, nil)
	if strings.Contains(string(body), a.Shift.ID) {
		t.Errorf("the lead who added the shift is told of it: %s", body)
	}

	count := func() int {
		shifts, err := f.db.FindShifts(ctx, store.ShiftFilter{RosterID: f.roster.ID})
		must(t, err)
		return len(shifts)
	}
	n := count()
	// 14:00–22:00 the same day overlaps the early.
	late := map[string]any{"agent_id": f.agentA.ID, "start": wed.Add(7 * time.Hour), "end": wed.Add(15 * time.Hour)}
	res, body = lead.do("POST", path, late, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "rule_violation") {
		t.Errorf("overlapping shift: %d %s, want 422 rule_violation", res.StatusCode, body)
	}
	for _, tc := range []struct {
		field string
		body  map[string]any
	}{
		{"end", map[string]any{"agent_id": f.agentA.ID, "start": wed}},
		{"id", map[string]any{"id": "x", "agent_id": f.agentA.ID, "start": wed, "end": wed.Add(time.Hour)}},
		{"start", map[string]any{"agent_id": f.agentA.ID, "start": wed.AddDate(0, 0, 7), "end": wed.AddDate(0, 0, 7).Add(time.Hour)}},
		{"agent_id", map[string]any{"agent_id": f.agentB.ID, "start": wed, "end": wed.Add(time.Hour)}},
		{"template_id", map[string]any{"agent_id": f.agentA2.ID, "template_id": "nope", "start": wed, "end": wed.Add(time.Hour)}},
	} {
		res, body := lead.do("POST", path, tc.body, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"`+tc.field+`"`) {
			t.Errorf("%s: %d %s, want 422 on %s", tc.field, res.StatusCode, body, tc.field)
		}
	}
	if res, _ := f.login(t, "agentA").do("POST", path, late, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("an agent adds a shift: %d, want 403", res.StatusCode)
	}
	if got := count(); got != n {
		t.Errorf("%d shifts after refused adds, want %d", got, n)
	}

	res, body = lead.do("POST", path+"?force=true", late, nil)
	if res.StatusCode != http.StatusCreated || len(decode[added](t, body).Violations) == 0 {
		t.Errorf("forced overlapping shift: %d %s, want 201 with its violations", res.StatusCode, body)
	}
	audit, err = f.db.FindAudit(ctx, f.roster.ID)
	must(t, err)
	if last := audit[len(audit)-1]; last.Action != "add_shift_forced" {
		t.Errorf("last audit entry %+v, want add_shift_forced", last)
	}
}
