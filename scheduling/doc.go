// Package scheduling holds shiftplan's domain model — organisations, sites,
// teams, agents, skills, queues, shift templates, rosters, shifts, time off and
// users — with validation and the sentinel errors shared by every layer.
//
// Instants are time.Time values in UTC; anything that depends on local clock
// time (shift templates, labour rules, pay) is evaluated in the site's IANA
// zone (Site.TimeZone).
package scheduling

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sentinel errors. Stores and services wrap them with %w; the API maps them
// to HTTP statuses.
var (
	// ErrNotFound: the entity does not exist (or is not visible to the caller).
	ErrNotFound = errors.New("not found")
	// ErrConflict: the change clashes with existing data (duplicate, wrong state).
	// Conflict makes one that keeps its reason for saying in other languages.
	ErrConflict = errors.New("conflict")
	// ErrStale: an optimistic-lock version did not match; nothing was changed.
	ErrStale = errors.New("stale version")
	// ErrForbidden: the caller may not do this.
	ErrForbidden = errors.New("forbidden")
	// ErrInfeasible: the rules cannot all hold.
	ErrInfeasible = errors.New("infeasible")
)

// FieldError is one problem with one input field. Message is in English;
// a FieldError made by Add also keeps the format and arguments Message was
// made from, so that Localize can say it in another language.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`

	format string
	args   []any
	// in names the part of the field the problem is in (a column of a
	// file's line), said before it: "weekly_hours: must be …".
	in string
}

// Source returns the format and arguments Message was made from (empty
// for a FieldError not made by Add or AddIn), without the part it is in.
func (f FieldError) Source() (format string, args []any) { return f.format, f.args }

// Localize returns f's message in the language of formats, which maps an
// English format, as passed to Add, to that language's format with the same
// verbs in the same order. A message whose format is not in formats, or
// that was not made by Add, is returned in English.
func (f FieldError) Localize(formats map[string]string) string {
	t, ok := formats[f.format]
	if !ok || f.format == "" {
		return f.Message
	}
	if f.in != "" {
		return f.in + ": " + fmt.Sprintf(t, f.args...)
	}
	return fmt.Sprintf(t, f.args...)
}

// ValidationError lists what is wrong with an input, field by field.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Add records a problem with field.
func (e *ValidationError) Add(field, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...), format: format, args: args})
}

// AddIn records a problem with the part in of field, such as a column of
// a file's line: its message is in, a colon and the problem (with no
// in, the problem alone, as Add).
func (e *ValidationError) AddIn(field, in, format string, args ...any) {
	if in == "" {
		e.Add(field, format, args...)
		return
	}
	e.Fields = append(e.Fields, FieldError{Field: field, Message: in + ": " + fmt.Sprintf(format, args...), format: format, args: args, in: in})
}

// Limits on free text, in characters. Names and codes are shown on one line
// of the board and in exports; a reason is a short note to a team lead.
const (
	MaxNameLength = 200
	MaxTextLength = 2000
	// MaxEmailLength is RFC 5321's limit on a forward path, less its brackets.
	MaxEmailLength = 254
)

// Text records a problem with field when s is not UTF-8 or is longer than
// max characters. An empty s is no problem here; required fields say so.
func (e *ValidationError) Text(field, s string, max int) {
	if !utf8.ValidString(s) {
		e.Add(field, "is not valid UTF-8")
	} else if n := utf8.RuneCountInString(s); n > max {
		e.Add(field, "has %d characters, more than %d", n, max)
	}
}

// Invalid returns a ValidationError with one problem, of field.
func Invalid(field, format string, args ...any) error {
	e := &ValidationError{}
	e.Add(field, format, args...)
	return e
}

// Err returns e if it holds any problem, else nil.
func (e *ValidationError) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}
