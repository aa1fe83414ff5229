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
	limit, off, err := pageWindow(c)
	if err != nil {
		return err
	}
	var shown []T
	if off < len(items) {
		shown = items[off:min(off+limit, len(items))]
	}
	return pageAt(c, shown, off, off+limit < len(items))
}

// pageWindow reads ?limit= and ?cursor=: the page size and the offset of
// the page's first item in the list.
func pageWindow(c echo.Context) (limit, off int, err error) {
	if limit, err = pageLimit(c); err != nil {
		return 0, 0, err
	}
	if cur := c.QueryParam("cursor"); cur != "" {
		b, err := base64.RawURLEncoding.DecodeString(cur)
		n, err2 := strconv.Atoi(string(b))
		if err != nil || err2 != nil || n < 0 {
			v := &scheduling.ValidationError{}
			v.Add("cursor", "is not a cursor this API returned")
			return 0, 0, v
		}
		off = n
	}
	return limit, off, nil
}

// pageLimit reads ?limit=: the page size.
func pageLimit(c echo.Context) (int, error) {
	l := c.QueryParam("limit")
	if l == "" {
		return defaultLimit, nil
	}
	n, err := strconv.Atoi(l)
	if err != nil || n < 1 || n > maxLimit {
		v := &scheduling.ValidationError{}
		v.Add("limit", "must be a whole number from 1 to %d", maxLimit)
		return 0, v
	}
	return n, nil
}

// pageAt writes items, the page of a list starting at offset off; more
// says whether the list goes on after them (then next_cursor points there).
func pageAt[T any](c echo.Context, items []T, off int, more bool) error {
	body := pageBody[T]{Items: items}
	if body.Items == nil {
		body.Items = []T{}
	}
	if more {
		next := base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(off + len(items))))
		body.NextCursor = &next
	}
	return c.JSON(http.StatusOK, body)
}
