package api

import "testing"

// TestShiftCount: the published-roster notice counts shifts in English
// number: one shift, otherwise shifts.
func TestShiftCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 shifts", 1: "1 shift", 2: "2 shifts", 21: "21 shifts"} {
		if got := shiftCount(n); got != want {
			t.Errorf("shiftCount(%d) = %q, want %q", n, got, want)
		}
	}
}
