package api

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
	"github.com/shiftplan/shiftplan/store"
)

// listShifts lists shifts across rosters (?team=&agent=&from=&to=&status=
// published): leads their teams', HR and admins everyone's, agents their
// own published shifts. Cancelled shifts are included for full readers.
func (s *Server) listShifts(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	f := store.ShiftFilter{TeamID: c.QueryParam("team"), AgentID: c.QueryParam("agent"), PublishedOnly: c.QueryParam("status") == "published",
		WithCancelled: true}
	var err error
	if f.From, f.To, err = timeRange(c, time.UTC); err != nil {
		return err
	}
	if p.is(scheduling.RoleAgent) {
		if (f.AgentID != "" && !p.self(f.AgentID)) || (f.TeamID != "" && !p.member(f.TeamID)) {
			return forbid("agents list their own shifts")
		}
		f.AgentID, f.PublishedOnly = p.user.AgentID, true
	}
	if f.TeamID != "" && !p.seesTeam(f.TeamID) && !p.member(f.TeamID) {
		return forbid("not your team")
	}
	var agentTeam string
	if f.AgentID != "" {
		a, err := s.db.FindAgentByID(ctx, f.AgentID)
		if err != nil {
			return err
		}
		if !p.seesTeam(a.TeamID) && !p.self(a.ID) {
			return forbid("not your team's agent")
		}
		agentTeam = a.TeamID
	}
	shifts, err := s.db.FindShifts(ctx, f)
	if err != nil {
		return err
	}
	agents, err := s.db.FindAgents(ctx, store.AgentFilter{})
	if err != nil {
		return err
	}
	rc := &rosterContext{loc: time.UTC, agents: map[string]scheduling.Agent{}, templates: map[string]scheduling.ShiftTemplate{}}
	for _, a := range agents {
		rc.agents[a.ID] = a
	}
	ts, err := s.db.FindShiftTemplates(ctx, "")
	if err != nil {
		return err
	}
	for _, t := range ts {
		rc.templates[t.ID] = t
	}
	if sites, err := s.db.FindSites(ctx); err == nil && len(sites) == 1 {
		if loc, err := sites[0].Location(); err == nil {
			rc.loc = loc
		}
		rc.hol, _ = holiday.For(sites[0].HolidayRegion)
	}
	out := []shiftDTO{}
	for _, sh := range shifts {
		team := rc.agents[sh.AgentID].TeamID
		if agentTeam != "" {
			team = agentTeam
		}
		if p.seesTeam(team) || p.self(sh.AgentID) {
			out = append(out, rc.shiftDTO(sh))
		}
	}
	return page(c, out)
}
