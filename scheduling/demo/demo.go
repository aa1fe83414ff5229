// Package demo generates the demo contact centre: "Nordlicht Direkt", an
// insurer's customer service in Berlin with two teams, about 60 agents, five
// queues across phone, chat and e-mail, shift templates, and ten weeks of
// interval history with a realistic intraday and weekly shape.
//
// Generation is deterministic for a given seed and reference time.
package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
	"github.com/shiftplan/shiftplan/scheduling/pay"
)

// Password is the password of every demo login.
const Password = "shiftplan-demo"

// Centre is a generated contact centre. Cross-references use indexes into
// the slices, since IDs are given by the store.
type Centre struct {
	Organisation scheduling.Organisation
	Site         scheduling.Site
	Teams        []scheduling.Team
	Skills       []scheduling.Skill
	// Agents[i].TeamID holds the index of the agent's team as a decimal string.
	Agents    []scheduling.Agent
	Queues    []scheduling.Queue
	Templates []scheduling.ShiftTemplate
	// History[q] is queue q's interval history.
	History [][]scheduling.IntervalVolume
	Users   []User
	// PayRules are the site's premiums: the tax-free night, Sunday and
	// holiday supplements common in German collective agreements
	// (EStG §3b: 25 % night, 50 % Sunday, 125 % public holiday), 15 % on
	// Saturdays, 25 % overtime beyond contract hours or 10 h a day (ArbZG §3).
	PayRules pay.Rules
	// HistoryEnd is the exclusive end of the history: the start of the week
	// containing the reference time.
	HistoryEnd time.Time
}

// User is a demo login: Team lists team indexes for leads, Agent the agent
// index for agent users (-1 for none).
type User struct {
	scheduling.User
	Teams []int
	Agent int
}

// Interval is the length of the demo history's intervals.
const Interval = 15 * time.Minute

// Weeks is how many weeks of history are generated.
const Weeks = 10

// Generate builds the demo centre relative to now.
func Generate(now time.Time, seed uint64) (*Centre, error) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		return nil, fmt.Errorf("demo needs the Europe/Berlin zone: %w", err)
	}
	hol, err := holiday.For("DE-BE")
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	c := &Centre{
		Organisation: scheduling.Organisation{Name: "Nordlicht Direkt Versicherung AG"},
		Site:         scheduling.Site{Name: "Berlin Friedrichshain", TimeZone: "Europe/Berlin", HolidayRegion: "DE-BE"},
		Teams:        []scheduling.Team{{Name: "Kundenservice Deutsch"}, {Name: "International & Claims"}},
		Skills: []scheduling.Skill{
			{Code: "phone", Kind: scheduling.SkillChannel, Name: "Phone"},
			{Code: "chat", Kind: scheduling.SkillChannel, Name: "Chat"},
			{Code: "email", Kind: scheduling.SkillChannel, Name: "E-mail"},
			{Code: "lang:de", Kind: scheduling.SkillLanguage, Name: "German"},
			{Code: "lang:en", Kind: scheduling.SkillLanguage, Name: "English"},
			{Code: "licence:insurance", Kind: scheduling.SkillLicence, Name: "Insurance claims licence (§34d GewO)"},
		},
		Queues:    queues(),
		Templates: templates(),
		PayRules: pay.Rules{NightStart: 22 * time.Hour, NightEnd: 6 * time.Hour, NightPremium: 0.25,
			SaturdayPremium: 0.15, SundayPremium: 0.5, HolidayPremium: 1.25, DailyLimit: 10 * time.Hour,
			OvertimePremium: 0.25, Stacking: pay.Stack},
	}
	c.Agents = agents(rng)
	c.Users = users(c.Agents)
	y, m, d := now.In(loc).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, loc)
	weekStart := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	c.HistoryEnd = weekStart
	for qi, q := range c.Queues {
		c.History = append(c.History, history(rng, q, profiles[qi], weekStart.AddDate(0, 0, -7*Weeks), weekStart, hol))
	}
	return c, nil
}

func queues() []scheduling.Queue {
	phone := scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, MaxOccupancy: 0.85}
	return []scheduling.Queue{
		{Name: "Phone German", Channel: scheduling.Phone, RequiredSkills: []string{"phone", "lang:de"}, Target: phone,
			AHT: 290 * time.Second, Patience: 90 * time.Second},
		{Name: "Phone English", Channel: scheduling.Phone, RequiredSkills: []string{"phone", "lang:en"}, Target: phone,
			AHT: 330 * time.Second, Patience: 90 * time.Second},
		{Name: "Claims Hotline", Channel: scheduling.Phone, RequiredSkills: []string{"phone", "lang:de", "licence:insurance"},
			Target: scheduling.ServiceTarget{ServiceLevel: 0.9, AnswerWithin: 30 * time.Second, MaxOccupancy: 0.85},
			AHT:    540 * time.Second, Patience: 120 * time.Second},
		{Name: "Chat German", Channel: scheduling.Chat, RequiredSkills: []string{"chat", "lang:de"},
			Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 60 * time.Second, MaxOccupancy: 0.9},
			AHT:    480 * time.Second, Concurrency: 2},
		{Name: "E-mail", Channel: scheduling.Email, RequiredSkills: []string{"email"},
			Target: scheduling.ServiceTarget{ServiceLevel: 0.95, ResponseWithin: 24 * time.Hour}, AHT: 420 * time.Second},
	}
}

