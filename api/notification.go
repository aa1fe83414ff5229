package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

type notificationDTO struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	TeamID string `json:"team_id"`
	// Params are the values the text needs (ids, names, dates, RFC 3339
	// instants in UTC), for wording it in the reader's language and zone.
	Params    map[string]any `json:"params"`
	Message   string         `json:"message"`
	Read      bool           `json:"read"`
	CreatedAt time.Time      `json:"created_at"`
}

type unreadDTO struct {
	Unread int `json:"unread"`
}

// inbox selects what the caller sees: the notifications addressed to
// them, and the team-wide ones for those who run teams: a lead's teams',
// every team's for admins. Agents and HR get no team-wide ones.
func inbox(p *principal) store.NotificationFilter {
	f := store.NotificationFilter{UserID: p.user.ID}
	switch p.user.Role {
	case scheduling.RoleAdmin:
		f.AllTeams = true
	case scheduling.RoleTeamLead:
		f.TeamIDs = p.user.TeamIDs
	}
	return f
}

// listNotifications pages the caller's notifications, newest first
// (?unread=true: only those not read yet).
func (s *Server) listNotifications(c echo.Context) error {
	limit, off, err := pageWindow(c)
	if err != nil {
		return err
	}
	f := inbox(principalOf(c))
	f.UnreadOnly = c.QueryParam("unread") == "true"
	f.Offset, f.Limit = off, limit+1
	ns, err := s.db.FindNotifications(c.Request().Context(), f)
	if err != nil {
		return err
	}
	more := len(ns) > limit
	if more {
		ns = ns[:limit]
	}
	out := make([]notificationDTO, len(ns))
	for i, n := range ns {
		out[i] = notificationDTO{ID: n.ID, Kind: n.Kind, TeamID: n.TeamID, Params: n.Params, Message: n.Message, Read: n.Read, CreatedAt: n.CreatedAt}
	}
	return pageAt(c, out, off, more)
}

// countUnread answers how many of the caller's notifications are unread.
func (s *Server) countUnread(c echo.Context) error {
	f := inbox(principalOf(c))
	f.UnreadOnly = true
	n, err := s.db.CountNotifications(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, unreadDTO{Unread: n})
}

// readNotification marks one of the caller's notifications read; another
// login's is 404.
func (s *Server) readNotification(c echo.Context) error {
	if err := s.db.MarkNotificationRead(c.Request().Context(), inbox(principalOf(c)), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// readAllNotifications marks every notification of the caller read.
func (s *Server) readAllNotifications(c echo.Context) error {
	if _, err := s.db.MarkNotificationsRead(c.Request().Context(), inbox(principalOf(c))); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
