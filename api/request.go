package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
)

// maxBody bounds JSON request bodies.
const maxBody = 1 << 20

// bind decodes a JSON body into v, refusing unknown fields, with errors that
// name the field.
func bind(c echo.Context, v any) error {
	dec := json.NewDecoder(io.LimitReader(c.Request().Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var ve scheduling.ValidationError
		var te *json.UnmarshalTypeError
		var se *json.SyntaxError
		switch {
		case errors.Is(err, io.EOF):
			ve.Add("body", "a JSON object is required")
		case errors.As(err, &te):
			ve.Add(te.Field, "must be a %s", te.Type)
		case errors.As(err, &se):
			ve.Add("body", "malformed JSON at byte %d", se.Offset)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			ve.Add(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "unknown field")
		default:
			ve.Add("body", "%v", err)
		}
		return &ve
	}
	return nil
}

// rfc formats an instant as RFC 3339 in UTC.
func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// parseTime reads a query value: RFC 3339, or a date (YYYY-MM-DD) meaning
// its start in loc (localMidnight).
func parseTime(field, s string, loc *time.Location) (time.Time, error) {
	b, err := parseBound(field, s)
	return b.in(loc), err
}

// timeRange reads ?from=&to= in loc.
func timeRange(c echo.Context, loc *time.Location) (from, to time.Time, err error) {
	r, err := readDayRange(c)
	if err != nil {
		return
	}
	from, to = r.in(loc)
	if !from.IsZero() && !to.IsZero() && !to.After(from) {
		v := &scheduling.ValidationError{}
		v.Add("to", "must be after from")
		err = v
	}
	return
}

// dayRange is ?from=&to= as sent, for a list that spans sites: a date
// (YYYY-MM-DD) is the start of that day at the site concerned, which may
// differ from item to item, while an RFC 3339 time is one instant
// everywhere. in reads it at one site, query bounds a store query that
// must hold the items of every site.
type dayRange struct{ from, to bound }

// bound is one end of a dayRange: an instant, or a date at 00:00 UTC.
// The zero bound is open.
type bound struct {
	t    time.Time
	date bool
}

// parseBound reads one query value (see parseTime); "" is the open bound.
func parseBound(field, s string) (bound, error) {
	if s == "" {
		return bound{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return bound{t: t}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return bound{t: t, date: true}, nil
	}
	v := &scheduling.ValidationError{}
	v.Add(field, "must be a date (YYYY-MM-DD) or an RFC 3339 time, got %q", s)
	return bound{}, v
}

// in is the bound's instant at a site in loc; zero for an open bound.
func (b bound) in(loc *time.Location) time.Time {
	if b.date {
		return localMidnight(b.t, loc)
	}
	return b.t
}

// readDayRange reads ?from=&to=. When both are dates, or both instants,
// to must come after from; a date and an instant are compared at each
// site, where the range may be empty.
func readDayRange(c echo.Context) (dayRange, error) {
	var r dayRange
	var err error
	if r.from, err = parseBound("from", c.QueryParam("from")); err != nil {
		return r, err
	}
	if r.to, err = parseBound("to", c.QueryParam("to")); err != nil {
		return r, err
	}
	if !r.from.t.IsZero() && !r.to.t.IsZero() && r.from.date == r.to.date && !r.to.t.After(r.from.t) {
		v := &scheduling.ValidationError{}
		v.Add("to", "must be after from")
		return r, v
	}
	return r, nil
}

// in is the range at a site in loc: [from, to), a bound zero when open.
func (r dayRange) in(loc *time.Location) (from, to time.Time) {
	return r.from.in(loc), r.to.in(loc)
}

// query is a range that holds r at every site: a day starts within 14 h
// before and 12 h after 00:00 UTC of its date in every zone (UTC+14 to
// UTC−12), so two days' margin is ample, also for a date read from an
// instant in another zone (as for rosters' periods). Items fetched with
// it are then kept by overlaps, in their own site's zone.
func (r dayRange) query() (from, to time.Time) {
	if !r.from.t.IsZero() {
		from = r.from.t.UTC().AddDate(0, 0, -2)
	}
	if !r.to.t.IsZero() {
		to = r.to.t.UTC().AddDate(0, 0, 2)
	}
	return from, to
}

// at is the range that holds r read at sites in each of locs: the
// earliest start and the latest end, a bound zero when open.
func (r dayRange) at(locs []*time.Location) (from, to time.Time) {
	for _, loc := range locs {
		f, t := r.in(loc)
		if from.IsZero() || f.Before(from) {
			from = f
		}
		if to.IsZero() || t.After(to) {
			to = t
		}
	}
	return from, to
}

// overlaps reports whether [start, end) overlaps r read at a site in loc.
func (r dayRange) overlaps(start, end time.Time, loc *time.Location) bool {
	from, to := r.in(loc)
	return (from.IsZero() || end.After(from)) && (to.IsZero() || start.Before(to))
}

// ifMatch reads the version of an If-Match header ("3" or "\"3\""). A
// missing header is 428 Precondition Required, so a client cannot skip
// optimistic locking by accident.
func ifMatch(c echo.Context) (int, error) {
	h := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if h == "" {
		return 0, &Error{Status: http.StatusPreconditionRequired, Code: "precondition_required",
			Message: "send If-Match with the version (ETag) you read"}
	}
	h = strings.TrimPrefix(h, "W/")
	v, err := strconv.Atoi(strings.Trim(h, `"`))
	if err != nil || v <= 0 {
		return 0, &Error{Status: http.StatusBadRequest, Code: "bad_request", Message: fmt.Sprintf("If-Match %q is not a version", h)}
	}
	return v, nil
}

// etag sets the ETag header to a version.
func etag(c echo.Context, version int) {
	c.Response().Header().Set("ETag", fmt.Sprintf(`"%d"`, version))
}
