package staffing

import (
	"errors"
	"math"
	"testing"
	"time"
)

// flat returns n intervals of half an hour, from start, with the given volumes
// and AHT.
func flat(start time.Time, aht time.Duration, volumes ...float64) []Interval {
	out := make([]Interval, len(volumes))
	for i, v := range volumes {
		out[i] = Interval{Start: start.Add(time.Duration(i) * 30 * time.Minute), Volume: v, AHT: aht}
	}
	return out
}

var day0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

func TestPlanBacklog_ExactCases(t *testing.T) {
	t.Run("SpreadOverDeadline", func(t *testing.T) {
		// Independent calculation: 48 e-mails of 30 min arrive at once
		// (48 agent-intervals of work) and are due within 12 h = 24
		// intervals: the lowest flat level is 48/24 = 2 agents.
		vols := make([]float64, 30)
		vols[0] = 48
		p, err := PlanBacklog(Backlog{Intervals: flat(day0, 30*time.Minute, vols...), Period: 30 * time.Minute, ResponseWithin: 12 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(p.Level-2) > 1e-6 {
			t.Errorf("level %v, want 2", p.Level)
		}
		for i := 0; i < 24; i++ {
			if math.Abs(p.Agents[i]-2) > 1e-6 {
				t.Errorf("interval %d: %v agents, want 2", i, p.Agents[i])
			}
		}
	})
	t.Run("FillsTroughs", func(t *testing.T) {
		// Independent calculation: live work needs [5 5 1 1] agents; 4
		// agent-intervals of e-mail arrive first, due within 4 intervals.
		// Filling water to level h gives 2(h − 1) = 4 in the trough, so
		// h = 3 and the e-mail agents are [0 0 2 2].
		p, err := PlanBacklog(Backlog{
			Intervals:      flat(day0, 30*time.Minute, 4, 0, 0, 0),
			Period:         30 * time.Minute,
			ResponseWithin: 2 * time.Hour,
			Live:           []float64{5, 5, 1, 1},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []float64{0, 0, 2, 2}
		for i := range want {
			if math.Abs(p.Agents[i]-want[i]) > 1e-6 {
				t.Errorf("agents %v, want %v", p.Agents, want)
				break
			}
		}
		if math.Abs(p.Level-3) > 1e-6 {
			t.Errorf("level %v, want 3", p.Level)
		}
	})
	t.Run("ClosedDeadlineIsInfeasible", func(t *testing.T) {
		_, err := PlanBacklog(Backlog{
			Intervals: flat(day0, time.Minute, 10, 10), Period: 30 * time.Minute,
			ResponseWithin: 30 * time.Minute, Open: []bool{false, true},
		})
		if !errors.Is(err, ErrInfeasible) {
			t.Errorf("error %v, want ErrInfeasible", err)
		}
	})
	t.Run("BadInput", func(t *testing.T) {
		_, err := PlanBacklog(Backlog{Intervals: flat(day0, time.Minute, 10, -1), Period: 30 * time.Minute, ResponseWithin: time.Hour})
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != "Intervals[1].Volume" {
			t.Errorf("error %v, want one on Intervals[1].Volume", err)
		}
	})
}

func TestPlanBacklog_Properties(t *testing.T) {
	// A working day of e-mail: a morning peak and an afternoon peak, AHT
	// 6 min, over 3 days of 48 half-hours, only open 08:00–20:00.
	var vols []float64
	var open []bool
	for d := 0; d < 3; d++ {
		for i := 0; i < 48; i++ {
			h := float64(i) / 2
			v := 0.0 // the web form is closed at night too
			if h >= 8 && h < 20 {
				v = 40*math.Exp(-(h-10)*(h-10)/4) + 25*math.Exp(-(h-15)*(h-15)/3)
			}
			vols = append(vols, v)
			open = append(open, h >= 8 && h < 20)
		}
	}
	ivs := flat(day0, 6*time.Minute, vols...)
	prevLevel := math.Inf(1)
	for _, within := range []time.Duration{2 * time.Hour, 4 * time.Hour, 8 * time.Hour, 24 * time.Hour} {
		b := Backlog{Intervals: ivs, Period: 30 * time.Minute, ResponseWithin: within, Open: open}
		p, err := PlanBacklog(b)
		if err != nil {
			t.Fatalf("%v: %v", within, err)
		}
		// Property: work is conserved — handled plus the final backlog is
		// every arrival.
		var in, done float64
		for i := range vols {
			in += vols[i]
			done += p.Handled[i]
		}
		if math.Abs(done+p.Backlog[len(vols)-1]-in) > 1e-6*in {
			t.Errorf("%v: handled %v + backlog %v ≠ arrivals %v", within, done, p.Backlog[len(vols)-1], in)
		}
		// Property: every item is handled within the target — items
		// handled by the end of interval t cover all arrivals due by then.
		d := int(within / (30 * time.Minute))
		var cumIn, cumDone float64
		for i := range vols {
			cumDone += p.Handled[i]
			if i-d+1 >= 0 {
				cumIn += vols[i-d+1]
				if cumDone < cumIn-1e-6 {
					t.Errorf("%v: by interval %d handled %v < due %v", within, i, cumDone, cumIn)
					break
				}
			}
			if !open[i] && p.Agents[i] != 0 {
				t.Errorf("%v: %v agents in closed interval %d", within, p.Agents[i], i)
			}
		}
		// Property: a looser deadline never needs a higher peak.
		if p.Level > prevLevel+1e-9 {
			t.Errorf("%v: level %v above the tighter target's %v", within, p.Level, prevLevel)
		}
		prevLevel = p.Level
	}
}

func TestRequirements_Email(t *testing.T) {
	// Per-interval requirements from the backlog plan: whole agents round
	// the plan's fractional agents up, the marginal curve counts e-mails
	// handled (SpreadOverDeadline case: 2 agents × 30 min / 30 min AHT = 1
	// e-mail each).
	vols := make([]float64, 30)
	vols[0] = 48
	q := Queue{Name: "mail", Skill: Skill{Channel: Email}, Target: Target{ResponseWithin: 12 * time.Hour}}
	rs, err := Requirements(flat(day0, 30*time.Minute, vols...), 30*time.Minute, q)
	if err != nil {
		t.Fatal(err)
	}
	if r := rs[5]; r.Agents != 2 || r.Binding != "deadline" || math.Abs(r.Marginal[1]-1) > 1e-6 || math.Abs(r.Marginal[2]-1) > 1e-6 || r.Marginal[3] != 0 {
		t.Errorf("interval 5: %+v", r)
	}
	if r := rs[29]; r.Agents != 0 {
		t.Errorf("after the backlog cleared: %d agents", r.Agents)
	}
}

func TestRequirements_EmailGapIsClosed(t *testing.T) {
	// Independent calculation: 2 e-mails of 30 min arrive at 00:00, due
	// within 1 h; the horizon jumps to 02:00, so 00:30 is closed and both
	// must be answered in the first half-hour: 2 agents.
	ivs := []Interval{
		{Start: day0, Volume: 2, AHT: 30 * time.Minute},
		{Start: day0.Add(2 * time.Hour), Volume: 0, AHT: 30 * time.Minute},
	}
	q := Queue{Skill: Skill{Channel: Email}, Target: Target{ResponseWithin: time.Hour}}
	rs, err := Requirements(ivs, 30*time.Minute, q)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Agents != 2 || rs[1].Agents != 0 {
		t.Errorf("agents %d, %d; want 2, 0", rs[0].Agents, rs[1].Agents)
	}
}

func TestPlanBacklog_WorkConserved(t *testing.T) {
	// Independent calculation: a day of 48 half-hours, 60 e-mails of 5 min
	// arriving in each: 60·5/30 = 10 agent-intervals of work per interval,
	// 480 in the day. Whatever the deadline, the day's work must be done in
	// the day (a later horizon does not know of it), so the plan's agents
	// sum to 480 and, arrivals being flat, the lowest level is 10 agents.
	vols := make([]float64, 48)
	for i := range vols {
		vols[i] = 60
	}
	ivs := flat(day0, 5*time.Minute, vols...)
	const workload = 480.0
	for _, within := range []time.Duration{30 * time.Minute, 2 * time.Hour, 8 * time.Hour, 24 * time.Hour, 48 * time.Hour} {
		t.Run(within.String(), func(t *testing.T) {
			p, err := PlanBacklog(Backlog{Intervals: ivs, Period: 30 * time.Minute, ResponseWithin: within})
			if err != nil {
				t.Fatal(err)
			}
			sum := 0.0
			for _, a := range p.Agents {
				sum += a
			}
			if math.Abs(sum-workload) > 1e-6*workload {
				t.Errorf("plan: %v agent-intervals for %v of work", sum, workload)
			}
			if math.Abs(p.Level-10) > 1e-6 {
				t.Errorf("level %v, want 10", p.Level)
			}
			if last := p.Backlog[len(vols)-1]; last > 1e-6 {
				t.Errorf("%v e-mails left at the end of the horizon", last)
			}
			q := Queue{Skill: Skill{Channel: Email}, Target: Target{ResponseWithin: within}}
			rs, err := Requirements(ivs, 30*time.Minute, q)
			if err != nil {
				t.Fatal(err)
			}
			agents := 0
			for _, r := range rs {
				agents += r.Agents
			}
			if float64(agents) < workload-1e-6 {
				t.Errorf("requirements: %d agent-intervals for %v of work", agents, workload)
			}
		})
	}
	t.Run("ClosedTailIsInfeasible", func(t *testing.T) {
		// 10 e-mails arrive in the last open interval, due in a day, but the
		// horizon ends closed: they cannot be handled in it.
		_, err := PlanBacklog(Backlog{
			Intervals: flat(day0, time.Minute, 0, 10, 0), Period: 30 * time.Minute,
			ResponseWithin: 24 * time.Hour, Open: []bool{true, false, false},
		})
		if !errors.Is(err, ErrInfeasible) {
			t.Errorf("error %v, want ErrInfeasible", err)
		}
	})
}
