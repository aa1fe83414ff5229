package api

import (
	"reflect"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

func TestLessCover(t *testing.T) {
	// Marginal values of agents 1..5 for a requirement of 3 (index 0 unused).
	marginal := []float64{0, 10, 6, 3, 1, 0.5}
	tests := []struct {
		m        int
		required float64
		want     []float64
	}{
		{0, 3, marginal},
		// Two agents of another team are there: this team's first agent is
		// the third of the interval, worth 3.
		{2, 1, []float64{0, 3, 1, 0.5}},
		// More agents than the curve knows: nothing left to gain.
		{7, 0, []float64{0}},
	}
	for _, tt := range tests {
		req, got := lessCover(3, marginal, tt.m)
		if req != tt.required || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("lessCover(3, …, %d) = %v, %v; want %v, %v", tt.m, req, got, tt.required, tt.want)
		}
	}
}

func TestOnPhones(t *testing.T) {
	t0 := time.Date(2026, 12, 24, 8, 0, 0, 0, time.UTC)
	s := scheduling.Shift{Start: t0, End: t0.Add(8 * time.Hour),
		Breaks: []scheduling.Break{{Start: t0.Add(4 * time.Hour), End: t0.Add(4*time.Hour + 30*time.Minute)}}}
	q := 15 * time.Minute
	for _, tt := range []struct {
		at   time.Duration
		want bool
	}{
		{0, true}, {-q, false}, {4 * time.Hour, false}, {4*time.Hour + 15*time.Minute, false},
		{4*time.Hour + 30*time.Minute, true}, {8*time.Hour - q, true}, {8 * time.Hour, false},
	} {
		a := t0.Add(tt.at)
		if got := onPhones(s, a, a.Add(q)); got != tt.want {
			t.Errorf("onPhones at +%v = %v, want %v", tt.at, got, tt.want)
		}
	}
}
