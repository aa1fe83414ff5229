package staffing

import (
	"errors"
	"fmt"
)

// Sentinel errors returned (wrapped) by this package.
var (
	// ErrInvalid reports input that cannot describe a queue or a load. It is
	// wrapped by every *ValidationError.
	ErrInvalid = errors.New("invalid input")
	// ErrInfeasible reports a target that no number of agents can reach,
	// such as an e-mail deadline that falls entirely in closed hours.
	ErrInfeasible = errors.New("target cannot be met")
)

// ValidationError names the field of bad input and says what is wrong with it.
type ValidationError struct {
	Field   string // e.g. "Target.ServiceLevel" or "intervals[3].Volume"
	Message string
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("staffing: %s: %s", e.Field, e.Message)
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

func invalid(field, format string, args ...any) error {
	return &ValidationError{Field: field, Message: fmt.Sprintf(format, args...)}
}
