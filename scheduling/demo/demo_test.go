package demo

import (
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/forecast/staffing"
	"github.com/shiftplan/shiftplan/scheduling"
)

func TestGenerate_LooksLikeARealCentre(t *testing.T) {
	now := time.Date(2026, 11, 18, 10, 0, 0, 0, time.UTC) // a Wednesday
	c, err := Generate(now, 1)
	if err != nil {
		t.Fatal(err)
	}
	// The foundation issue asks for ~60 agents, 1 in 5 part-time, English and
	// German speakers, some licensed for insurance.
	if n := len(c.Agents); n < 55 || n > 70 {
		t.Errorf("agents = %d, want about 60", n)
	}
	var part, de, en, lic int
	names := map[string]bool{}
	for _, a := range c.Agents {
		if err := a.Validate(); err != nil {
			t.Errorf("agent %s: %v", a.Name(), err)
		}
		if names[a.Name()] {
			t.Errorf("duplicate agent name %s", a.Name())
		}
		names[a.Name()] = true
		if a.Contract.Kind == "part_time" {
			part++
		}
		for _, s := range a.Skills {
			switch s {
			case "lang:de":
				de++
			case "lang:en":
				en++
			case "licence:insurance":
				lic++
			}
		}
	}
	if part*5 != len(c.Agents) && (part-1)*5 > len(c.Agents) {
		t.Errorf("part-time agents = %d of %d, want 1 in 5", part, len(c.Agents))
	}
	if de == 0 || en == 0 || lic == 0 {
		t.Errorf("German %d, English %d, licensed %d: want all three", de, en, lic)
	}
	for i, q := range c.Queues {
		q.SiteID = "site" // given by the store when the centre is loaded
		if err := q.Validate(); err != nil {
			t.Errorf("queue %s: %v", q.Name, err)
		}
		h := c.History[i]
		if len(h) == 0 {
			t.Fatalf("queue %s has no history", q.Name)
		}
		// At least 8 weeks of history, ending before the week of now.
		if span := h[len(h)-1].Start.Sub(h[0].Start); span < 8*7*24*time.Hour {
			t.Errorf("queue %s history spans %v, want 8+ weeks", q.Name, span)
		}
		if !h[len(h)-1].Start.Before(c.HistoryEnd) {
			t.Errorf("queue %s history reaches into the current week", q.Name)
		}
	}
	if err := c.PayRules.Validate(); err != nil {
		t.Errorf("pay rules: %v", err)
	}
	for _, tp := range c.Templates {
		if err := tp.Validate(); err != nil {
			t.Errorf("template %s: %v", tp.Code, err)
		}
	}
	if c.Users[0].Role != "admin" || c.Users[3].Role != "hr" || len(c.Users) != 4+len(c.Agents) {
		t.Errorf("users = %d, first %s, fourth %s", len(c.Users), c.Users[0].Role, c.Users[3].Role)
	}
}

// TestGenerate_WeeklyAndDSTShape checks two properties of the history of the
// 24/7 German phone queue: Mondays carry more calls than Sundays (the weekday
// factors 1.0 vs 0.3), and the fall-back day 2026-10-25 has 25 hours of
// intervals (100 quarter hours) while the spring-forward day 2026-03-29 has 23.
func TestGenerate_WeeklyAndDSTShape(t *testing.T) {
	c, err := Generate(time.Date(2026, 11, 18, 10, 0, 0, 0, time.UTC), 1)
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Berlin")
	perDay := map[string]int{}
	sum := map[time.Weekday]float64{}
	for _, v := range c.History[0] {
		l := v.Start.In(loc)
		perDay[l.Format("2006-01-02")]++
		sum[l.Weekday()] += v.Offered
	}
	if n := perDay["2026-10-25"]; n != 100 {
		t.Errorf("intervals on the fall-back day = %d, want 100", n)
	}
	if n := perDay["2026-10-26"]; n != 96 {
		t.Errorf("intervals on an ordinary day = %d, want 96", n)
	}
	if sum[time.Monday] <= 2*sum[time.Sunday] {
		t.Errorf("Monday calls %v not well above Sunday %v", sum[time.Monday], sum[time.Sunday])
	}
	c2, _ := Generate(time.Date(2026, 5, 20, 10, 0, 0, 0, time.UTC), 1)
	perDay = map[string]int{}
	for _, v := range c2.History[0] {
		perDay[v.Start.In(loc).Format("2006-01-02")]++
	}
	if n := perDay["2026-03-29"]; n != 92 {
		t.Errorf("intervals on the spring-forward day = %d, want 92", n)
	}
}

