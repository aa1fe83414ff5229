package scheduling

import (
	"fmt"
	"strings"
)

// ConflictError is ErrConflict with its reason, made from a format and
// arguments that it keeps, so that the reason can be said in another
// language (as a FieldError made by Add). Its message is the English
// reason followed by ": conflict".
type ConflictError struct {
	format string
	args   []any
}

// Conflict returns a ConflictError whose reason is format and args, as
// fmt.Sprintf says them; errors.Is(err, ErrConflict) holds. An error
// among args is part of the reason, not wrapped. Arguments that another
// language says differently are of a type that tells them apart (a
// Phrase, a Phrases, a status); names are strings.
func Conflict(format string, args ...any) error {
	return &ConflictError{format: format, args: args}
}

func (e *ConflictError) Error() string { return e.Reason() + ": " + ErrConflict.Error() }

// Reason returns the English reason, without ": conflict".
func (e *ConflictError) Reason() string { return fmt.Sprintf(e.format, e.args...) }

// Source returns the format and arguments the reason is made from.
func (e *ConflictError) Source() (format string, args []any) { return e.format, e.args }

func (e *ConflictError) Unwrap() error { return ErrConflict }

// Phrase is part of a message, such as a count of things ("3 agents"),
// made from a format and arguments as the message is: as an argument of
// a message it prints itself in English, and one who says the message
// in another language says the phrase from its format too.
type Phrase struct {
	format string
	args   []any
}

// Say returns the phrase of format and args.
func Say(format string, args ...any) Phrase { return Phrase{format: format, args: args} }

func (p Phrase) String() string { return fmt.Sprintf(p.format, p.args...) }

// Source returns the format and arguments of the phrase.
func (p Phrase) Source() (format string, args []any) { return p.format, p.args }

// Phrases is a list of phrases, printed "a, b and c".
type Phrases []Phrase

func (ps Phrases) String() string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return And(parts, "and")
}

// And joins "a", "b" and "c" as "a, b and c", with the word for "and"
// of a language.
func And(parts []string, and string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " " + and + " " + parts[len(parts)-1]
}
