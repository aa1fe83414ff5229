package api_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestNotifications_IDsNoRowHas: a notification ID, up_to or cursor
// holding a NUL byte or invalid UTF-8 (text PostgreSQL refuses outright)
// is answered as an ID nothing has — 404, or 422 naming the field — never
// 500, and marks nothing read.
func TestNotifications_IDsNoRowHas(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		n := store.Notification{Kind: "time_off_approved", UserID: f.users["agentA"].ID, TeamID: f.teamA.ID, Key: "bad-ids:test", Message: "m"}
		_, err := f.db.CreateNotification(context.Background(), &n)
		must(t, err)
		c := f.login(t, "agentA")
		// A cursor as the API writes it ("<RFC 3339 time> <id>"), with a bad id.
		cursor := func(id string) string {
			return base64.RawURLEncoding.EncodeToString([]byte("2026-03-01T12:00:00Z " + id))
		}
		for _, tc := range []struct {
			name, method, path string
			body               any
			status             int
			field              string
		}{
			{"ReadNUL", "POST", "/api/v1/notifications/%00/read", nil, http.StatusNotFound, ""},
			{"ReadInvalidUTF8", "POST", "/api/v1/notifications/%FF/read", nil, http.StatusNotFound, ""},
			{"ReadAllUpToNUL", "POST", "/api/v1/notifications/read-all", []byte(`{"up_to":"a\u0000"}`), http.StatusUnprocessableEntity, "up_to"},
			{"CursorNUL", "GET", "/api/v1/notifications?cursor=" + cursor("a\x00"), nil, http.StatusUnprocessableEntity, "cursor"},
			{"CursorInvalidUTF8", "GET", "/api/v1/notifications?cursor=" + cursor("\xff"), nil, http.StatusUnprocessableEntity, "cursor"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res, body := c.do(tc.method, tc.path, tc.body, nil)
				e := decode[api.ErrorBody](t, body)
				if res.StatusCode != tc.status || (tc.field != "" && (len(e.Error.Fields) != 1 || e.Error.Fields[0].Field != tc.field)) {
					t.Errorf("%d %s, want %d naming %q", res.StatusCode, body, tc.status, tc.field)
				}
			})
		}
		if got := unread(t, c); got != 1 {
			t.Errorf("%d unread after the refused requests, want 1", got)
		}
	})
}
