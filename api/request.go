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
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return localMidnight(t, loc), nil
	}
	v := &scheduling.ValidationError{}
	v.Add(field, "must be a date (YYYY-MM-DD) or an RFC 3339 time, got %q", s)
	return time.Time{}, v
}

// timeRange reads ?from=&to= in loc.
func timeRange(c echo.Context, loc *time.Location) (from, to time.Time, err error) {
	if from, err = parseTime("from", c.QueryParam("from"), loc); err != nil {
		return
	}
	if to, err = parseTime("to", c.QueryParam("to"), loc); err != nil {
		return
	}
	if !from.IsZero() && !to.IsZero() && !to.After(from) {
		v := &scheduling.ValidationError{}
		v.Add("to", "must be after from")
		err = v
	}
	return
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
