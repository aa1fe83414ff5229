package staffing

import (
	"errors"
	"math"
	"testing"
	"time"
)

// dayProfile returns n half-hour intervals from
// start with a smooth daily shape peaking at peak contacts.
func dayProfile(start time.Time, n int, peak float64, aht time.Duration) []Interval {
	out := make([]Interval, n)
	for i := range out {
		h := math.Mod(float64(i)/2, 24)
		v := peak * math.Exp(-(h-11)*(h-11)/8)
		out[i] = Interval{Start: start.Add(time.Duration(i) * 30 * time.Minute), Volume: v, AHT: aht}
	}
	return out
}

func TestPooled(t *testing.T) {
	target := Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}
	fr := Queue{Name: "fr", Skill: Skill{Channel: Phone, Language: "fr"}, Target: target}
	en := Queue{Name: "en", Skill: Skill{Channel: Phone, Language: "en"}, Target: target}
	hf := dayProfile(day0, 48, 120, 4*time.Minute)
	he := dayProfile(day0, 48, 60, 6*time.Minute)
	t.Run("PooledAtMostSumOfSeparate", func(t *testing.T) {
		// Property: economies of scale — agents with both languages never
		// need more than the two separate teams.
		rf, _ := Requirements(hf, 30*time.Minute, fr)
		re, _ := Requirements(he, 30*time.Minute, en)
		pool, err := Pooled([]Queue{fr, en}, [][]Interval{hf, he}, 30*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		saved := 0
		for i := range pool {
			sum := rf[i].Agents + re[i].Agents
			if pool[i].Agents > sum {
				t.Errorf("interval %d: pooled %d > %d + %d", i, pool[i].Agents, rf[i].Agents, re[i].Agents)
			}
			saved += sum - pool[i].Agents
			// The load is additive (volume-weighted AHT).
			if math.Abs(pool[i].Erlangs-(rf[i].Erlangs+re[i].Erlangs)) > 1e-9 {
				t.Errorf("interval %d: pooled load %v ≠ %v + %v", i, pool[i].Erlangs, rf[i].Erlangs, re[i].Erlangs)
			}
		}
		if saved == 0 {
			t.Error("pooling saved no agent over a whole day")
		}
	})
	t.Run("OneQueueIsItself", func(t *testing.T) {
		// Property: a pool of one queue is that queue.
		rf, _ := Requirements(hf, 30*time.Minute, fr)
		pool, _ := Pooled([]Queue{fr}, [][]Interval{hf}, 30*time.Minute)
		for i := range pool {
			if pool[i].Agents != rf[i].Agents {
				t.Fatalf("interval %d: %d ≠ %d", i, pool[i].Agents, rf[i].Agents)
			}
		}
	})
	t.Run("StrictestTarget", func(t *testing.T) {
		// The pool serves both goals: 90/10 from one queue and ASA 5 s
		// from the other.
		a := fr
		a.Target = Target{ServiceLevel: 0.9, AnswerWithin: 10 * time.Second}
		b := en
		b.Target = Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, ASA: 5 * time.Second}
		got := strictest(strictest(Target{}, a.Target, true), b.Target, false)
		want := Target{ServiceLevel: 0.9, AnswerWithin: 10 * time.Second, ASA: 5 * time.Second}
		if got != want {
			t.Errorf("strictest = %+v, want %+v", got, want)
		}
	})
	t.Run("ChannelsDoNotPool", func(t *testing.T) {
		chat := en
		chat.Skill.Channel = Chat
		_, err := Pooled([]Queue{fr, chat}, [][]Interval{hf, he}, 30*time.Minute)
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("error %v, want ErrInvalid", err)
		}
	})
}

func TestRequirements_Horizon(t *testing.T) {
	q := Queue{Name: "sales", Target: Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, MaxOccupancy: 0.85}}
	t.Run("DSTSpringForward", func(t *testing.T) {
		// Europe/Paris, 29 March 2026: clocks jump 02:00 → 03:00, so the local
		// day has 46 half-hours; consecutive instants stay 30 min apart.
		paris, err := time.LoadLocation("Europe/Paris")
		if err != nil {
			t.Skip("no tzdata:", err)
		}
		start := time.Date(2026, 3, 29, 0, 0, 0, 0, paris)
		end := time.Date(2026, 3, 30, 0, 0, 0, 0, paris)
		n := int(end.Sub(start) / (30 * time.Minute))
		if n != 46 {
			t.Fatalf("%d half-hours in the DST day, want 46", n)
		}
		ivs := dayProfile(start, n, 100, 3*time.Minute)
		rs, err := Requirements(ivs, 30*time.Minute, q)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rs {
			if !r.Start.Equal(ivs[i].Start) {
				t.Fatalf("requirement %d starts %v, want %v", i, r.Start, ivs[i].Start)
			}
			// Each interval equals the single-interval computation.
			one, _ := Agents(Load{Volume: ivs[i].Volume, Period: 30 * time.Minute, AHT: ivs[i].AHT}, q)
			if one.Agents != r.Agents {
				t.Fatalf("interval %d: %d agents, alone %d", i, r.Agents, one.Agents)
			}
		}
	})
	t.Run("GapIsAnError", func(t *testing.T) {
		ivs := dayProfile(day0, 4, 100, 3*time.Minute)
		ivs[2].Start = ivs[2].Start.Add(time.Minute)
		_, err := Requirements(ivs, 30*time.Minute, q)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != "intervals[2].Start" {
			t.Errorf("error %v, want one on intervals[2].Start", err)
		}
	})
}
