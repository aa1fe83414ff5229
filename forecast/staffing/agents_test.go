package staffing

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestAgents_ReferenceTable(t *testing.T) {
	// Section 1 of erlang_reference.md. Percentages and ASA to the printed
	// precision; ASA/P(wait) in parentheses there are its recomputation.
	for _, r := range []struct {
		row       int
		load      Load
		sl        float64 // target fraction
		within    time.Duration
		maxOcc    float64
		n         int
		slAt, asa float64 // % and s
		occ, pw   float64 // %
		shrinkage float64
		scheduled int
		source    string
	}{
		{1, hLoad, 0.8, 20 * time.Second, 0.85, 14, 88.8, 7.8, 71.4, 17.4, 0.3, 20, "P1, H"},
		{2, hLoad, 0.8, 20 * time.Second, 0.70, 15, 94.1, 3.7, 66.7, 10.2, 0.3, 22, "P1"},
		{3, hLoad, 0.9, 20 * time.Second, 0.85, 15, 94.1, 3.7, 66.7, 10.2, 0.3, 22, "P2"},
		{4, ctLoad, 0.8, 20 * time.Second, 1.00, 64, 83.7, 10.4, 89.2, 27.9, 0, 64, "CT-S1"},
		{5, ctLoad, 0.8, 20 * time.Second, 0.85, 68, 95.3, 2.6, 84.0, 11.1, 0, 68, "CT-default"},
		{6, ctLoad, 0.8, 20 * time.Second, 0.80, 72, 98.8, 0.6, 79.3, 3.8, 0, 72, "CT-S3"},
		{7, s5Load, 0.9, 10 * time.Second, 1.00, 59, 90.8, 3.0, 84.7, 15.2, 0, 59, "CT-S5"},
	} {
		q := Queue{Name: r.source, Target: Target{ServiceLevel: r.sl, AnswerWithin: r.within, MaxOccupancy: r.maxOcc}}
		got, err := Agents(r.load, q)
		if err != nil {
			t.Fatalf("row %d: %v", r.row, err)
		}
		if got.Agents != r.n {
			t.Errorf("row %d (%s): %d agents, want %d", r.row, r.source, got.Agents, r.n)
			continue
		}
		checkFrac(t, r.n, "SL", got.ServiceLevel, r.slAt/100, tolPct)
		checkFrac(t, r.n, "ASA", got.ASA.Seconds(), r.asa, tolSec)
		checkFrac(t, r.n, "occupancy", got.Occupancy, r.occ/100, tolPct)
		checkFrac(t, r.n, "P(wait)", got.PWait, r.pw/100, tolPct)
		if s := (Shrinkage{Unplanned: r.shrinkage}).Scheduled(got.Agents); s != r.scheduled {
			t.Errorf("row %d: scheduled with shrinkage %v = %d, want %d", r.row, r.shrinkage, s, r.scheduled)
		}
		// The explanation: N−1 must miss a goal that N meets.
		if q.Target.meets(got.AtNMinus1) || got.AtNMinus1.Agents != r.n-1 {
			t.Errorf("row %d: N−1 = %+v meets the target", r.row, got.AtNMinus1)
		}
	}
}

func TestAgents_BindingGoal(t *testing.T) {
	// Row 5 (CT-default): "max occ 85 % binds: SL alone needs 64".
	q := Queue{Target: Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, MaxOccupancy: 0.85}}
	r, _ := Agents(ctLoad, q)
	if r.Binding != "occupancy" {
		t.Errorf("row 5 binding = %q, want occupancy", r.Binding)
	}
	// Fractional under an occupancy cap is A/cap = 57.111/0.85 = 67.19
	// (independent calculation).
	if want := ctLoad.Erlangs() / 0.85; math.Abs(r.Fractional-want) > 1e-9 {
		t.Errorf("fractional = %v, want %v", r.Fractional, want)
	}
	// Row 4 (CT-S1): the SL goal binds between 63 (78.3 %) and 64 (83.7 %):
	// 63 + (80 − 78.3)/(83.7 − 78.3) ≈ 63.3 (linear interpolation of the
	// section-2 values, to their rounding).
	q.Target.MaxOccupancy = 1
	r, _ = Agents(ctLoad, q)
	if r.Binding != "service level" || math.Abs(r.Fractional-63.31) > 0.02 {
		t.Errorf("row 4: binding %q fractional %v, want service level ≈ 63.31", r.Binding, r.Fractional)
	}
}

