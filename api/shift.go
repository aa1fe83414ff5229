package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/roster"
	"github.com/shiftplan/shiftplan/store"
)

type breakDTO struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Paid  bool      `json:"paid"`
	Name  string    `json:"name,omitempty"`
}

// shiftDTO is one shift. The public view (an agent reading their team's
// roster) carries only id, agent, name, times and status.
type shiftDTO struct {
	ID           string     `json:"id"`
	RosterID     string     `json:"roster_id,omitempty"`
	AgentID      string     `json:"agent_id"`
	AgentName    string     `json:"agent_name"`
	TemplateID   string     `json:"template_id,omitempty"`
	TemplateCode string     `json:"template_code,omitempty"`
	Start        time.Time  `json:"start"`
	End          time.Time  `json:"end"`
	Breaks       []breakDTO `json:"breaks,omitempty"`
	QueueID      string     `json:"queue_id,omitempty"`
	Activity     string     `json:"activity,omitempty"`
	Status       string     `json:"status"`
	Version      int        `json:"version,omitempty"`
	Night        bool       `json:"night"`
	Weekend      bool       `json:"weekend"`
	Holiday      bool       `json:"holiday"`
}

func (rc *rosterContext) shiftDTO(s scheduling.Shift) shiftDTO {
	d := rc.publicShiftDTO(s)
	d.RosterID, d.TemplateID, d.QueueID, d.Activity, d.Version = s.RosterID, s.TemplateID, s.QueueID, s.Activity, s.Version
	d.Breaks = make([]breakDTO, len(s.Breaks))
	for i, b := range s.Breaks {
		d.Breaks[i] = breakDTO{Start: b.Start, End: b.End, Paid: b.Paid, Name: b.Name}
	}
	if t, ok := rc.templates[s.TemplateID]; ok {
		d.TemplateCode = t.Code
	}
	return d
}

func (rc *rosterContext) publicShiftDTO(s scheduling.Shift) shiftDTO {
	local := s.Start.In(rc.loc)
	d := shiftDTO{ID: s.ID, AgentID: s.AgentID, AgentName: rc.agents[s.AgentID].Name(), Start: s.Start, End: s.End, Status: string(s.Status),
		Weekend: local.Weekday() == time.Saturday || local.Weekday() == time.Sunday}
	if t, ok := rc.templates[s.TemplateID]; ok {
		d.Night = t.Night
	}
	if rc.hol != nil {
		// A holiday beginning during the day (Christmas Eve from 14:00)
		// marks the shifts of its date that reach into it.
		y, m, day := local.Date()
		_, d.Holiday = rc.hol.On(y, m, day)
		if from := rc.hol.From(y, m, day); d.Holiday && from > 0 {
			d.Holiday = s.End.After(scheduling.LocalTime(y, m, day, from, rc.loc))
		}
	}
	return d
}

type violationDTO struct {
	Rule    string    `json:"rule"`
	Message string    `json:"message"`
	AgentID string    `json:"agent_id"`
	At      time.Time `json:"at"`
}

// toViolations gives vs with their messages in lang.
func toViolations(vs []roster.Violation, lang string) []violationDTO {
	out := make([]violationDTO, len(vs))
	for i, v := range vs {
		out[i] = violationDTO{Rule: v.Rule, Message: violationMessage(v, lang), AgentID: v.AgentID, At: v.At.UTC()}
	}
	return out
}

// shiftPatch is the body of PATCH /rosters/{id}/shifts/{shiftId} and of
// POST /rosters/{id}/check; absent fields keep their value.
type shiftPatch struct {
	ID       string      `json:"id"`
	AgentID  *string     `json:"agent_id"`
	Start    *time.Time  `json:"start"`
	End      *time.Time  `json:"end"`
	Breaks   *[]breakDTO `json:"breaks"`
	QueueID  *string     `json:"queue_id"`
	Activity *string     `json:"activity"`
	Status   *string     `json:"status"`
	// TemplateID applies to a new shift in a dry run.
	TemplateID *string `json:"template_id"`
}

