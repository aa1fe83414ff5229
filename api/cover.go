package api

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/roster"
	"github.com/shiftplan/shiftplan/store"
)

// candidateDTO is an agent of the roster's team who could take a shift
// over: the rules the move would break for them (none: they may take it),
// and their paid hours in the shift's pay week before and after it.
type candidateDTO struct {
	AgentID string `json:"agent_id"`
	Name    string `json:"name"`
	// WeekHours is the agent's paid hours in the shift's pay week without
	// the shift; ContractHours their contracted hours a week (on the
	// shift's day). Overtime says WeekHours plus the shift's paid hours
	// passes them.
	WeekHours     float64        `json:"week_hours"`
	ContractHours float64        `json:"contract_hours"`
	Overtime      bool           `json:"overtime"`
	Violations    []violationDTO `json:"violations"`
}

// coverCandidates is GET /rosters/{id}/shifts/{shiftId}/candidates: who of
// the team could take the shift over (a sick call, a swap the agent asks
// for), each with the rules it would break for them, those who break none
// first and among them the least worked that week, and the rules losing
// it breaks for its agent. For whoever may edit the roster.
func (s *Server) coverCandidates(c echo.Context) error {
	ctx := c.Request().Context()
	r, err := s.editableRoster(c)
	if err != nil {
		return err
	}
	shifts, err := s.db.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID})
	if err != nil {
		return err
	}
	i := slices.IndexFunc(shifts, func(x scheduling.Shift) bool { return x.ID == c.Param("shiftId") })
	if i < 0 || shifts[i].Status == scheduling.ShiftCancelled {
		return hidden("shift", c.Param("shiftId"))
	}
	sh := shifts[i]
	rc, err := loadRosterContext(ctx, s.db, r)
	if err != nil {
		return err
	}
	week0 := rc.in.Pay.WeekStartOf(sh.Start, rc.loc)
	y, m, d := week0.Date()
	week1 := scheduling.LocalTime(y, m, d+7, 0, rc.loc)
	lang := requestLanguage(c.Request())
	// What giving the shift away breaks for its agent (their weekly or
	// period minimum): the same for whoever takes it, and refused on the
	// edit unless forced.
	var giver []roster.Violation
	if i := slices.IndexFunc(rc.in.Agents, func(a scheduling.Agent) bool { return a.ID == sh.AgentID }); i >= 0 {
		in := rc.in.For(sh.AgentID)
		theirs := slices.DeleteFunc(activeOnly(shifts), func(x scheduling.Shift) bool { return x.AgentID != sh.AgentID })
		giver = newViolationsIn(in, theirs, slices.DeleteFunc(slices.Clone(theirs), func(x scheduling.Shift) bool { return x.ID == sh.ID }))
	}
	out := []candidateDTO{}
	for _, a := range rc.in.Agents {
		if a.ID == sh.AgentID {
			continue
		}
		mine := slices.DeleteFunc(activeOnly(shifts), func(x scheduling.Shift) bool { return x.AgentID != a.ID })
		moved := sh
		moved.AgentID = a.ID
		vs := newViolationsIn(rc.in.For(a.ID), mine, append(slices.Clone(mine), moved))
		ct := a.Contract
		for _, ch := range rc.in.ContractChanges[a.ID] {
			if !ch.From.After(civilOf(sh.Start.In(rc.loc))) {
				ct = ch.Contract
			}
		}
		cd := candidateDTO{AgentID: a.ID, Name: a.Name(), ContractHours: ct.WeeklyHours, Violations: toViolations(vs, lang)}
		for _, x := range append(mine, rc.in.Previous...) {
			if x.AgentID == a.ID && x.Status != scheduling.ShiftCancelled && !x.Start.Before(week0) && x.Start.Before(week1) {
				cd.WeekHours += x.Paid().Hours()
			}
		}
		cd.Overtime = ct.WeeklyHours > 0 && cd.WeekHours+sh.Paid().Hours() > ct.WeeklyHours+1.0/60
		out = append(out, cd)
	}
	slices.SortStableFunc(out, func(x, y candidateDTO) int {
		return cmp.Or(cmp.Compare(len(x.Violations), len(y.Violations)), cmp.Compare(x.WeekHours, y.WeekHours), cmp.Compare(x.Name, y.Name))
	})
	return c.JSON(http.StatusOK, map[string]any{"shift_id": sh.ID, "giver_violations": toViolations(giver, lang), "items": out})
}