func templates() []scheduling.ShiftTemplate {
	lunch := func(after time.Duration) scheduling.BreakRule {
		return scheduling.BreakRule{Name: "Lunch", Length: 30 * time.Minute, EarliestAfter: after, LatestAfter: after + 90*time.Minute}
	}
	coffee := func(after time.Duration) scheduling.BreakRule {
		return scheduling.BreakRule{Name: "Break", Length: 15 * time.Minute, Paid: true, EarliestAfter: after, LatestAfter: after + 60*time.Minute}
	}
	h := time.Hour
	return []scheduling.ShiftTemplate{
		{Code: "E", Name: "Early", EarliestStart: 6 * h, LatestStart: 8 * h, StartStep: 15 * time.Minute, Length: 8*h + 30*time.Minute,
			Breaks: []scheduling.BreakRule{coffee(2 * h), lunch(3*h + 30*time.Minute)}, Color: "#f4b942"},
		{Code: "D", Name: "Day", EarliestStart: 9 * h, LatestStart: 11 * h, StartStep: 15 * time.Minute, Length: 8*h + 30*time.Minute,
			Breaks: []scheduling.BreakRule{coffee(2 * h), lunch(3*h + 30*time.Minute)}, Color: "#6cc3a0"},
		{Code: "L", Name: "Late", EarliestStart: 13 * h, LatestStart: 15 * h, StartStep: 15 * time.Minute, Length: 8*h + 30*time.Minute,
			Breaks: []scheduling.BreakRule{coffee(2 * h), lunch(3*h + 30*time.Minute)}, Color: "#5b8def"},
		{Code: "N", Name: "Night", EarliestStart: 22 * h, LatestStart: 22 * h, Length: 8*h + 30*time.Minute,
			Breaks: []scheduling.BreakRule{coffee(2 * h), lunch(3*h + 30*time.Minute)}, Night: true, Color: "#5a4e9c"},
		{Code: "P", Name: "Part-time", EarliestStart: 8 * h, LatestStart: 16 * h, StartStep: 30 * time.Minute, Length: 4*h + 15*time.Minute,
			Breaks: []scheduling.BreakRule{coffee(90 * time.Minute)}, Color: "#c77dba"},
	}
}

// profile shapes one queue's history. The volumes are sized so that the
// demo's 62 agents can cover them: about 225 hours of handling time on a
// Monday, which service-level headroom and the 24/7 minimum cover raise to
// some 1 980 required hours a week, against 2 310 contracted (see
// TestGenerate_StaffedForItsDemand). The e-mail backlog is worked around
// the clock, so its requirement is its daily work over 24 hours, rounded
// up to whole agents: 200 e-mails a day keep it at one.
type profile struct {
	// daily is the mean contacts on an ordinary Monday.
	daily float64
	// weekday scales Monday..Sunday.
	weekday [7]float64
	// open and close bound the hours with contacts (24/7 when open=0, close=24).
	open, close float64
}

var profiles = []profile{
	{daily: 1100, weekday: [7]float64{1.0, 0.9, 0.86, 0.85, 0.88, 0.45, 0.3}, open: 0, close: 24},
	{daily: 320, weekday: [7]float64{1.0, 0.92, 0.9, 0.88, 0.85, 0.4, 0.25}, open: 7, close: 22},
	{daily: 220, weekday: [7]float64{1.0, 0.93, 0.9, 0.9, 0.95, 0.55, 0.4}, open: 0, close: 24},
	{daily: 380, weekday: [7]float64{0.95, 0.92, 0.9, 0.9, 0.85, 0.6, 0.5}, open: 8, close: 22},
	{daily: 200, weekday: [7]float64{1.0, 0.95, 0.92, 0.9, 0.85, 0.35, 0.3}, open: 0, close: 24},
}

// intraday is the relative arrival rate at local hour h (fractional): a
// morning peak around 10:30, a smaller one around 14:30, a quiet night.
func intraday(h float64) float64 {
	g := func(mu, sigma float64) float64 { return math.Exp(-(h - mu) * (h - mu) / (2 * sigma * sigma)) }
	return 0.03 + 1.0*g(10.5, 1.8) + 0.75*g(14.5, 2.0) + 0.35*g(19, 1.8)
}

// history draws Poisson interval counts between from and to (local
// midnights), keyed by local wall time so DST days have 23 or 25 hours.
func history(rng *rand.Rand, q scheduling.Queue, p profile, from, to time.Time, hol *holiday.Calendar) []scheduling.IntervalVolume {
	var total float64
	for m := 0; m < 24*60; m += 15 {
		total += intraday(float64(m) / 60)
	}
	var out []scheduling.IntervalVolume
	for day := from; day.Before(to); day = day.AddDate(0, 0, 1) {
		wd := (int(day.Weekday()) + 6) % 7
		level := p.daily * p.weekday[wd] * (1 + 0.05*rng.NormFloat64())
		if _, ok := hol.IsHoliday(day); ok {
			level *= 0.25
		}
		next := day.AddDate(0, 0, 1)
		for t := day; t.Before(next); t = t.Add(Interval) {
			lt := t.In(day.Location())
			h := float64(lt.Hour()) + float64(lt.Minute())/60
			if h < p.open || h >= p.close {
				continue
			}
			mean := level * intraday(h) / total
			n := poisson(rng, mean)
			aht := float64(q.AHT) * (1 + 0.08*rng.NormFloat64())
			out = append(out, scheduling.IntervalVolume{Start: t.UTC(), Length: Interval, Offered: float64(n),
				Handled: float64(n), AHT: time.Duration(aht).Round(time.Second)})
		}
	}
	return out
}

// poisson draws from a Poisson distribution with the given mean (Knuth's
// method for small means, a rounded normal approximation above 30).
func poisson(rng *rand.Rand, mean float64) int {
	if mean <= 0 {
		return 0
	}
	if mean > 30 {
		return max(0, int(math.Round(mean+math.Sqrt(mean)*rng.NormFloat64())))
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}