func (p shiftPatch) apply(s *scheduling.Shift) error {
	if p.AgentID != nil {
		s.AgentID = *p.AgentID
	}
	if p.Start != nil {
		s.Start = p.Start.UTC()
	}
	if p.End != nil {
		s.End = p.End.UTC()
	}
	if p.Breaks != nil {
		s.Breaks = nil
		for _, b := range *p.Breaks {
			s.Breaks = append(s.Breaks, scheduling.Break{Start: b.Start.UTC(), End: b.End.UTC(), Paid: b.Paid, Name: b.Name})
		}
	}
	if p.QueueID != nil {
		s.QueueID = *p.QueueID
	}
	if p.Activity != nil {
		s.Activity = *p.Activity
	}
	if p.TemplateID != nil {
		s.TemplateID = *p.TemplateID
	}
	if p.Status != nil {
		switch st := scheduling.ShiftStatus(*p.Status); st {
		case scheduling.ShiftActive, scheduling.ShiftCancelled:
			s.Status = st
		default:
			v := &scheduling.ValidationError{}
			v.Add("status", "must be active or cancelled")
			return v
		}
	}
	return s.Validate()
}

// newViolations checks the roster with shift changed (or added, when its
// id is not among shifts) and returns the broken rules that concern agents
// and did not exist before.
func newViolations(rc *rosterContext, shifts []scheduling.Shift, changed scheduling.Shift, agents ...string) []roster.Violation {
	after := make([]scheduling.Shift, 0, len(shifts)+1)
	found := false
	for _, s := range shifts {
		if s.ID == changed.ID && changed.ID != "" {
			s, found = changed, true
		}
		after = append(after, s)
	}
	if !found {
		after = append(after, changed)
	}
	return diffViolations(rc, shifts, after, agents...)
}

// diffViolations returns the broken rules of after that concern agents and
// that before did not break.
func diffViolations(rc *rosterContext, before, after []scheduling.Shift, agents ...string) []roster.Violation {
	return slices.DeleteFunc(newViolationsIn(rc.in, activeOnly(before), activeOnly(after)), func(v roster.Violation) bool {
		return !slices.Contains(agents, v.AgentID)
	})
}

// newViolationsIn is the rules after breaks that before did not, in in.
// A problem of the input itself (rule "input") is always among them.
func newViolationsIn(in roster.Input, before, after []scheduling.Shift) []roster.Violation {
	key := func(v roster.Violation) string { return v.Rule + "|" + v.AgentID + "|" + v.At.UTC().String() }
	old := map[string]bool{}
	for _, v := range roster.Check(in, before) {
		if v.Rule != "input" {
			old[key(v)] = true
		}
	}
	var out []roster.Violation
	for _, v := range roster.Check(in, after) {
		if !old[key(v)] {
			out = append(out, v)
		}
	}
	return out
}

func activeOnly(shifts []scheduling.Shift) []scheduling.Shift {
	out := make([]scheduling.Shift, 0, len(shifts))
	for _, s := range shifts {
		if s.Status != scheduling.ShiftCancelled {
			out = append(out, s)
		}
	}
	return out
}

type shiftEditResponse struct {
	Shift      shiftDTO       `json:"shift"`
	Violations []violationDTO `json:"violations"`
	// RosterVersion is the roster's version after the edit.
	RosterVersion int `json:"roster_version"`
}

