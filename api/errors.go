package api

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/forecast/staffing"
	"github.com/shiftplan/shiftplan/scheduling"
)

// ErrorBody is the one error shape of the API:
// {"error":{"code":…,"message":…,"fields":[{"field":…,"message":…}],"request_id":…}}.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail describes what went wrong.
type ErrorDetail struct {
	Code      string                  `json:"code"`
	Message   string                  `json:"message"`
	Fields    []scheduling.FieldError `json:"fields,omitempty"`
	RequestID string                  `json:"request_id,omitempty"`
	// Violations lists broken roster rules (code "rule_violation").
	Violations []violationDTO `json:"violations,omitempty"`
}

// Error is an error with an explicit HTTP status and code, for cases no
// domain sentinel covers (e.g. unauthenticated).
type Error struct {
	Status     int
	Code       string
	Message    string
	Violations []violationDTO

	// format and args are those Message was made from (refuse), so
	// that the answer can say it in the request's language.
	format string
	args   []any
}

func (e *Error) Error() string { return e.Message }

// unknownRef turns err, from looking up id that the request body names
// in field, into the API's answer to a reference to nothing: 422 on the
// field, `unknown <what> "<id>"`, as the store words it for the
// references it checks itself. A 404 would say the route is missing and
// name no field. Other errors pass unchanged.
func unknownRef(err error, field, what, id string) error {
	if errors.Is(err, scheduling.ErrNotFound) {
		return scheduling.Invalid(field, "unknown %s %q", what, id)
	}
	return err
}

// errorStatus maps an error to its HTTP status and code: the single table
// from domain errors to HTTP.
func errorStatus(err error) (int, string) {
	var ae *Error
	var ve *scheduling.ValidationError
	var he *echo.HTTPError
	switch {
	case errors.As(err, &ae):
		return ae.Status, ae.Code
	case errors.As(err, &ve):
		return http.StatusUnprocessableEntity, "invalid"
	case errors.Is(err, staffing.ErrInvalid):
		// A load the staffing maths refuses (more than staffing.MaxErlangs
		// in an interval): its message names the queue and interval.
		return http.StatusUnprocessableEntity, "invalid"
	case errors.Is(err, scheduling.ErrNotFound):
		return http.StatusNotFound, "not_found"
	case errors.Is(err, scheduling.ErrStale):
		return http.StatusPreconditionFailed, "stale"
	case errors.Is(err, scheduling.ErrConflict):
		return http.StatusConflict, "conflict"
	case errors.Is(err, scheduling.ErrForbidden):
		return http.StatusForbidden, "forbidden"
	case errors.Is(err, scheduling.ErrInfeasible):
		return http.StatusUnprocessableEntity, "infeasible"
	case errors.As(err, &he):
		switch he.Code {
		case http.StatusNotFound:
			return he.Code, "not_found"
		case http.StatusMethodNotAllowed:
			return he.Code, "method_not_allowed"
		case http.StatusBadRequest:
			return he.Code, "bad_request"
		case http.StatusUnauthorized:
			return he.Code, "unauthenticated"
		case http.StatusForbidden:
			return he.Code, "forbidden"
		case http.StatusTooManyRequests:
			return he.Code, "rate_limited"
		case http.StatusRequestEntityTooLarge:
			return he.Code, "too_large"
		}
		return he.Code, "error"
	}
	return http.StatusInternalServerError, "internal"
}

// handleError is Echo's HTTPErrorHandler: it writes the error shape and logs
// 500s with the request id; clients never see internals.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, code := errorStatus(err)
	body := ErrorBody{Error: ErrorDetail{Code: code, Message: err.Error(), RequestID: requestIDOf(c)}}
	var ve *scheduling.ValidationError
	var he *echo.HTTPError
	var ae *Error
	var fe *forbidden
	var ce *scheduling.ConflictError
	switch {
	case status >= 500:
		s.log.Error("internal error", "request_id", requestIDOf(c), "path", c.Path(), "err", err)
		body.Error.Message = "internal error"
	case errors.As(err, &ae):
		if said, ok := sayRefusal(ae, requestLanguage(c.Request())); ok {
			body.Error.Message = said
		}
		body.Error.Violations = ae.Violations
	case errors.As(err, &ce):
		body.Error.Message = conflictMessage(err, ce, requestLanguage(c.Request()))
	case errors.As(err, &fe):
		body.Error.Message = fe.say(requestLanguage(c.Request()))
	case errors.As(err, &ve):
		lang := requestLanguage(c.Request())
		body.Error.Message = invalidInput[lang]
		body.Error.Fields = localize(ve.Fields, lang)
	case errors.As(err, &he):
		if m, ok := he.Message.(string); ok {
			body.Error.Message = m
		} else {
			body.Error.Message = http.StatusText(he.Code)
		}
	}
	if status == http.StatusTooManyRequests {
		c.Response().Header().Set("Retry-After", "60")
	}
	if c.Request().Method == http.MethodHead {
		c.NoContent(status)
		return
	}
	c.JSON(status, body)
}
