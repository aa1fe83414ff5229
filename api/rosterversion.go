package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
)

type versionDTO struct {
	Version   int       `json:"version"`
	Status    string    `json:"status"`
	Action    string    `json:"action"`
	UserID    string    `json:"user_id"`
	CreatedAt time.Time `json:"created_at"`
}

// listVersions lists a roster's stored versions (full readers only).
func (s *Server) listVersions(c echo.Context) error {
	r, full, err := s.readableRoster(c)
	if err != nil {
		return err
	}
	if !full {
		return forbid("only leads, HR and admins see roster versions")
	}
	vs, err := s.db.FindRosterVersions(c.Request().Context(), r.ID)
	if err != nil {
		return err
	}
	out := make([]versionDTO, len(vs))
	for i, v := range vs {
		out[i] = versionDTO{Version: v.Version, Status: string(v.Status), Action: v.Action, UserID: v.UserID, CreatedAt: v.CreatedAt}
	}
	return page(c, out)
}

type changedShift struct {
	Before shiftDTO `json:"before"`
	After  shiftDTO `json:"after"`
}

type diffResponse struct {
	From    int            `json:"from"`
	To      int            `json:"to"`
	Added   []shiftDTO     `json:"added"`
	Removed []shiftDTO     `json:"removed"`
	Changed []changedShift `json:"changed"`
}

// diffVersions compares the shifts of two versions by shift id: added,
// removed, and changed (any field but the version differs).
func (s *Server) diffVersions(c echo.Context) error {
	r, full, err := s.readableRoster(c)
	if err != nil {
		return err
	}
	if !full {
		return forbid("only leads, HR and admins see roster versions")
	}
	var v scheduling.ValidationError
	from, err1 := strconv.Atoi(c.QueryParam("from"))
	to, err2 := strconv.Atoi(c.QueryParam("to"))
	if err1 != nil {
		v.Add("from", "must be a version number")
	}
	if err2 != nil {
		v.Add("to", "must be a version number")
	}
	if err := v.Err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	a, err := s.db.FindRosterVersion(ctx, r.ID, from)
	if err != nil {
		return err
	}
	b, err := s.db.FindRosterVersion(ctx, r.ID, to)
	if err != nil {
		return err
	}
	rc, err := loadRosterContext(ctx, s.db, r)
	if err != nil {
		return err
	}
	out := diffResponse{From: from, To: to, Added: []shiftDTO{}, Removed: []shiftDTO{}, Changed: []changedShift{}}
	old := map[string]scheduling.Shift{}
	for _, sh := range a.Shifts {
		old[sh.ID] = sh
	}
	for _, sh := range b.Shifts {
		prev, ok := old[sh.ID]
		delete(old, sh.ID)
		switch {
		case !ok:
			out.Added = append(out.Added, rc.shiftDTO(sh))
		case !sameShift(prev, sh):
			out.Changed = append(out.Changed, changedShift{Before: rc.shiftDTO(prev), After: rc.shiftDTO(sh)})
		}
	}
	for _, sh := range a.Shifts {
		if _, gone := old[sh.ID]; gone {
			out.Removed = append(out.Removed, rc.shiftDTO(sh))
		}
	}
	return c.JSON(http.StatusOK, out)
}

func sameShift(a, b scheduling.Shift) bool {
	a.Version, b.Version = 0, 0
	return reflect.DeepEqual(a, b)
}

type auditDTO struct {
	ID       string          `json:"id"`
	Version  int             `json:"version"`
	UserID   string          `json:"user_id"`
	UserName string          `json:"user_name"`
	Action   string          `json:"action"`
	Entity   string          `json:"entity"`
	EntityID string          `json:"entity_id"`
	Before   json.RawMessage `json:"before"`
	After    json.RawMessage `json:"after"`
	At       time.Time       `json:"at"`
}

// listAudit returns every recorded change to a roster, oldest first.
func (s *Server) listAudit(c echo.Context) error {
	r, full, err := s.readableRoster(c)
	if err != nil {
		return err
	}
	if !full {
		return forbid("only leads, HR and admins see the audit log")
	}
	es, err := s.db.FindAudit(c.Request().Context(), r.ID)
	if err != nil {
		return err
	}
	out := make([]auditDTO, len(es))
	for i, e := range es {
		out[i] = auditDTO{ID: e.ID, Version: e.Version, UserID: e.UserID, UserName: e.UserName, Action: e.Action, Entity: e.Entity,
			EntityID: e.EntityID, Before: orNull(e.Before), After: orNull(e.After), At: e.At}
	}
	return page(c, out)
}

func orNull(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("null")
	}
	return b
}
