package api

import (
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

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

// readAllRequest bounds a read-all: UpTo is the ID of the newest
// notification the client showed; newer ones stay unread. Without it
// every notification is marked.
type readAllRequest struct {
	UpTo string `json:"up_to,omitempty"`
}

// notificationCursor is the next_cursor of a page of notifications ending
// on last: its place in the newest-first order, not an offset, so that a
// notification read (under ?unread=true) or stored between two pages
// neither skips nor repeats one.
func notificationCursor(last store.Notification) string {
	c := last.Cursor()
	return base64.RawURLEncoding.EncodeToString([]byte(c.CreatedAt.UTC().Format(time.RFC3339Nano) + " " + c.ID))
}

// parseNotificationCursor reads ?cursor= of GET /notifications (nil: the
// first page).
func parseNotificationCursor(s string) (*store.NotificationCursor, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	at, id, ok := strings.Cut(string(b), " ")
	t, err2 := time.Parse(time.RFC3339Nano, at)
	// The API's cursors hold a UUID; text no ID can hold (a NUL byte,
	// invalid UTF-8) is refused here, as the database would refuse it.
	if err != nil || !ok || err2 != nil || id == "" || !utf8.ValidString(id) || strings.ContainsRune(id, 0) {
		v := &scheduling.ValidationError{}
		v.Add("cursor", "is not a cursor this API returned")
		return nil, v
	}
	return &store.NotificationCursor{CreatedAt: t, ID: id}, nil
}

// listNotifications pages the caller's notifications, newest first
// (?unread=true: only those not read yet).
func (s *Server) listNotifications(c echo.Context) error {
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	f := inbox(principalOf(c))
	if f.After, err = parseNotificationCursor(c.QueryParam("cursor")); err != nil {
		return err
	}
	f.UnreadOnly = c.QueryParam("unread") == "true"
	f.Limit = limit + 1
	ns, err := s.db.FindNotifications(c.Request().Context(), f)
	if err != nil {
		return err
	}
	body := pageBody[notificationDTO]{Items: make([]notificationDTO, 0, len(ns))}
	if len(ns) > limit {
		ns = ns[:limit]
		next := notificationCursor(ns[limit-1])
		body.NextCursor = &next
	}
	for _, n := range ns {
		body.Items = append(body.Items, notificationDTO{ID: n.ID, Kind: n.Kind, TeamID: n.TeamID, Params: n.Params, Message: n.Message,
			Read: n.Read, CreatedAt: n.CreatedAt})
	}
	return c.JSON(http.StatusOK, body)
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

// readAllNotifications marks the caller's notifications read: every one,
// or with up_to those the client showed (up_to and older), leaving unread
// what arrived since.
func (s *Server) readAllNotifications(c echo.Context) error {
	var req readAllRequest
	if c.Request().ContentLength != 0 {
		if err := bind(c, &req); err != nil {
			return err
		}
	}
	_, err := s.db.MarkNotificationsRead(c.Request().Context(), inbox(principalOf(c)), req.UpTo)
	if errors.Is(err, scheduling.ErrNotFound) {
		v := &scheduling.ValidationError{}
		v.Add("up_to", "%q is not one of your notifications", req.UpTo)
		return v
	}
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
