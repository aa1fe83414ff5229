package api

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

type swapDTO struct {
	ID           string `json:"id"`
	ShiftID      string `json:"shift_id"`
	FromAgentID  string `json:"from_agent_id"`
	WithAgentID  string `json:"with_agent_id"`
	TheirShiftID string `json:"their_shift_id,omitempty"`
	// ShiftVersion and TheirShiftVersion are the shifts' versions when the
	// swap was proposed (absent for swaps proposed before they were kept):
	// a shift at another version has changed since.
	ShiftVersion      int       `json:"shift_version,omitempty"`
	TheirShiftVersion int       `json:"their_shift_version,omitempty"`
	Status            string    `json:"status"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

func toSwapDTO(s store.Swap) swapDTO {
	return swapDTO{ID: s.ID, ShiftID: s.ShiftID, FromAgentID: s.FromAgentID, WithAgentID: s.WithAgentID, TheirShiftID: s.TheirShiftID,
		ShiftVersion: s.ShiftVersion, TheirShiftVersion: s.TheirShiftVersion, Status: string(s.Status), CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
}

// listSwaps lists swaps: an agent's own, a lead's teams' (those of the
// teams' agents and those offering a shift of the teams' rosters, also
// when an agent has since moved team), everyone's for admins and HR.
func (s *Server) listSwaps(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	var ids []string
	switch {
	case p.is(scheduling.RoleAgent):
		ids = []string{p.user.AgentID}
	case p.is(scheduling.RoleTeamLead):
		ids = []string{""}
		for _, t := range p.user.TeamIDs {
			as, err := s.db.FindAgents(ctx, store.AgentFilter{TeamID: t})
			if err != nil {
				return err
			}
			for _, a := range as {
				ids = append(ids, a.ID)
			}
		}
	}
	sw, err := s.db.FindSwaps(ctx, ids)
	if err != nil {
		return err
	}
	if p.is(scheduling.RoleTeamLead) {
		ofRosters, err := s.db.FindSwapsOfTeams(ctx, p.user.TeamIDs)
		if err != nil {
			return err
		}
		sw = mergeSwaps(sw, ofRosters)
	}
	out := make([]swapDTO, len(sw))
	for i, x := range sw {
		out[i] = toSwapDTO(x)
	}
	return page(c, out)
}

// mergeSwaps returns the swaps of a and of b once each, newest first.
func mergeSwaps(a, b []store.Swap) []store.Swap {
	seen := make(map[string]bool, len(a))
	for _, sw := range a {
		seen[sw.ID] = true
	}
	for _, sw := range b {
		if !seen[sw.ID] {
			a = append(a, sw)
		}
	}
	slices.SortStableFunc(a, func(x, y store.Swap) int {
		if c := y.CreatedAt.Compare(x.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	return a
}

type swapRequest struct {
	ShiftID      string `json:"shift_id" required:"true"`
	WithAgentID  string `json:"with_agent_id" required:"true"`
	TheirShiftID string `json:"their_shift_id"`
}

// checkSwappable refuses a cancelled shift or one that has started.
func (s *Server) checkSwappable(v *scheduling.ValidationError, field string, sh scheduling.Shift) {
	if sh.Status != scheduling.ShiftActive {
		v.Add(field, "is %s", sh.Status)
	} else if !sh.Start.After(s.now()) {
		v.Add(field, "has already started (%s)", sh.Start.Format(time.RFC3339))
	}
}

// visibleShift loads the shift with id and its roster if the caller may
// see the shift: in a roster they may read (see seesRoster), or as its
// agent. Anyone else gets the ErrNotFound of a missing shift.
func (s *Server) visibleShift(ctx context.Context, p *principal, id string) (scheduling.Shift, scheduling.Roster, error) {
	sh, err := s.db.FindShiftByID(ctx, id)
	if err != nil {
		return sh, scheduling.Roster{}, err
	}
	r, err := s.db.FindRosterByID(ctx, sh.RosterID)
	if err != nil {
		return sh, r, err
	}
	if !p.seesRoster(r) && !p.self(sh.AgentID) {
		return sh, r, hidden("shift", id)
	}
	return sh, r, nil
}

// createSwap proposes to give one's shift to a colleague of the same team
// (in exchange for one of theirs when their_shift_id is set): active
// shifts of one published roster that have not started, one open swap
// per shift. The colleague is told.
func (s *Server) createSwap(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	var req swapRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	sh, r, err := s.visibleShift(ctx, p, req.ShiftID)
	if err != nil {
		return unknownRef(err, "shift_id", "shift", req.ShiftID)
	}
	owner, err := s.db.FindAgentByID(ctx, sh.AgentID)
	if err != nil {
		return err
	}
	if !p.self(owner.ID) && !p.editsTeam(owner.TeamID) {
		return forbid("you may offer only your own shifts")
	}
	with, err := s.db.FindAgentByID(ctx, req.WithAgentID)
	if err == nil && !p.seesAgent(with) {
		err = hidden("agent", req.WithAgentID)
	}
	if err != nil {
		return unknownRef(err, "with_agent_id", "agent", req.WithAgentID)
	}
	v := &scheduling.ValidationError{}
	if with.TeamID != owner.TeamID {
		v.Add("with_agent_id", "must be in the same team")
	}
	if r.Status != scheduling.Published {
		v.Add("shift_id", "is in a roster that is not published")
	}
	s.checkSwappable(v, "shift_id", sh)
	theirVersion := 0
	if req.TheirShiftID != "" {
		theirs, _, err := s.visibleShift(ctx, p, req.TheirShiftID)
		if err != nil {
			return unknownRef(err, "their_shift_id", "shift", req.TheirShiftID)
		}
		if theirs.AgentID != with.ID {
			v.Add("their_shift_id", "is not a shift of with_agent_id")
		}
		if theirs.RosterID != sh.RosterID {
			v.Add("their_shift_id", "is in another roster than shift_id")
		}
		s.checkSwappable(v, "their_shift_id", theirs)
		theirVersion = theirs.Version
	}
	if err := v.Err(); err != nil {
		return err
	}
	open, err := s.db.FindSwaps(ctx, []string{owner.ID})
	if err != nil {
		return err
	}
	for _, o := range open {
		if o.ShiftID == sh.ID && (o.Status == store.SwapProposed || o.Status == store.SwapAccepted) {
			return refuse("conflict", "this shift is already offered in swap %s", o.ID)
		}
	}
	sw := store.Swap{ShiftID: sh.ID, FromAgentID: owner.ID, WithAgentID: with.ID, TheirShiftID: req.TheirShiftID,
		ShiftVersion: sh.Version, TheirShiftVersion: theirVersion}
	err = s.db.Tx(ctx, func(tx *store.DB) error {
		if err := tx.CreateSwap(ctx, &sw); err != nil {
			return err
		}
		return notifySwap(ctx, tx, p, kindSwapProposed, sw)
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toSwapDTO(sw))
}

// notifySwap tells, on tx, of a swap's step those it concerns: a
// proposal the colleague asked, an acceptance the team's leads, a
// decision both agents.
func notifySwap(ctx context.Context, tx *store.DB, p *principal, kind string, sw store.Swap) error {
	sp, err := loadSwapParties(ctx, tx, sw)
	if err != nil {
		return err
	}
	var to []string
	switch kind {
	case kindSwapProposed:
		to, err = loginsOf(ctx, tx, sw.WithAgentID)
	case kindSwapAccepted:
		// The leads who approve: the roster's team's.
		var r scheduling.Roster
		if r, err = tx.FindRosterByID(ctx, sp.mine.RosterID); err == nil {
			to, err = tx.TeamLeadLogins(ctx, r.TeamID)
		}
	default:
		to, err = loginsOf(ctx, tx, sw.FromAgentID, sw.WithAgentID)
	}
	if err != nil {
		return err
	}
	return send(ctx, tx, p.user.ID, to, swapNotice(kind, sp))
}

// visibleSwap loads the swap with id if the caller may see it: its two
// agents, admins, HR, the leads of either agent's team and those of the
// team whose roster holds its shift, as GET /swaps lists them. Anyone
// else gets the 404 of a missing swap.
func (s *Server) visibleSwap(ctx context.Context, p *principal, id string) (store.Swap, error) {
	sw, err := s.db.FindSwapByID(ctx, id)
	if err != nil {
		return sw, err
	}
	if p.self(sw.FromAgentID) || p.self(sw.WithAgentID) || p.is(scheduling.RoleAdmin, scheduling.RoleHR) {
		return sw, nil
	}
	for _, agentID := range []string{sw.FromAgentID, sw.WithAgentID} {
		a, err := s.db.FindAgentByID(ctx, agentID)
		if err != nil {
			return sw, err
		}
		if p.seesTeam(a.TeamID) {
			return sw, nil
		}
	}
	team, err := s.swapTeam(ctx, sw)
	if err != nil {
		return sw, err
	}
	if team != "" && p.seesTeam(team) {
		return sw, nil
	}
	return sw, hidden("swap", id)
}

// swapTeam is the team of the roster holding swap sw's shift, "" once a
// re-solve has replaced the shift.
func (s *Server) swapTeam(ctx context.Context, sw store.Swap) (string, error) {
	origins, err := s.db.FindShiftOrigins(ctx, []string{sw.ShiftID})
	return origins[sw.ShiftID].TeamID, err
}

// codeSwapChanged is the error code of the 409 for a swap whose shifts
// are no longer as they were offered: it can only be declined.
const codeSwapChanged = "swap_changed"

// editedSince reports whether shift sh has changed since it was at
// version (0: not recorded, so not known to have changed).
func editedSince(version int, sh scheduling.Shift) bool {
	return version != 0 && sh.Version != version
}

// swapStale reports whether swap sw's shift, or the colleague's (theirs,
// nil when the swap offers none in return), has changed hands or been
// edited since the swap was proposed.
func swapStale(sw store.Swap, mine scheduling.Shift, theirs *scheduling.Shift) bool {
	if mine.AgentID != sw.FromAgentID || editedSince(sw.ShiftVersion, mine) {
		return true
	}
	return theirs != nil && (theirs.AgentID != sw.WithAgentID || editedSince(sw.TheirShiftVersion, *theirs))
}

// checkUnchanged refuses (409) swap sw when its shifts have been edited,
// cancelled or given to someone else since it was proposed: the colleague
// would accept something else than was offered.
func (s *Server) checkUnchanged(ctx context.Context, sw store.Swap) error {
	mine, err := s.db.FindShiftByID(ctx, sw.ShiftID)
	if err != nil {
		return err
	}
	var theirs *scheduling.Shift
	if sw.TheirShiftID != "" {
		t, err := s.db.FindShiftByID(ctx, sw.TheirShiftID)
		if err != nil {
			return err
		}
		theirs = &t
	}
	if swapStale(sw, mine, theirs) {
		return refuse(codeSwapChanged, "the swap's shifts have changed since it was proposed")
	}
	return nil
}

// acceptSwap is the colleague's yes; the team's leads are told it awaits
// their approval.
func (s *Server) acceptSwap(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	sw, err := s.visibleSwap(ctx, p, c.Param("id"))
	if err != nil {
		return err
	}
	if !p.self(sw.WithAgentID) {
		return forbid("only the colleague asked may accept")
	}
	if sw.Status == store.SwapProposed {
		if err := s.checkUnchanged(ctx, sw); err != nil {
			return err
		}
	}
	err = s.db.Tx(ctx, func(tx *store.DB) error {
		if sw, err = tx.MoveSwap(ctx, sw.ID, []store.SwapStatus{store.SwapProposed}, store.SwapAccepted, p.user.ID); err != nil {
			return err
		}
		return notifySwap(ctx, tx, p, kindSwapAccepted, sw)
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toSwapDTO(sw))
}

// declineSwap: the colleague, the proposer, or a lead says no; both
// agents but the one who said it are told.
func (s *Server) declineSwap(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	sw, err := s.visibleSwap(ctx, p, c.Param("id"))
	if err != nil {
		return err
	}
	a, err := s.db.FindAgentByID(ctx, sw.FromAgentID)
	if err != nil {
		return err
	}
	if !p.self(sw.WithAgentID) && !p.self(sw.FromAgentID) && !p.editsTeam(a.TeamID) {
		// The leads of the roster's team decide too, as they approve.
		team, err := s.swapTeam(ctx, sw)
		if err != nil {
			return err
		}
		if team == "" || !p.editsTeam(team) {
			return forbid("not your swap")
		}
	}
	err = s.db.Tx(ctx, func(tx *store.DB) error {
		sw, err = tx.MoveSwap(ctx, sw.ID, []store.SwapStatus{store.SwapProposed, store.SwapAccepted}, store.SwapDeclined, p.user.ID)
		if err != nil {
			return err
		}
		return notifySwap(ctx, tx, p, kindSwapDeclined, sw)
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toSwapDTO(sw))
}

// approveSwap is the lead's yes to an accepted swap: the rules are checked
// with the shifts exchanged (422 with the violations if one breaks), then
// the shifts change hands in one transaction with an audit entry and a
// notification to both agents.
func (s *Server) approveSwap(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	sw, err := s.visibleSwap(ctx, p, c.Param("id"))
	if err != nil {
		return err
	}
	mine, err := s.db.FindShiftByID(ctx, sw.ShiftID)
	if errors.Is(err, scheduling.ErrNotFound) {
		// A re-solve replaced the shift; only a decided swap names one.
		return refuse("conflict", "only an accepted swap can be approved; it is %s", sw.Status)
	} else if err != nil {
		return err
	}
	r, err := s.db.FindRosterByID(ctx, mine.RosterID)
	if err != nil {
		return err
	}
	if !p.editsTeam(r.TeamID) {
		return forbid("not your team's swap")
	}
	if sw.Status != store.SwapAccepted {
		return refuse("conflict", "only an accepted swap can be approved; it is %s", sw.Status)
	}
	rc, err := loadRosterContext(ctx, s.db, r)
	if err != nil {
		return err
	}
	shifts, err := s.db.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID})
	if err != nil {
		return err
	}
	// The shifts may have changed hands, been edited, cancelled or begun
	// since the swap was proposed; it then no longer says what it did.
	v := &scheduling.ValidationError{}
	s.checkSwappable(v, "shift_id", mine)
	changed := []scheduling.Shift{mine}
	changed[0].AgentID = sw.WithAgentID
	var theirs *scheduling.Shift
	if sw.TheirShiftID != "" {
		t, err := s.db.FindShiftByID(ctx, sw.TheirShiftID)
		if err != nil {
			return err
		}
		asOffered := t
		theirs = &asOffered
		s.checkSwappable(v, "their_shift_id", t)
		t.AgentID = sw.FromAgentID
		changed = append(changed, t)
	}
	if swapStale(sw, mine, theirs) || v.Err() != nil {
		if v.Err() != nil {
			return refuse(codeSwapChanged, "the swap's shifts have changed since it was proposed: %v", v)
		}
		return refuse(codeSwapChanged, "the swap's shifts have changed since it was proposed")
	}
	after := slices.Clone(shifts)
	for i := range after {
		for _, ch := range changed {
			if after[i].ID == ch.ID {
				after[i] = ch
			}
		}
	}
	vs := diffViolations(rc, shifts, after, sw.FromAgentID, sw.WithAgentID)
	if len(vs) > 0 {
		return &Error{Status: http.StatusUnprocessableEntity, Code: "rule_violation", Message: "the swap breaks a labour rule",
			Violations: toViolations(vs, requestLanguage(c.Request()))}
	}
	var out store.Swap
	err = s.db.Tx(ctx, func(tx *store.DB) error {
		for _, ch := range changed {
			before, err := tx.FindShiftByID(ctx, ch.ID)
			if err != nil {
				return err
			}
			stored, err := tx.UpdateShift(ctx, ch)
			if err != nil {
				return err
			}
			if err := tx.RecordRosterChange(ctx, audit(p, stored.RosterID, "swap", "shift", ch.ID, rc.shiftDTO(before), rc.shiftDTO(stored))); err != nil {
				return err
			}
		}
		if out, err = tx.MoveSwap(ctx, sw.ID, []store.SwapStatus{store.SwapAccepted}, store.SwapApproved, p.user.ID); err != nil {
			return err
		}
		return notifySwap(ctx, tx, p, kindSwapApproved, out)
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toSwapDTO(out))
}
