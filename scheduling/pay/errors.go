package pay

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is matched (errors.Is) by every *ValidationError: the rules,
// contract or shifts handed to the package are malformed.
var ErrInvalid = errors.New("pay: invalid input")

// ErrOverlap is returned by Summarize when two shifts of one agent overlap in
// time; their hours would otherwise be paid twice.
var ErrOverlap = errors.New("pay: shifts overlap")

// FieldError names one bad field and says what is wrong with it.
type FieldError struct {
	Field   string // e.g. "rules.night_premium", "shifts[3].breaks[0].end"
	Message string

	format string
	args   []any
}

// Source returns the format and arguments Message was made from, for
// saying it in another language.
func (f FieldError) Source() (format string, args []any) {
	return f.format, f.args
}

// ValidationError lists every bad field found in one input.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("pay: invalid input: ")
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Field)
		b.WriteString(": ")
		b.WriteString(f.Message)
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalid) true for a *ValidationError.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// add records a bad field.
func (e *ValidationError) add(field, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...), format: format, args: args})
}

// err returns e, or nil when no field was recorded.
func (e *ValidationError) err() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}