// TestGenerate_StaffedForItsDemand: the demo shows a well-staffed centre.
// A queue's requirement over a week of its mean history (Erlang A or C per
// interval, the e-mail backlog over the week), in on-phone agent-hours,
// is well within the paid hours its skill holders are contracted for, and
// all queues together need at most nine tenths of the contracted hours.
func TestGenerate_StaffedForItsDemand(t *testing.T) {
	c, err := Generate(time.Date(2026, 11, 18, 10, 0, 0, 0, time.UTC), 1)
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Berlin")
	slot := func(at time.Time) int {
		l := at.In(loc)
		return ((int(l.Weekday())+6)%7)*96 + (l.Hour()*60+l.Minute())/15
	}
	var contracted, required float64
	for _, a := range c.Agents {
		contracted += a.Contract.WeeklyHours
	}
	for qi, q := range c.Queues {
		var sum, n [7 * 96]float64
		for _, v := range c.History[qi] {
			sum[slot(v.Start)] += v.Offered
		}
		for day := c.HistoryEnd.AddDate(0, 0, -7*Weeks); day.Before(c.HistoryEnd); day = day.AddDate(0, 0, 1) {
			for at := day; at.Before(day.AddDate(0, 0, 1)); at = at.Add(Interval) {
				n[slot(at)]++
			}
		}
		var ivs []staffing.Interval
		for at := c.HistoryEnd; at.Before(c.HistoryEnd.AddDate(0, 0, 7)); at = at.Add(Interval) {
			ivs = append(ivs, staffing.Interval{Start: at, Volume: sum[slot(at)] / n[slot(at)], AHT: q.AHT})
		}
		sq := staffing.Queue{Name: q.Name, Skill: staffing.Skill{Channel: channels[q.Channel]}, Patience: q.Patience, Concurrency: q.Concurrency,
			Target: staffing.Target{ServiceLevel: q.Target.ServiceLevel, AnswerWithin: q.Target.AnswerWithin, MaxOccupancy: q.Target.MaxOccupancy,
				ResponseWithin: q.Target.ResponseWithin}}
		reqs, err := staffing.Requirements(ivs, Interval, sq)
		if err != nil {
			t.Fatalf("queue %s: %v", q.Name, err)
		}
		var need, holders float64
		for _, r := range reqs {
			need += float64(r.Agents) * Interval.Hours()
		}
		for _, a := range c.Agents {
			if a.HasSkills(q.RequiredSkills) {
				holders += a.Contract.WeeklyHours
			}
		}
		t.Logf("%-15s needs %6.1f h a week, its skill holders are contracted for %6.1f h", q.Name, need, holders)
		if need > 0.85*holders {
			t.Errorf("queue %s needs %.1f h a week, more than 85 %% of the %.1f h its skill holders are contracted for", q.Name, need, holders)
		}
		required += need
	}
	t.Logf("all queues need %.1f h a week, the agents are contracted for %.1f h", required, contracted)
	if required > 0.9*contracted {
		t.Errorf("the queues need %.1f h a week, more than 90 %% of the %.1f h the agents are contracted for", required, contracted)
	}
}

var channels = map[scheduling.Channel]staffing.Channel{scheduling.Phone: staffing.Phone, scheduling.Chat: staffing.Chat, scheduling.Email: staffing.Email}
