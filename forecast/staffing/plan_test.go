package staffing

import (
	"errors"
	"math"
	"testing"
	"time"
)

func TestPlan(t *testing.T) {
	phoneT := Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, MaxOccupancy: 0.9}
	p := Problem{
		Period: 30 * time.Minute,
		Queues: []Queue{
			{Name: "fr", Skill: Skill{Channel: Phone, Language: "fr"}, Target: phoneT},
			{Name: "en", Skill: Skill{Channel: Phone, Language: "en"}, Target: phoneT},
			{Name: "mail", Skill: Skill{Channel: Email}, Target: Target{ResponseWithin: 8 * time.Hour}},
		},
		Forecasts: [][]Interval{
			dayProfile(day0, 48, 120, 4*time.Minute),
			dayProfile(day0, 48, 60, 6*time.Minute),
			flat(day0, 10*time.Minute, make48(20)...),
		},
		Pools: [][]int{{0, 1}},
	}
	separate, err := Plan(p)
	if err != nil {
		t.Fatal(err)
	}
	p.Blended = true
	blended, err := Plan(p)
	if err != nil {
		t.Fatal(err)
	}
	// Property: the live queues and the pool do not depend on blending;
	// the pool is at most the sum of its queues.
	for i := 0; i < 48; i++ {
		if separate.Queues[0][i].Agents != blended.Queues[0][i].Agents {
			t.Fatalf("interval %d: live requirement changed with blending", i)
		}
		if pool := blended.Pools[0][i].Agents; pool > blended.Queues[0][i].Agents+blended.Queues[1][i].Agents {
			t.Errorf("interval %d: pool %d above the separate queues", i, pool)
		}
	}
	// Property: blended e-mail fills troughs — the peak of live + e-mail
	// is lower than with e-mail staffed flat on its own.
	peak := func(r Result) (top float64) {
		for i := range r.Live {
			top = math.Max(top, r.Live[i]+r.Queues[2][i].Fractional)
		}
		return top
	}
	if b, s := peak(blended), peak(separate); b >= s {
		t.Errorf("blended peak %v not below separate %v", b, s)
	}
	t.Run("BadPool", func(t *testing.T) {
		p.Pools = [][]int{{0, 7}}
		if _, err := Plan(p); !errors.Is(err, ErrInvalid) {
			t.Errorf("error %v, want ErrInvalid", err)
		}
	})
}

// make48 is 48 intervals of v e-mails, arriving during the day only.
func make48(v float64) []float64 {
	out := make([]float64, 48)
	for i := 16; i < 40; i++ {
		out[i] = v
	}
	return out
}

func TestSkills_Serves(t *testing.T) {
	// Property table: channel must match; an empty language or licence in
	// the need matches any agent.
	agent := Skills{{Channel: Phone, Language: "fr", Licence: "mortgage"}, {Channel: Email, Language: "en"}}
	for _, c := range []struct {
		need Skill
		want bool
	}{
		{Skill{Channel: Phone, Language: "fr"}, true},
		{Skill{Channel: Phone, Language: "FR", Licence: "mortgage"}, true},
		{Skill{Channel: Phone, Language: "en"}, false},
		{Skill{Channel: Phone, Licence: "insurance"}, false},
		{Skill{Channel: Email}, true},
		{Skill{Channel: Chat}, false},
	} {
		if got := agent.Serves(c.need); got != c.want {
			t.Errorf("Serves(%v) = %v, want %v", c.need, got, c.want)
		}
	}
}
