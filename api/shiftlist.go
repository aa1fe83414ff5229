package api

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
	"github.com/shiftplan/shiftplan/store"
)

// listShifts lists shifts across rosters (?team=&agent=&from=&to=&status=
// published): leads their teams', HR and admins everyone's, agents their
// own published shifts. Cancelled shifts are included for full readers.
// A date in from or to is the start of that day in each shift's own
// site's zone, as its weekend and holiday marks are.
func (s *Server) listShifts(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	f := store.ShiftFilter{TeamID: c.QueryParam("team"), AgentID: c.QueryParam("agent"), PublishedOnly: c.QueryParam("status") == "published",
		WithCancelled: true}
	days, err := readDayRange(c)
	if err != nil {
		return err
	}
	f.From, f.To = days.query()
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
			// Agents never get here: they list their own shifts.
			return hidden("agent", f.AgentID)
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
	// Each shift's weekend and holiday marks are its own site's: its
	// zone and holiday region, found through the team.
	inSite, err := s.siteContexts(ctx, rc)
	if err != nil {
		return err
	}
	out := []shiftDTO{}
	for _, sh := range shifts {
		team := rc.agents[sh.AgentID].TeamID
		if agentTeam != "" {
			team = agentTeam
		}
		if p.seesTeam(team) || p.self(sh.AgentID) {
			src := rc
			if x, ok := inSite[team]; ok {
				src = x
			}
			if days.overlaps(sh.Start, sh.End, src.loc) {
				out = append(out, src.shiftDTO(sh))
			}
		}
	}
	return page(c, out)
}

// teamZones is the zone of each team's site, by team ID.
type teamZones map[string]*time.Location

// of is team's zone, UTC for a team not in z.
func (z teamZones) of(team string) *time.Location {
	if loc := z[team]; loc != nil {
		return loc
	}
	return time.UTC
}

// teamZones reads the zone of every team's site.
func (s *Server) teamZones(ctx context.Context) (teamZones, error) {
	sites, err := s.db.FindSites(ctx)
	if err != nil {
		return nil, err
	}
	bySite := make(map[string]*time.Location, len(sites))
	for _, st := range sites {
		if bySite[st.ID], err = st.Location(); err != nil {
			return nil, err
		}
	}
	teams, err := s.db.FindTeams(ctx, "")
	if err != nil {
		return nil, err
	}
	z := make(teamZones, len(teams))
	for _, t := range teams {
		if loc, ok := bySite[t.SiteID]; ok {
			z[t.ID] = loc
		}
	}
	return z, nil
}

// siteContexts returns, per team ID, a copy of rc in the zone and holiday
// calendar of the team's site.
func (s *Server) siteContexts(ctx context.Context, rc *rosterContext) (map[string]*rosterContext, error) {
	sites, err := s.db.FindSites(ctx)
	if err != nil {
		return nil, err
	}
	bySite := map[string]*rosterContext{}
	for _, st := range sites {
		loc, err := st.Location()
		if err != nil {
			return nil, err
		}
		x := *rc
		x.site, x.loc = st, loc
		x.hol, _ = holiday.For(st.HolidayRegion)
		bySite[st.ID] = &x
	}
	teams, err := s.db.FindTeams(ctx, "")
	if err != nil {
		return nil, err
	}
	out := map[string]*rosterContext{}
	for _, t := range teams {
		if x, ok := bySite[t.SiteID]; ok {
			out[t.ID] = x
		}
	}
	return out, nil
}
