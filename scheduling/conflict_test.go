package scheduling_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/shiftplan/shiftplan/scheduling"
)

// TestConflict: a conflict says its reason in English and then
// "conflict", is ErrConflict, and keeps its format and arguments also
// when wrapped; a list of phrases reads "a, b and c".
func TestConflict(t *testing.T) {
	list := scheduling.Phrases{scheduling.Say("%d agents", 2), scheduling.Say("1 roster")}
	err := fmt.Errorf("delete team: %w", scheduling.Conflict("team %q: %s belong to it", "A", list))
	if want := `delete team: team "A": 2 agents and 1 roster belong to it: conflict`; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if !errors.Is(err, scheduling.ErrConflict) {
		t.Error("not ErrConflict")
	}
	var ce *scheduling.ConflictError
	if !errors.As(err, &ce) {
		t.Fatal("no ConflictError")
	}
	if format, args := ce.Source(); format != "team %q: %s belong to it" || len(args) != 2 || args[0] != "A" {
		t.Errorf("Source() = %q, %v", format, args)
	}
	if want := `team "A": 2 agents and 1 roster belong to it`; ce.Reason() != want {
		t.Errorf("Reason() = %q, want %q", ce.Reason(), want)
	}
	for _, c := range []struct {
		parts []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a and b"},
		{[]string{"a", "b", "c"}, "a, b and c"},
	} {
		if got := scheduling.And(c.parts, "and"); got != c.want {
			t.Errorf("And(%q) = %q, want %q", c.parts, got, c.want)
		}
	}
}
