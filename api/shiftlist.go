package api

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// listShifts lists shifts across rosters (?team=&agent=&from=&to=&status=
// published): leads the shifts of their teams' rosters, HR and admins
// everyone's, agents their own published shifts. A shift is its roster's
// team's, whichever team its agent is in now: an agent who moved team
// has shifts in the rosters of both. Cancelled shifts are included for
// full readers. A date in from or to is the start of that day in each
// shift's own site's zone (its roster's team's site), as its weekend and
// holiday marks are.
func (s *Server) listShifts(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	f := store.ShiftFilter{TeamID: c.QueryParam("team"), AgentID: c.QueryParam("agent"), PublishedOnly: c.QueryParam("status") == "published",
		WithCancelled: true}
	days, err := readDayRange(c)
	if err != nil {
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
	if p.is(scheduling.RoleTeamLead) && f.TeamID == "" && p.user.AgentID == "" {
		// A lead sees their teams' rosters' shifts only: read no others.
		f.TeamIDs = append([]string{}, p.user.TeamIDs...)
	}
	if f.AgentID != "" {
		a, err := s.db.FindAgentByID(ctx, f.AgentID)
		if err != nil {
			return err
		}
		if !p.seesTeam(a.TeamID) && !p.self(a.ID) {
			// Agents never get here: they list their own shifts.
			return hidden("agent", f.AgentID)
		}
	}
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	if f.After, err = shiftCursor(c.QueryParam("cursor")); err != nil {
		return err
	}
	rc := &rosterContext{loc: time.UTC, agents: map[string]scheduling.Agent{}, templates: map[string]scheduling.ShiftTemplate{}}
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
	locs := []*time.Location{rc.loc}
	for _, x := range inSite {
		locs = append(locs, x.loc)
	}
	f.From, f.To = days.at(locs)
	// The shifts are read in batches from the cursor on, until a page and
	// one more are found: the caller may not see every shift read, and a
	// date range is each site's own, so not every one read is shown.
	out, more, batch := []shiftDTO{}, false, limit+1
	rosterTeams := map[string]string{}
	for !more {
		f.Limit = batch
		shifts, err := s.db.FindShifts(ctx, f)
		if err != nil {
			return err
		}
		if err := s.loadAgents(ctx, rc, shifts); err != nil {
			return err
		}
		for _, sh := range shifts {
			team, err := s.rosterTeam(ctx, rosterTeams, sh.RosterID)
			if err != nil {
				return err
			}
			if !p.seesTeam(team) && !p.self(sh.AgentID) {
				continue
			}
			src := rc
			if x, ok := inSite[team]; ok {
				src = x
			}
			if !days.overlaps(sh.Start, sh.End, src.loc) {
				continue
			}
			if len(out) == limit {
				more = true
				break
			}
			out = append(out, src.shiftDTO(sh))
			k := store.KeyOf(sh)
			f.After = &k
		}
		if len(shifts) < batch {
			break
		}
		if !more {
			k := store.KeyOf(shifts[len(shifts)-1])
			f.After = &k
		}
		batch = min(2*batch, shiftBatchMax)
	}
	body := pageBody[shiftDTO]{Items: out}
	if more {
		next := shiftCursorOf(*f.After)
		body.NextCursor = &next
	}
	return c.JSON(http.StatusOK, body)
}

// rosterTeam is the team of roster id, read once per request into teams
// (roster ID → team ID).
func (s *Server) rosterTeam(ctx context.Context, teams map[string]string, id string) (string, error) {
	if t, ok := teams[id]; ok {
		return t, nil
	}
	r, err := s.db.FindRosterByID(ctx, id)
	if err != nil {
		return "", err
	}
	teams[id] = r.TeamID
	return r.TeamID, nil
}

// shiftBatchMax is the most shifts listShifts reads at once.
const shiftBatchMax = 2000

// loadAgents adds to rc.agents the agents of shifts it does not hold yet.
func (s *Server) loadAgents(ctx context.Context, rc *rosterContext, shifts []scheduling.Shift) error {
	var ids []string
	seen := map[string]bool{}
	for _, sh := range shifts {
		if _, ok := rc.agents[sh.AgentID]; !ok && !seen[sh.AgentID] {
			seen[sh.AgentID] = true
			ids = append(ids, sh.AgentID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	agents, err := s.db.FindAgents(ctx, store.AgentFilter{IDs: ids})
	if err != nil {
		return err
	}
	for _, a := range agents {
		rc.agents[a.ID] = a
	}
	return nil
}

// shiftCursorOf is the cursor of the GET /shifts page that begins after
// the shift at k: its start, agent and ID.
func shiftCursorOf(k store.ShiftKey) string {
	s := k.Start.UTC().Format(time.RFC3339Nano) + "|" + k.AgentID + "|" + k.ID
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

// shiftCursor reads a cursor shiftCursorOf made; "" is the first page.
func shiftCursor(cur string) (*store.ShiftKey, error) {
	if cur == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(cur)
	parts := strings.Split(string(b), "|")
	if err == nil && len(parts) == 3 {
		if t, err := time.Parse(time.RFC3339Nano, parts[0]); err == nil {
			return &store.ShiftKey{Start: t, AgentID: parts[1], ID: parts[2]}, nil
		}
	}
	v := &scheduling.ValidationError{}
	v.Add("cursor", "is not a cursor this API returned")
	return nil, v
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
	z, err := perTeam(ctx, s.db, scheduling.Site.Location)
	return teamZones(z), err
}

// siteContexts returns, per team ID, a copy of rc in the zone and holiday
// calendar of the team's site.
func (s *Server) siteContexts(ctx context.Context, rc *rosterContext) (map[string]*rosterContext, error) {
	return perTeam(ctx, s.db, func(st scheduling.Site) (*rosterContext, error) {
		loc, err := st.Location()
		if err != nil {
			return nil, err
		}
		x := *rc
		x.site, x.loc = st, loc
		x.hol, err = siteCalendar(ctx, s.db, st)
		return &x, err
	})
}

// perTeam gives each team what of makes of its site, read once per site.
func perTeam[T any](ctx context.Context, db *store.DB, of func(scheduling.Site) (T, error)) (map[string]T, error) {
	sites, err := db.FindSites(ctx)
	if err != nil {
		return nil, err
	}
	bySite := make(map[string]T, len(sites))
	for _, st := range sites {
		if bySite[st.ID], err = of(st); err != nil {
			return nil, err
		}
	}
	teams, err := db.FindTeams(ctx, "")
	if err != nil {
		return nil, err
	}
	out := make(map[string]T, len(teams))
	for _, t := range teams {
		if x, ok := bySite[t.SiteID]; ok {
			out[t.ID] = x
		}
	}
	return out, nil
}