// patchShift changes one shift at the version in If-Match. The edit is
// checked against the labour rules; new broken rules refuse it with 422
// unless ?force=true, which stores it and returns the violations. In a
// published roster the agents concerned are told.
func (s *Server) patchShift(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	r, err := s.editableRoster(c)
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	cur, err := s.db.FindShiftByID(ctx, c.Param("shiftId"))
	if err != nil {
		return err
	}
	if cur.RosterID != r.ID {
		// Another roster's shift is, at this address, as missing as an
		// unknown one: its roster may be one the caller may not see.
		return hidden("shift", c.Param("shiftId"))
	}
	if cur.Version != version {
		return fmt.Errorf("shift %s is at version %d, not %d: %w", cur.ID, cur.Version, version, scheduling.ErrStale)
	}
	var patch shiftPatch
	if err := bind(c, &patch); err != nil {
		return err
	}
	next := cur
	if err := patch.apply(&next); err != nil {
		return err
	}
	rc, err := loadRosterContext(ctx, s.db, r)
	if err != nil {
		return err
	}
	if err := rc.checkShift(next); err != nil {
		return err
	}
	shifts, err := s.db.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID})
	if err != nil {
		return err
	}
	vs := newViolations(rc, shifts, next, cur.AgentID, next.AgentID)
	if err := unlessForced(c, vs); err != nil {
		return err
	}
	var stored scheduling.Shift
	err = s.db.Tx(ctx, func(tx *store.DB) error {
		var err error
		if stored, err = tx.UpdateShift(ctx, next); err != nil {
			return err
		}
		return recordShiftChange(ctx, tx, p, rc, "edit_shift", len(vs) > 0, cur, stored)
	})
	if err != nil {
		return err
	}
	fresh, err := s.db.FindRosterByID(ctx, r.ID)
	if err != nil {
		return err
	}
	etag(c, stored.Version)
	return c.JSON(http.StatusOK, shiftEditResponse{Shift: rc.shiftDTO(stored), Violations: toViolations(vs, requestLanguage(c.Request())), RosterVersion: fresh.Version})
}

// addShift adds a shift to a roster: a lead giving an agent a shift the
// solver did not (cover after an absence, overtime). The body is a
// shiftPatch with agent_id, start and end; a template_id without breaks
// takes the template's breaks in the middle of their windows. Rules are
// checked as for an edit (422 with the broken ones unless ?force=true),
// the roster's history records it, and in a published roster the agent
// is told.
func (s *Server) addShift(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	r, err := s.editableRoster(c)
	if err != nil {
		return err
	}
	var patch shiftPatch
	if err := bind(c, &patch); err != nil {
		return err
	}
	v := &scheduling.ValidationError{}
	for _, f := range []struct {
		name string
		set  bool
	}{{"agent_id", patch.AgentID != nil}, {"start", patch.Start != nil}, {"end", patch.End != nil}} {
		if !f.set {
			v.Add(f.name, "is required")
		}
	}
	if patch.ID != "" {
		v.Add("id", "must be absent: the server names a new shift")
	}
	if err := v.Err(); err != nil {
		return err
	}
	rc, err := loadRosterContext(ctx, s.db, r)
	if err != nil {
		return err
	}
	next := scheduling.Shift{RosterID: r.ID, Status: scheduling.ShiftActive, Activity: "work"}
	if err := patch.apply(&next); err != nil {
		return err
	}
	if err := rc.newShiftBreaks(&next, patch.Breaks != nil); err != nil {
		return err
	}
	if err := rc.checkShift(next); err != nil {
		return err
	}
	shifts, err := s.db.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID})
	if err != nil {
		return err
	}
	vs := newViolations(rc, shifts, next, next.AgentID)
	if err := unlessForced(c, vs); err != nil {
		return err
	}
	var stored scheduling.Shift
	var version int
	err = s.db.Tx(ctx, func(tx *store.DB) error {
		var err error
		if stored, version, err = tx.CreateShift(ctx, next); err != nil {
			return err
		}
		// No shift before: to the agent it is added.
		return recordShiftChange(ctx, tx, p, rc, "add_shift", len(vs) > 0, scheduling.Shift{AgentID: stored.AgentID}, stored)
	})
	if err != nil {
		return err
	}
	etag(c, stored.Version)
	return c.JSON(http.StatusCreated, shiftEditResponse{Shift: rc.shiftDTO(stored), Violations: toViolations(vs, requestLanguage(c.Request())), RosterVersion: version})
}

