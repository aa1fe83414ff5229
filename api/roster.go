package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

type rosterDTO struct {
	ID          string     `json:"id"`
	TeamID      string     `json:"team_id"`
	PeriodStart string     `json:"period_start"`
	PeriodEnd   string     `json:"period_end"`
	Status      string     `json:"status"`
	Version     int        `json:"version"`
	PublishedAt *time.Time `json:"published_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

func toRosterDTO(r scheduling.Roster) rosterDTO {
	return rosterDTO{ID: r.ID, TeamID: r.TeamID, PeriodStart: r.PeriodStart.Format(time.DateOnly), PeriodEnd: r.PeriodEnd.Format(time.DateOnly),
		Status: string(r.Status), Version: r.Version, PublishedAt: r.PublishedAt, UpdatedAt: r.UpdatedAt}
}

// rosterDetail is GET /rosters/{id}: the roster, its shifts, and (for
// leads, HR and admin) the KPIs and coverage of its last solve.
type rosterDetail struct {
	rosterDTO
	Shifts   []shiftDTO      `json:"shifts"`
	KPIs     json.RawMessage `json:"kpis"`
	Coverage json.RawMessage `json:"coverage"`
}

// listRosters lists rosters (?team=&from=&to=&status=). Agents see their
// own team's published rosters only. A roster is listed when its period,
// from the start of its first day to the start of the day after its last
// in its team's site's zone, overlaps [from, to), a date in which is the
// start of that day in the same zone: for dates, period_end > from and
// period_start < to.
func (s *Server) listRosters(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	f := store.RosterFilter{TeamID: c.QueryParam("team"), Status: scheduling.RosterStatus(c.QueryParam("status"))}
	days, err := readDayRange(c)
	if err != nil {
		return err
	}
	f.From, f.To = days.query()
	if f.TeamID != "" && !p.seesTeam(f.TeamID) && !p.member(f.TeamID) {
		return forbid("not your team")
	}
	rs, err := s.db.FindRosters(ctx, f)
	if err != nil {
		return err
	}
	zones, err := s.teamZones(ctx)
	if err != nil {
		return err
	}
	out := []rosterDTO{}
	for _, r := range rs {
		loc := zones.of(r.TeamID)
		if !days.overlaps(localMidnight(r.PeriodStart, loc), localMidnight(r.PeriodEnd, loc), loc) {
			continue
		}
		if p.seesRoster(r) {
			out = append(out, toRosterDTO(r))
		}
	}
	return page(c, out)
}

type createRosterRequest struct {
	TeamID      string `json:"team_id" required:"true"`
	PeriodStart string `json:"period_start" required:"true"`
	PeriodEnd   string `json:"period_end" required:"true"`
}

// createRoster makes an empty draft for a team and period (admin, the
// team's leads).
func (s *Server) createRoster(c echo.Context) error {
	p := principalOf(c)
	var req createRosterRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	var v scheduling.ValidationError
	start, err1 := time.Parse(time.DateOnly, req.PeriodStart)
	if err1 != nil {
		v.Add("period_start", "must be a date YYYY-MM-DD")
	}
	end, err2 := time.Parse(time.DateOnly, req.PeriodEnd)
	if err2 != nil {
		v.Add("period_end", "must be a date YYYY-MM-DD")
	}
	if err := v.Err(); err != nil {
		return err
	}
	if !p.editsTeam(req.TeamID) {
		return forbid("you may not roster this team")
	}
	// The store refuses a team_id no team has (422 on team_id), also one
	// removed while the roster is being created.
	r := scheduling.Roster{TeamID: req.TeamID, PeriodStart: start, PeriodEnd: end}
	err := s.db.Tx(c.Request().Context(), func(tx *store.DB) error {
		if err := tx.CreateRoster(c.Request().Context(), &r); err != nil {
			return err
		}
		return tx.RecordRosterChange(c.Request().Context(), audit(p, r.ID, "create", "roster", r.ID, nil, toRosterDTO(r)))
	})
	if err != nil {
		return err
	}
	etag(c, r.Version)
	return c.JSON(http.StatusCreated, toRosterDTO(r))
}

// audit builds an audit entry for the caller.
func audit(p *principal, rosterID, action, entity, entityID string, before, after any) store.AuditEntry {
	e := store.AuditEntry{RosterID: rosterID, UserID: p.user.ID, UserName: p.user.Name, Action: action, Entity: entity, EntityID: entityID}
	if before != nil {
		e.Before, _ = json.Marshal(before)
	}
	if after != nil {
		e.After, _ = json.Marshal(after)
	}
	return e
}

// readableRoster loads a roster the caller may read: in full (admin, HR,
// the team's leads) or as a member of the team once published. Another
// team's roster, and a draft to an agent, is 404 as a missing one.
func (s *Server) readableRoster(c echo.Context) (scheduling.Roster, bool, error) {
	p := principalOf(c)
	r, err := s.db.FindRosterByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return r, false, err
	}
	if !p.seesRoster(r) {
		return r, false, hidden("roster", c.Param("id"))
	}
	return r, p.seesTeam(r.TeamID), nil
}

// editableRoster loads a roster the caller may change: 403 for one they
// may only read, 404 for one they may not see.
func (s *Server) editableRoster(c echo.Context) (scheduling.Roster, error) {
	p := principalOf(c)
	r, err := s.db.FindRosterByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return r, err
	}
	if !p.seesRoster(r) {
		return r, hidden("roster", c.Param("id"))
	}
	if !p.editsTeam(r.TeamID) {
		return r, forbid("you may not change this team's roster")
	}
	return r, nil
}

func (s *Server) getRoster(c echo.Context) error {
	r, full, err := s.readableRoster(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	rc, err := loadRosterContext(ctx, s.db, r)
	if err != nil {
		return err
	}
	shifts, err := s.db.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID, WithCancelled: full})
	if err != nil {
		return err
	}
	out := rosterDetail{rosterDTO: toRosterDTO(r), Shifts: make([]shiftDTO, len(shifts)), KPIs: json.RawMessage("{}"), Coverage: json.RawMessage("[]")}
	for i, sh := range shifts {
		if full {
			out.Shifts[i] = rc.shiftDTO(sh)
		} else {
			out.Shifts[i] = rc.publicShiftDTO(sh)
		}
	}
	if full {
		doc, err := s.db.RosterKPIs(ctx, r.ID)
		if err != nil {
			return err
		}
		var k solveDoc
		if json.Unmarshal(doc, &k) == nil {
			if k.KPIs != nil {
				out.KPIs = k.KPIs
			}
			if k.Coverage != nil {
				out.Coverage = k.Coverage
			}
		}
	}
	etag(c, r.Version)
	return c.JSON(http.StatusOK, out)
}

// solveDoc is what a solve stores in the roster's KPI column.
type solveDoc struct {
	KPIs     json.RawMessage `json:"kpis"`
	Coverage json.RawMessage `json:"coverage"`
	Unmet    []string        `json:"unmet,omitempty"`
	// Version is the roster version the KPIs describe; later edits make
	// them stale.
	Version int `json:"version"`
}

type solveRequest struct {
	TimeLimitSeconds float64 `json:"time_limit_seconds"`
	Seed             uint64  `json:"seed"`
}

type jobAccepted struct {
	JobID string `json:"job_id"`
}

// solveRoster queues a background solve of a draft (admin, the team's
// leads) and answers 202 with the job's id.
func (s *Server) solveRoster(c echo.Context) error {
	p := principalOf(c)
	r, err := s.editableRoster(c)
	if err != nil {
		return err
	}
	var req solveRequest
	if c.Request().ContentLength != 0 {
		if err := bind(c, &req); err != nil {
			return err
		}
	}
	if req.TimeLimitSeconds < 0 || req.TimeLimitSeconds > 600 {
		v := &scheduling.ValidationError{}
		v.Add("time_limit_seconds", "must be between 0 and 600")
		return v
	}
	if req.TimeLimitSeconds == 0 {
		req.TimeLimitSeconds = 10
	}
	payload, _ := json.Marshal(solvePayload{RosterID: r.ID, TimeLimitSeconds: req.TimeLimitSeconds, Seed: req.Seed, UserID: p.user.ID, UserName: p.user.Name})
	j := store.Job{Kind: jobSolve, Payload: payload, TeamID: r.TeamID, CreatedBy: p.user.ID, MaxAttempts: 2}
	if err := s.db.EnqueueJob(c.Request().Context(), &j); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/jobs/"+j.ID)
	return c.JSON(http.StatusAccepted, jobAccepted{JobID: j.ID})
}

// publishRoster publishes a roster at the version the caller read; the
// agents with shifts in it are told.
func (s *Server) publishRoster(c echo.Context) error {
	p := principalOf(c)
	r, err := s.editableRoster(c)
	if err != nil {
		return err
	}
	v, err := ifMatch(c)
	if err != nil {
		return err
	}
	out, err := publish(c.Request().Context(), s.db, p, r, v)
	if err != nil {
		return err
	}
	etag(c, out.Version)
	return c.JSON(http.StatusOK, toRosterDTO(out))
}

// publish publishes roster r at version v for p, with its history entry,
// and tells the agents with shifts in it, all in one transaction.
func publish(ctx context.Context, db *store.DB, p *principal, r scheduling.Roster, v int) (scheduling.Roster, error) {
	var out scheduling.Roster
	err := db.Tx(ctx, func(tx *store.DB) error {
		pub, err := tx.PublishRoster(ctx, r.ID, v)
		if err != nil {
			return err
		}
		out = pub
		if err := tx.RecordRosterChange(ctx, audit(p, r.ID, "publish", "roster", r.ID, toRosterDTO(r), toRosterDTO(pub))); err != nil {
			return err
		}
		if r.Status == scheduling.Published {
			// Published again: its edits were told of one by one.
			return nil
		}
		return notifyPublished(ctx, tx, p.user.ID, pub)
	})
	return out, err
}

// deleteRoster removes a draft that was never published (the team's leads,
// admins): a roster made for the wrong period would otherwise block it.
func (s *Server) deleteRoster(c echo.Context) error {
	r, err := s.editableRoster(c)
	if err != nil {
		return err
	}
	if err := s.db.DeleteDraftRoster(c.Request().Context(), r.ID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
