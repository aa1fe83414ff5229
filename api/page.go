package api

import (
	"encoding/base64"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
)

// Page limits: ?limit= defaults to defaultLimit and may not exceed maxLimit.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// pageBody is every list response: {"items":[…],"next_cursor":"…"|null}.
type pageBody[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// page writes one page of items as selected by ?limit= and ?cursor=. The
// cursor is opaque to clients (an encoded offset into the filtered,
// ordered list).
func page[T any](c echo.Context, items []T) error {
	limit := defaultLimit
	if l := c.QueryParam("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > maxLimit {
			v := &scheduling.ValidationError{}
			v.Add("limit", "must be a whole number from 1 to %d", maxLimit)
			return v
		}
		limit = n
	}
	off := 0
	if cur := c.QueryParam("cursor"); cur != "" {
		b, err := base64.RawURLEncoding.DecodeString(cur)
		n, err2 := strconv.Atoi(string(b))
		if err != nil || err2 != nil || n < 0 {
			v := &scheduling.ValidationError{}
			v.Add("cursor", "is not a cursor this API returned")
			return v
		}
		off = n
	}
	body := pageBody[T]{Items: []T{}}
	if off < len(items) {
		end := min(off+limit, len(items))
		body.Items = items[off:end]
		if end < len(items) {
			next := base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(end)))
			body.NextCursor = &next
		}
	}
	return c.JSON(http.StatusOK, body)
}