// unlessForced refuses a change that breaks the rules vs (422
// rule_violation with them) unless the request says ?force=true.
func unlessForced(c echo.Context, vs []roster.Violation) error {
	if len(vs) == 0 || c.QueryParam("force") == "true" {
		return nil
	}
	return &Error{Status: http.StatusUnprocessableEntity, Code: "rule_violation",
		Message: "the change breaks a labour rule; send ?force=true to store it anyway", Violations: toViolations(vs, requestLanguage(c.Request()))}
}

// recordShiftChange writes, on tx, the roster's history entry for a shift
// going from before (without an ID: none) to after, as action (with
// "_forced" when it broke a rule), and tells the agents concerned when
// the roster is published.
func recordShiftChange(ctx context.Context, tx *store.DB, p *principal, rc *rosterContext, action string, forced bool, before, after scheduling.Shift) error {
	if forced {
		action += "_forced"
	}
	var was any
	if before.ID != "" {
		was = rc.shiftDTO(before)
	}
	if err := tx.RecordRosterChange(ctx, audit(p, rc.roster.ID, action, "shift", after.ID, was, rc.shiftDTO(after))); err != nil {
		return err
	}
	latest, err := tx.FindRosterByID(ctx, rc.roster.ID)
	if err != nil {
		return err
	}
	return notifyShiftChanged(ctx, tx, p.user.ID, latest, rc, before, after)
}

// newShiftBreaks gives a new shift s built from a template, and sent
// without breaks of its own (given false), the template's breaks in the
// middle of their windows. A template that is not one of the site's is
// refused on template_id.
func (rc *rosterContext) newShiftBreaks(s *scheduling.Shift, given bool) error {
	if s.TemplateID == "" {
		return nil
	}
	t, ok := rc.templates[s.TemplateID]
	if !ok {
		return scheduling.Invalid("template_id", "is not a shift template of the roster's site")
	}
	if !given {
		s.Breaks = t.MidBreaks(s.Start, s.End)
	}
	return nil
}

type checkResponse struct {
	Violations []violationDTO `json:"violations"`
}

// checkShift is a dry run for drag and drop: the broken rules that a
// changed (with id) or added (without id) shift would bring.
func (s *Server) checkShift(c echo.Context) error {
	ctx := c.Request().Context()
	r, err := s.editableRoster(c)
	if err != nil {
		return err
	}
	var patch shiftPatch
	if err := bind(c, &patch); err != nil {
		return err
	}
	shifts, err := s.db.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID})
	if err != nil {
		return err
	}
	var base scheduling.Shift
	agents := []string{}
	if patch.ID != "" {
		i := slices.IndexFunc(shifts, func(x scheduling.Shift) bool { return x.ID == patch.ID })
		if i < 0 {
			return scheduling.Invalid("id", "unknown shift %q: not an active shift of roster %s", patch.ID, r.ID)
		}
		base = shifts[i]
		agents = append(agents, base.AgentID)
	} else {
		base = scheduling.Shift{RosterID: r.ID, Status: scheduling.ShiftActive, Activity: "work"}
	}
	if err := patch.apply(&base); err != nil {
		return err
	}
	rc, err := loadRosterContext(ctx, s.db, r)
	if err != nil {
		return err
	}
	if patch.ID == "" {
		if err := rc.newShiftBreaks(&base, patch.Breaks != nil); err != nil {
			return err
		}
	}
	if err := rc.checkShift(base); err != nil {
		return err
	}
	vs := newViolations(rc, shifts, base, append(agents, base.AgentID)...)
	return c.JSON(http.StatusOK, checkResponse{Violations: toViolations(vs, requestLanguage(c.Request()))})
}
