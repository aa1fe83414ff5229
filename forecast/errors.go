package forecast

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors. Callers test with errors.Is.
var (
	// ErrEmptyHistory is returned when the history holds no observations.
	ErrEmptyHistory = errors.New("forecast: empty history")
	// ErrInterval is returned when the interval length cannot be inferred
	// or does not divide a day.
	ErrInterval = errors.New("forecast: bad interval length")
	// ErrUnknownModel is returned for a model name that is not in Models.
	ErrUnknownModel = errors.New("forecast: unknown model")
	// ErrHorizon is returned for a horizon that is not positive or is
	// longer than MaxHorizon.
	ErrHorizon = fmt.Errorf("forecast: horizon must be positive and at most %d days", MaxHorizon/(24*time.Hour))
)

// FieldError is one bad field of the input.
type FieldError struct {
	Field   string // column, option or field name
	Message string
}

// ValidationError lists what is wrong with an input, field by field. For CSV
// input Line is the 1-based line number of the offending row.
type ValidationError struct {
	Line   int
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		if f.Field != "" {
			fmt.Fprintf(&b, "%s: ", f.Field)
		}
		b.WriteString(f.Message)
	}
	return b.String()
}

func lineError(line int, field, format string, args ...any) error {
	return &ValidationError{Line: line, Fields: []FieldError{{Field: field, Message: fmt.Sprintf(format, args...)}}}
}

func fieldError(field, format string, args ...any) error {
	return &ValidationError{Fields: []FieldError{{Field: field, Message: fmt.Sprintf(format, args...)}}}
}