func TestAgents_BindingGoalErlangA(t *testing.T) {
	// Section 3 of erlang_reference.md (P3): 10 erlangs, patience 5 min, N =
	// 14 carry an occupancy of 0.704297. At N = 13 the occupancy is
	// 10·(1 − P(abandon))/13 with P(abandon) from the independent
	// birth–death chain (birthDeath), above 0.705. A cap of 0.705 therefore
	// sets N = 14 and binds, with a fractional in (13, 14).
	_, pAb13, _ := birthDeath(100.0/1800, 1.0/180, 1.0/300, 13)
	if occ13 := 10 * (1 - pAb13) / 13; occ13 <= 0.705 {
		t.Fatalf("birth–death occupancy at 13 = %v, not above the cap", occ13)
	}
	q := Queue{Patience: 5 * time.Minute, Target: Target{MaxOccupancy: 0.705}}
	r, err := Agents(hLoad, q)
	if err != nil {
		t.Fatal(err)
	}
	if r.Agents != 14 || r.Binding != "occupancy" {
		t.Errorf("%d agents bound by %q, want 14 bound by occupancy", r.Agents, r.Binding)
	}
	checkFrac(t, 14, "occupancy", r.Occupancy, 0.704297, 1e-6)
	if !(r.Fractional > 13 && r.Fractional < 14) {
		t.Errorf("fractional %v, want in (13, 14)", r.Fractional)
	}
	// With a service-level goal that 14 agents beat easily, the cap still
	// binds.
	q.Target.ServiceLevel, q.Target.AnswerWithin = 0.5, 20*time.Second
	if r, _ := Agents(hLoad, q); r.Agents != 14 || r.Binding != "occupancy" {
		t.Errorf("with an SL goal: %d agents bound by %q, want 14 bound by occupancy", r.Agents, r.Binding)
	}
}

