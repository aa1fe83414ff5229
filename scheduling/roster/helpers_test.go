package roster

import (
	"fmt"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// smallInput is a 24/7 phone queue at a Berlin site served by agents on
// earlies, lates and nights, for days days from start, needing two agents
// from 07:00 to 22:00 and one at night.
func smallInput(t testing.TB, start time.Time, days, agents int) Input {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	in := Input{
		Site:        scheduling.Site{ID: "s", Name: "Berlin", TimeZone: "Europe/Berlin", HolidayRegion: "DE-BE"},
		Location:    loc,
		PeriodStart: start,
		Days:        days,
		Interval:    30 * time.Minute,
		Queues: []scheduling.Queue{{ID: "q", SiteID: "s", Name: "Service", Channel: scheduling.Phone, AHT: 5 * time.Minute,
			Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}}},
		Templates: []scheduling.ShiftTemplate{
			{ID: "E", Code: "E", EarliestStart: 6 * time.Hour, LatestStart: 8 * time.Hour, StartStep: time.Hour, Length: 8*time.Hour + 30*time.Minute,
				Breaks: []scheduling.BreakRule{{Name: "lunch", Length: 30 * time.Minute, EarliestAfter: 3 * time.Hour, LatestAfter: 5 * time.Hour}}},
			{ID: "L", Code: "L", EarliestStart: 13 * time.Hour, LatestStart: 14 * time.Hour, StartStep: time.Hour, Length: 8*time.Hour + 30*time.Minute,
				Breaks: []scheduling.BreakRule{{Name: "lunch", Length: 30 * time.Minute, EarliestAfter: 3 * time.Hour, LatestAfter: 5 * time.Hour}}},
			{ID: "N", Code: "N", EarliestStart: 22 * time.Hour, LatestStart: 22 * time.Hour, Length: 8 * time.Hour, Night: true},
		},
	}
	for i := range agents {
		in.Agents = append(in.Agents, scheduling.Agent{ID: fmt.Sprintf("a%d", i), TeamID: "t", LastName: fmt.Sprintf("Agent %d", i),
			Contract:   scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40, WeeklyMaxHours: 48, MaxDaysPerWeek: 5},
			HourlyRate: 20, Skills: []string{"phone"}})
	}
	in.Queues[0].RequiredSkills = []string{"phone"}
	c := newCalendar(&in)
	req := make([]float64, c.n)
	for i := range req {
		h := c.start.Add(time.Duration(i) * in.Interval).In(loc).Hour()
		req[i] = 1
		if h >= 7 && h < 22 {
			req[i] = 2
		}
	}
	in.Demand = []QueueDemand{{QueueID: "q", Required: req}}
	return in
}

// quick are settings for tests: a fixed iteration budget, one thread.
var quick = Settings{MaxIterations: 200000, Threads: 1, Seed: 1}
