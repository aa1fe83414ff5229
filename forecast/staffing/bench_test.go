package staffing

import (
	"math"
	"testing"
	"time"
)

// benchHorizon is 28 days × 96 quarter-hours with a daily double peak.
func benchHorizon(peak float64, aht time.Duration) []Interval {
	out := make([]Interval, 28*96)
	for i := range out {
		h := float64(i%96) / 4
		v := peak * (math.Exp(-(h-10.5)*(h-10.5)/6) + 0.7*math.Exp(-(h-15)*(h-15)/5))
		out[i] = Interval{Start: day0.Add(time.Duration(i) * 15 * time.Minute), Volume: v, AHT: aht}
	}
	return out
}

// BenchmarkRequirements staffs 3 queues × 28 days × 96 intervals: a phone
// queue (Erlang C, peak ≈ 300 calls per quarter-hour ≈ 80 erlangs), a chat
// queue with concurrency 2 and an e-mail backlog with a 24 h target.
func BenchmarkRequirements(b *testing.B) {
	target := Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, MaxOccupancy: 0.85}
	queues := []Queue{
		{Name: "phone", Target: target},
		{Name: "chat", Skill: Skill{Channel: Chat}, Concurrency: 2, ConcurrencyGrowth: 0.3, Target: target},
		{Name: "email", Skill: Skill{Channel: Email}, Target: Target{ResponseWithin: 24 * time.Hour}},
	}
	horizons := [][]Interval{benchHorizon(300, 4*time.Minute), benchHorizon(120, 5*time.Minute), benchHorizon(60, 6*time.Minute)}
	b.ReportAllocs()
	for b.Loop() {
		for i, q := range queues {
			if _, err := Requirements(horizons[i], 15*time.Minute, q); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRequirementsErlangA is the same horizon for 3 phone queues with
// abandonment (patience 90 s).
func BenchmarkRequirementsErlangA(b *testing.B) {
	q := Queue{Patience: 90 * time.Second, Target: Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, MaxOccupancy: 0.85}}
	horizon := benchHorizon(300, 4*time.Minute)
	for b.Loop() {
		for range 3 {
			if _, err := Requirements(horizon, 15*time.Minute, q); err != nil {
				b.Fatal(err)
			}
		}
	}
}