func TestAgents_Properties(t *testing.T) {
	within := 20 * time.Second
	t.Run("RequirementFallsAsTargetLoosens", func(t *testing.T) {
		// Property: a lower SL, a longer answer time, a longer ASA, a higher
		// occupancy cap never need more agents.
		prev := math.MaxInt
		for _, sl := range []float64{0.99, 0.95, 0.9, 0.8, 0.7, 0.5, 0.2} {
			r, _ := Agents(ctLoad, Queue{Target: Target{ServiceLevel: sl, AnswerWithin: within}})
			if r.Agents > prev {
				t.Errorf("SL %v needs %d > %d", sl, r.Agents, prev)
			}
			prev = r.Agents
		}
		prev = math.MaxInt
		for _, w := range []time.Duration{0, 5 * time.Second, 20 * time.Second, time.Minute, 5 * time.Minute} {
			r, _ := Agents(ctLoad, Queue{Target: Target{ServiceLevel: 0.8, AnswerWithin: w}})
			if r.Agents > prev {
				t.Errorf("T %v needs %d > %d", w, r.Agents, prev)
			}
			prev = r.Agents
		}
		prev = math.MaxInt
		for _, asa := range []time.Duration{time.Second, 5 * time.Second, 15 * time.Second, time.Minute} {
			r, _ := Agents(ctLoad, Queue{Target: Target{ASA: asa}})
			if r.Agents > prev || r.ASA > asa {
				t.Errorf("ASA %v needs %d (prev %d), reaches %v", asa, r.Agents, prev, r.ASA)
			}
			prev = r.Agents
		}
	})
	t.Run("ASATarget", func(t *testing.T) {
		// Section 2 (CT): ASA 15.0 s at 63, 22.1 s at 62, so a 15 s ASA goal
		// needs 63 agents.
		r, _ := Agents(ctLoad, Queue{Target: Target{ASA: 15*time.Second + 50*time.Millisecond}})
		if r.Agents != 63 || r.Binding != "asa" {
			t.Errorf("ASA 15 s: %d agents bound by %q, want 63 by asa", r.Agents, r.Binding)
		}
	})
	t.Run("FractionalAndMarginal", func(t *testing.T) {
		// Properties: Agents−1 < Fractional ≤ Agents; the marginal curve
		// covers 0 … Agents+3 and sums to Volume·SL(Agents+3) (telescoping);
		// beyond the requirement the gains shrink (SL is concave there).
		for _, l := range []Load{hLoad, ctLoad, s5Load} {
			for _, patience := range []time.Duration{0, time.Minute} {
				q := Queue{Patience: patience, Target: Target{ServiceLevel: 0.8, AnswerWithin: within}}
				r, err := Agents(l, q)
				if err != nil {
					t.Fatal(err)
				}
				if r.Fractional <= float64(r.Agents-1) || r.Fractional > float64(r.Agents) {
					t.Errorf("%s: fractional %v for %d agents", r.Model, r.Fractional, r.Agents)
				}
				if len(r.Marginal) != r.Agents+4 {
					t.Fatalf("%d marginal values for %d agents", len(r.Marginal), r.Agents)
				}
				sum := 0.0
				for _, m := range r.Marginal {
					sum += m
				}
				top := r.Agents + 3
				var want float64
				if patience > 0 {
					want = l.Volume * EvaluateA(l, top, within, patience).ServiceLevel
				} else {
					want = l.Volume * EvaluateC(l, top, within).ServiceLevel
				}
				if math.Abs(sum-want) > 1e-9*l.Volume {
					t.Errorf("%s: marginal sum %v, want %v", r.Model, sum, want)
				}
				for k := r.Agents + 1; k <= top; k++ {
					if r.Marginal[k] > r.Marginal[k-1] || r.Marginal[k] < 0 {
						t.Errorf("%s: marginal %v not decreasing past N", r.Model, r.Marginal)
					}
				}
			}
		}
	})
	t.Run("ErlangABelowErlangC", func(t *testing.T) {
		// Property: abandonment relieves the queue, so with the same SL goal
		// Erlang A never needs more agents than Erlang C here (patience
		// 60 s against AHT 257 s, CT scenario), and it needs N ≤ A + a few
		// even when A is large.
		c, _ := Agents(ctLoad, Queue{Target: Target{ServiceLevel: 0.8, AnswerWithin: within}})
		a, _ := Agents(ctLoad, Queue{Patience: time.Minute, Target: Target{ServiceLevel: 0.8, AnswerWithin: within}})
		if a.Agents > c.Agents || a.PAbandon <= 0 {
			t.Errorf("Erlang A %d agents (abandon %v), Erlang C %d", a.Agents, a.PAbandon, c.Agents)
		}
	})
	t.Run("TenThousandErlangs", func(t *testing.T) {
		// Property: 10 000 erlangs finishes with a finite, sensible answer:
		// between A and A + 3√A (square-root staffing, Halfin & Whitt 1981).
		l := Load{Volume: 10000, Period: time.Hour, AHT: time.Hour}
		r, err := Agents(l, Queue{Target: Target{ServiceLevel: 0.8, AnswerWithin: within}})
		if err != nil || r.Agents <= 10000 || r.Agents > 10300 || math.IsNaN(r.ServiceLevel) {
			t.Errorf("10 000 erlangs: %d agents, SL %v, err %v", r.Agents, r.ServiceLevel, err)
		}
	})
	t.Run("LowOccupancyCap", func(t *testing.T) {
		// Independent calculation: the cap alone needs ⌈A/cap⌉ agents, past
		// the A + 100·√A + 1000 of a service-level search: 10 erlangs at
		// 0.5 % need 2000, and 10 000 chat slot-erlangs at 3 chats each and
		// 5 % need ⌈10 000/(3·0.05)⌉ = 66 667.
		for _, c := range []struct {
			l    Load
			q    Queue
			want int
		}{
			{hLoad, Queue{Target: Target{MaxOccupancy: 0.005}}, 2000},
			{hLoad, Queue{Target: Target{MaxOccupancy: 0.005}, Patience: time.Minute}, 2000},
			{Load{Volume: 6000, Period: time.Hour, AHT: 100 * time.Minute}, Queue{Skill: Skill{Channel: Chat}, Concurrency: 3, Target: Target{MaxOccupancy: 0.05}}, 66667},
		} {
			r, err := Agents(c.l, c.q)
			if err != nil || r.Agents != c.want || r.Binding != "occupancy" {
				t.Errorf("%v erlangs, %+v: %d agents bound by %q, %v; want %d by occupancy", c.l.Erlangs(), c.q, r.Agents, r.Binding, err, c.want)
			}
		}
	})
	t.Run("ZeroLoad", func(t *testing.T) {
		// Property: no calls, no agents, nothing waits.
		r, err := Agents(Load{Period: time.Hour, AHT: time.Minute}, Queue{Target: Target{ServiceLevel: 0.8, AnswerWithin: within}})
		if err != nil || r.Agents != 0 || r.ServiceLevel != 1 || r.Fractional != 0 {
			t.Errorf("zero load: %+v, %v", r, err)
		}
	})
	t.Run("BadInput", func(t *testing.T) {
		for _, c := range []struct {
			l     Load
			q     Queue
			field string
		}{
			{Load{Volume: -1, Period: time.Hour, AHT: time.Minute}, Queue{}, "Volume"},
			{Load{Volume: 1, AHT: time.Minute}, Queue{}, "Period"},
			// 6 000 001 one-minute calls in an hour offer 100 000.02
			// erlangs (A = V·AHT/T): one call past MaxErlangs.
			{Load{Volume: 6_000_001, Period: time.Hour, AHT: time.Minute}, Queue{}, "Volume"},
			{hLoad, Queue{Target: Target{ServiceLevel: 1}}, "Target.ServiceLevel"},
			{hLoad, Queue{Target: Target{MaxOccupancy: 1.5}}, "Target.MaxOccupancy"},
			{hLoad, Queue{Target: Target{MaxAbandon: 0.05}}, "Target.MaxAbandon"},
			{hLoad, Queue{Concurrency: 2}, "Concurrency"},
			{hLoad, Queue{Skill: Skill{Channel: Chat}, Concurrency: -1}, "Concurrency"},
			{hLoad, Queue{Skill: Skill{Channel: Chat}, Concurrency: MaxConcurrency + 1}, "Concurrency"},
			// A growth of 10⁹ makes a 3-min chat at 10 at once last 9·10⁹
			// times longer: past any queue (and past time.Duration).
			{hLoad, Queue{Skill: Skill{Channel: Chat}, Concurrency: MaxConcurrency, ConcurrencyGrowth: 1e9, Target: Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}}, "ConcurrencyGrowth"},
			// 10 erlangs at an occupancy of at most 10⁻⁵ need 10⁶ agents.
			{hLoad, Queue{Target: Target{MaxOccupancy: 1e-5}}, "Target.MaxOccupancy"},
		} {
			_, err := Agents(c.l, c.q)
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field != c.field || !errors.Is(err, ErrInvalid) {
				t.Errorf("%+v %+v: error %v, want a ValidationError on %s", c.l, c.q, err, c.field)
			}
		}
		chat := Queue{Skill: Skill{Channel: Chat}, Concurrency: MaxConcurrency, Target: Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}}
		if _, err := Agents(hLoad, chat); err != nil {
			t.Errorf("MaxConcurrency itself refused: %v", err)
		}
		// One call fewer is exactly MaxErlangs, and is staffed.
		if err := (Load{Volume: 6_000_000, Period: time.Hour, AHT: time.Minute}).Validate(); err != nil {
			t.Errorf("MaxErlangs itself refused: %v", err)
		}
	})
}

