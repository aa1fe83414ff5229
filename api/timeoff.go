package api

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

type timeOffDTO struct {
	ID      string    `json:"id"`
	AgentID string    `json:"agent_id"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Kind    string    `json:"kind"`
	// Reason is shown to the agent, their leads and admins only.
	Reason    *string `json:"reason"`
	Status    string  `json:"status"`
	DecidedBy string  `json:"decided_by,omitempty"`
}

func toTimeOffDTO(t scheduling.TimeOff, withReason bool) timeOffDTO {
	d := timeOffDTO{ID: t.ID, AgentID: t.AgentID, Start: t.Start, End: t.End, Kind: t.Kind, Status: string(t.Status), DecidedBy: t.DecidedBy}
	if withReason {
		r := t.Reason
		d.Reason = &r
	}
	return d
}

// listTimeOff lists requests: an agent their own, a lead their teams',
// HR and admins everyone's (HR without reasons). A date in from or to is
// the start of that day in the zone of the agent's site.
func (s *Server) listTimeOff(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	f := store.TimeOffFilter{Status: scheduling.TimeOffStatus(c.QueryParam("status"))}
	days, err := readDayRange(c)
	if err != nil {
		return err
	}
	f.From, f.To = days.query()
	team := c.QueryParam("team")
	switch {
	case p.is(scheduling.RoleAgent):
		if team != "" && !p.member(team) {
			return forbid("not your team")
		}
		f.AgentIDs = []string{p.user.AgentID}
	case team != "":
		if !p.seesTeam(team) {
			return forbid("not your team")
		}
		fallthrough
	case p.is(scheduling.RoleTeamLead):
		teams := []string{team}
		if team == "" {
			teams = p.user.TeamIDs
		}
		f.AgentIDs = []string{""}
		for _, t := range teams {
			as, err := s.db.FindAgents(ctx, store.AgentFilter{TeamID: t})
			if err != nil {
				return err
			}
			for _, a := range as {
				f.AgentIDs = append(f.AgentIDs, a.ID)
			}
		}
	}
	ts, err := s.db.FindTimeOff(ctx, f)
	if err != nil {
		return err
	}
	// The agents of the requests listed, for the zone of each one's site.
	var ids []string
	for _, t := range ts {
		ids = append(ids, t.AgentID)
	}
	teamOf := map[string]string{}
	if len(ids) > 0 {
		agents, err := s.db.FindAgents(ctx, store.AgentFilter{IDs: slices.Compact(slices.Sorted(slices.Values(ids)))})
		if err != nil {
			return err
		}
		for _, a := range agents {
			teamOf[a.ID] = a.TeamID
		}
	}
	zones, err := s.teamZones(ctx)
	if err != nil {
		return err
	}
	out := []timeOffDTO{}
	for _, t := range ts {
		if days.overlaps(t.Start, t.End, zones.of(teamOf[t.AgentID])) {
			out = append(out, toTimeOffDTO(t, !p.is(scheduling.RoleHR)))
		}
	}
	return page(c, out)
}

type timeOffRequest struct {
	AgentID string    `json:"agent_id"`
	Start   time.Time `json:"start" required:"true"`
	End     time.Time `json:"end" required:"true"`
	Kind    string    `json:"kind" required:"true"`
	Reason  string    `json:"reason"`
}

// createTimeOff files a request: agents for themselves, leads and admins
// for an agent of their team. The agent's team leads are told.
func (s *Server) createTimeOff(c echo.Context) error {
	p := principalOf(c)
	var req timeOffRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	if req.AgentID == "" {
		req.AgentID = p.user.AgentID
	}
	t := scheduling.TimeOff{AgentID: req.AgentID, Start: req.Start.UTC(), End: req.End.UTC(), Kind: req.Kind, Reason: req.Reason}
	if err := t.Validate(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	a, loc, err := s.timeOffAgent(ctx, p, req.AgentID, "you may ask time off only for yourself")
	if err != nil {
		return unknownRef(err, "agent_id", "agent", req.AgentID)
	}
	err = s.db.Tx(ctx, func(tx *store.DB) error {
		if err := tx.CreateTimeOff(ctx, &t); err != nil {
			return err
		}
		return tellLeads(ctx, tx, p.user.ID, a, timeOffNotice(kindTimeOffRequested, t, a, loc))
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toTimeOffDTO(t, true))
}

// withdrawTimeOff takes back a request still waiting for a decision: the
// agent's own, or one of a lead's team. The team's leads are told (not
// whoever withdrew it).
func (s *Server) withdrawTimeOff(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	t, err := s.db.FindTimeOffByID(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	a, loc, err := s.timeOffAgent(ctx, p, t.AgentID, "you may withdraw only your own requests")
	if errors.Is(err, scheduling.ErrNotFound) || (err != nil && !seesTimeOff(p, a)) {
		return hidden("time off", c.Param("id"))
	} else if err != nil {
		return err
	}
	err = s.db.Tx(ctx, func(tx *store.DB) error {
		if t, err = tx.WithdrawTimeOff(ctx, t.ID); err != nil {
			return err
		}
		return tellLeads(ctx, tx, p.user.ID, a, timeOffNotice(kindTimeOffWithdrawn, t, a, loc))
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toTimeOffDTO(t, true))
}

// timeOffAgent loads the agent a time-off request is for, and their
// team's zone for the notifications' wording; a caller who is neither the
// agent nor one of the team's leads or admins is refused with denial, or
// with ErrNotFound as for no such agent when they may not see the agent.
func (s *Server) timeOffAgent(ctx context.Context, p *principal, agentID, denial string) (scheduling.Agent, *time.Location, error) {
	a, err := s.db.FindAgentByID(ctx, agentID)
	if err != nil {
		return a, nil, err
	}
	if !p.self(agentID) && !p.editsTeam(a.TeamID) {
		if !p.seesAgent(a) {
			return a, nil, hidden("agent", agentID)
		}
		return a, nil, forbid("%s", denial)
	}
	loc, err := teamZone(ctx, s.db, a.TeamID)
	return a, loc, err
}

// seesTimeOff reports whether the caller may see agent a's time off: the
// agent, and whoever sees their team in full (HR without reasons).
// Colleagues do not see each other's.
func seesTimeOff(p *principal, a scheduling.Agent) bool {
	return p.self(a.ID) || p.seesTeam(a.TeamID)
}

// tellLeads stores n, on tx, for the team leads of agent a's team.
func tellLeads(ctx context.Context, tx *store.DB, actor string, a scheduling.Agent, n notice) error {
	leads, err := tx.TeamLeadLogins(ctx, a.TeamID)
	if err != nil {
		return err
	}
	return send(ctx, tx, actor, leads, n)
}

type decisionResponse struct {
	TimeOff timeOffDTO `json:"time_off"`
	// ResolveSuggested is true when approved time off overlaps shifts: the
	// roster should be re-solved (POST /rosters/{id}/solve).
	ResolveSuggested bool `json:"resolve_suggested"`
	// AffectedShifts are the agent's shifts the time off overlaps: those
	// it covers whole are cancelled by the approval (status "cancelled"),
	// the others stay for the lead to shorten.
	AffectedShifts  []shiftDTO `json:"affected_shifts"`
	AffectedRosters []string   `json:"affected_rosters"`
}

// decideTimeOff approves or declines a request (the agent's leads,
// admins); the agent is told.
func (s *Server) decideTimeOff(status scheduling.TimeOffStatus) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := principalOf(c)
		ctx := c.Request().Context()
		t, err := s.db.FindTimeOffByID(ctx, c.Param("id"))
		if err != nil {
			return err
		}
		a, err := s.db.FindAgentByID(ctx, t.AgentID)
		if err != nil {
			return err
		}
		if !seesTimeOff(p, a) {
			return hidden("time off", c.Param("id"))
		}
		if !p.editsTeam(a.TeamID) {
			return forbid("not your team's request")
		}
		loc, err := teamZone(ctx, s.db, a.TeamID)
		if err != nil {
			return err
		}
		var affected []shiftDTO
		err = s.db.Tx(ctx, func(tx *store.DB) error {
			if t, err = tx.DecideTimeOff(ctx, t.ID, status, p.user.ID); err != nil {
				return err
			}
			if status == scheduling.TimeOffApproved {
				var lost map[string]*rosterLoss
				if affected, lost, err = cancelCovered(ctx, tx, p, t); err != nil {
					return err
				}
				if err := tellRosterLeads(ctx, tx, p.user.ID, t, a, loc, lost); err != nil {
					return err
				}
			}
			logins, err := loginsOf(ctx, tx, a.ID)
			if err != nil {
				return err
			}
			kind := kindTimeOffApproved
			if status == scheduling.TimeOffDeclined {
				kind = kindTimeOffDeclined
			}
			return send(ctx, tx, p.user.ID, logins, timeOffNotice(kind, t, a, loc))
		})
		if err != nil {
			return err
		}
		out := decisionResponse{TimeOff: toTimeOffDTO(t, true), AffectedShifts: []shiftDTO{}, AffectedRosters: []string{}}
		seen := map[string]bool{}
		for _, sh := range affected {
			if sh.AgentName == "" { // the agent has left the roster's team since
				sh.AgentName = a.Name()
			}
			out.AffectedShifts = append(out.AffectedShifts, sh)
			if !seen[sh.RosterID] {
				seen[sh.RosterID] = true
				out.AffectedRosters = append(out.AffectedRosters, sh.RosterID)
			}
		}
		out.ResolveSuggested = len(affected) > 0
		return c.JSON(http.StatusOK, out)
	}
}

// cancelCovered cancels, on tx, the agent's shifts that approved time off
// t covers whole, in drafts and published rosters alike, also those of a
// team the agent has left: the agent will not work them, and hours are
// paid from the shifts that stand. Each cancellation is in its roster's
// history. It returns every shift t overlaps in a roster p sees (another
// team's roster is not the approving lead's to read), the cancelled ones
// as stored, described as the shift lists describe them (night, weekend
// and holiday in the roster's site's zone and holiday region); one t
// overlaps in part stays for the lead to shorten. The agent is told of
// the approval, not of each shift; the leads of the teams whose rosters
// lost shifts are told by tellRosterLeads from what it returns besides:
// by team, the rosters and the number of shifts it cancelled.
func cancelCovered(ctx context.Context, tx *store.DB, p *principal, t scheduling.TimeOff) ([]shiftDTO, map[string]*rosterLoss, error) {
	shifts, err := tx.FindShifts(ctx, store.ShiftFilter{AgentID: t.AgentID, From: t.Start, To: t.End})
	if err != nil {
		return nil, nil, err
	}
	rcs := map[string]*rosterContext{}
	lost := map[string]*rosterLoss{}
	out := make([]shiftDTO, 0, len(shifts))
	for _, sh := range shifts {
		rc := rcs[sh.RosterID]
		if rc == nil {
			r, err := tx.FindRosterByID(ctx, sh.RosterID)
			if err != nil {
				return nil, nil, err
			}
			if rc, err = loadRosterContext(ctx, tx, r); err != nil {
				return nil, nil, err
			}
			rcs[sh.RosterID] = rc
		}
		if !sh.Start.Before(t.Start) && !sh.End.After(t.End) {
			next := sh
			next.Status = scheduling.ShiftCancelled
			cancelled, err := tx.UpdateShift(ctx, next)
			if err != nil {
				return nil, nil, err
			}
			if err := tx.RecordRosterChange(ctx, audit(p, sh.RosterID, "cancel_for_time_off", "shift", sh.ID, rc.shiftDTO(sh), rc.shiftDTO(cancelled))); err != nil {
				return nil, nil, err
			}
			sh = cancelled
			l := lost[rc.roster.TeamID]
			if l == nil {
				l = &rosterLoss{}
				lost[rc.roster.TeamID] = l
			}
			l.shifts++
			if !slices.Contains(l.rosters, sh.RosterID) {
				l.rosters = append(l.rosters, sh.RosterID)
			}
		}
		if p.seesRoster(rc.roster) {
			out = append(out, rc.shiftDTO(sh))
		}
	}
	return out, lost, nil
}

// rosterLoss is what approved time off took from one team's rosters: the
// rosters that lost shifts, in the order met, and how many shifts.
type rosterLoss struct {
	rosters []string
	shifts  int
}

// tellRosterLeads tells, on tx, the leads of each team whose rosters lost
// shifts to approved time off t of agent a (lost, by team) how many of
// them they lost: the agent's present team's, and a former team's, whose
// roster the shifts of an agent who moved team stay in. A lead of
// several of those teams is told once, of all of them; the approver is
// not told.
func tellRosterLeads(ctx context.Context, tx *store.DB, actor string, t scheduling.TimeOff, a scheduling.Agent, loc *time.Location, lost map[string]*rosterLoss) error {
	byLead := map[string]*rosterLoss{} // login → what their teams lost
	team := map[string]string{}        // login → the first of those teams
	var leads []string
	for _, id := range slices.Sorted(maps.Keys(lost)) {
		logins, err := tx.TeamLeadLogins(ctx, id)
		if err != nil {
			return err
		}
		for _, u := range logins {
			sh := byLead[u]
			if sh == nil {
				sh = &rosterLoss{}
				byLead[u], team[u] = sh, id
				leads = append(leads, u)
			}
			sh.rosters = append(sh.rosters, lost[id].rosters...)
			sh.shifts += lost[id].shifts
		}
	}
	for _, u := range leads {
		sh := byLead[u]
		if err := send(ctx, tx, actor, []string{u}, shiftsCancelledNotice(t, a, loc, team[u], sh.rosters, sh.shifts)); err != nil {
			return err
		}
	}
	return nil
}