// TestAgents_NoGoal: a phone or chat queue without a service level, an
// ASA, an abandonment cap or an occupancy cap below 1 is refused naming
// the missing goal. Under Erlang A one agent would otherwise meet it at
// any load (every caller may abandon), and under Erlang C the fewest
// agents that keep the queue from growing without bound would.
func TestAgents_NoGoal(t *testing.T) {
	for _, q := range []Queue{
		{Patience: time.Minute},
		{Patience: time.Minute, Target: Target{AnswerWithin: 20 * time.Second, MaxOccupancy: 1}},
		{Skill: Skill{Channel: Chat}, Concurrency: 2, Patience: time.Minute},
		{},
	} {
		_, err := Agents(hLoad, q)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != "Target.ServiceLevel" || !strings.Contains(ve.Message, "needs a goal") {
			t.Errorf("%+v: error %v, want a ValidationError on Target.ServiceLevel naming the missing goal", q, err)
		}
		if _, err := Requirements([]Interval{{Volume: 100, AHT: 3 * time.Minute}}, 30*time.Minute, q); !errors.As(err, &ve) || ve.Field != "Target.ServiceLevel" {
			t.Errorf("Requirements %+v: error %v, want a ValidationError on Target.ServiceLevel", q, err)
		}
	}
	// Each goal alone is one.
	for _, g := range []Target{
		{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		{ASA: 30 * time.Second},
		{MaxAbandon: 0.05},
		{MaxOccupancy: 0.85},
	} {
		if _, err := Agents(hLoad, Queue{Patience: time.Minute, Target: g}); err != nil {
			t.Errorf("%+v: %v, want staffed", g, err)
		}
	}
}
