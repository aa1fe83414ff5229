package scenario

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
	"github.com/shiftplan/shiftplan/scheduling/roster"
)

// Options tune Build.
type Options struct {
	// Dir resolves history files; usually the scenario file's directory.
	Dir string
	// Agents, when positive, scales the agent groups to about this many
	// agents in total and every queue's volume or requirement by the same
	// factor, so a larger centre keeps the same shape.
	Agents int
}

// Build turns the scenario into a roster input: it reads or generates
// each queue's history, forecasts the period (forecast.Run), staffs it
// (staffing.Requirements via roster.DemandFromHistory) and expands the
// agents. Errors name the field.
func (s *Scenario) Build(opt Options) (*roster.Input, error) {
	var v scheduling.ValidationError
	site := scheduling.Site{ID: "site", Name: s.Site.Name, TimeZone: s.Site.TimeZone, HolidayRegion: s.Site.HolidayRegion}
	if site.Name == "" {
		site.Name = s.Name
	}
	loc, err := time.LoadLocation(s.Site.TimeZone)
	if err != nil || s.Site.TimeZone == "" {
		return nil, fmt.Errorf("scenario: site.time_zone: unknown IANA zone %q", s.Site.TimeZone)
	}
	hol, err := holiday.For(s.Site.HolidayRegion)
	if err != nil {
		return nil, fmt.Errorf("scenario: site.holiday_region: %w", err)
	}
	date0, err := time.Parse(time.DateOnly, s.PeriodStart)
	if err != nil {
		return nil, fmt.Errorf("scenario: period_start: want YYYY-MM-DD, got %q", s.PeriodStart)
	}
	day0 := scheduling.LocalTime(date0.Year(), date0.Month(), date0.Day(), 0, loc)
	if s.Days <= 0 || s.Days > scheduling.MaxRosterDays {
		// Checked before the demand, which would forecast that far.
		return nil, fmt.Errorf("scenario: days: must be in 1..%d, got %d", scheduling.MaxRosterDays, s.Days)
	}
	iv := time.Duration(s.Interval)
	if iv == 0 {
		iv = 30 * time.Minute
	}
	in := &roster.Input{Site: site, Location: loc, Holidays: hol, PeriodStart: day0, Days: s.Days, Interval: iv, Pay: s.Pay}
	in.Rules = roster.LabourRules{MinDailyRest: time.Duration(s.Rules.MinDailyRest), WeeklyRest: time.Duration(s.Rules.WeeklyRest),
		MaxDailyWork: time.Duration(s.Rules.MaxDailyWork), MaxConsecutiveDays: s.Rules.MaxConsecutiveDays,
		MaxConsecutiveNights: s.Rules.MaxConsecutiveNights,
		MaxNightsPerPeriod:   s.Rules.MaxNightsPerPeriod, MinWeekendsOff: s.Rules.MinWeekendsOff, MaxAverageWeeklyHours: s.Rules.MaxAverageWeeklyHours}
	in.Weights = roster.Weights{Cover: s.Weights.Cover, Cost: s.Weights.Cost, Preference: s.Weights.Preference, Disruption: s.Weights.Disruption, Fairness: s.Weights.Fairness}
	total := len(s.Agents)
	for _, g := range s.AgentGroups {
		total += g.Count
	}
	scale := 1.0
	if opt.Agents > 0 && total > 0 {
		scale = float64(opt.Agents) / float64(total)
	}
	midnight := func(date time.Time, add int) time.Time {
		y, m, d := date.Date()
		return scheduling.LocalTime(y, m, d+add, 0, loc)
	}
	// Templates.
	for i, t := range s.Templates {
		st := scheduling.ShiftTemplate{ID: t.ID, SiteID: site.ID, Code: t.Code, Name: t.Name, EarliestStart: time.Duration(t.EarliestStart),
			LatestStart: time.Duration(t.LatestStart), StartStep: time.Duration(t.StartStep), Length: time.Duration(t.Length), Night: t.Night}
		if st.Code == "" {
			st.Code = t.ID
		}
		for _, b := range t.Breaks {
			st.Breaks = append(st.Breaks, scheduling.BreakRule{Name: b.Name, Length: time.Duration(b.Length), Paid: b.Paid,
				EarliestAfter: time.Duration(b.EarliestAfter), LatestAfter: time.Duration(b.LatestAfter)})
		}
		if err := st.Validate(); err != nil {
			v.Add(fmt.Sprintf("templates[%d]", i), "%v", err)
		}
		in.Templates = append(in.Templates, st)
	}
	// Queues and demand.
	history := map[string][]scheduling.IntervalVolume{}
	var explicit []roster.QueueDemand
	for i, q := range s.Queues {
		f := fmt.Sprintf("queues[%d]", i)
		sq := scheduling.Queue{ID: q.ID, SiteID: site.ID, Name: q.Name, Channel: scheduling.Channel(q.Channel), RequiredSkills: q.Skills,
			AHT: time.Duration(q.AHT), Concurrency: q.Concurrency, ConcurrencyGrowth: q.ConcurrencyGrowth, Patience: time.Duration(q.Patience),
			Target: scheduling.ServiceTarget{ServiceLevel: q.Target.ServiceLevel, AnswerWithin: time.Duration(q.Target.AnswerWithin),
				ASA: time.Duration(q.Target.ASA), MaxOccupancy: q.Target.MaxOccupancy, MaxAbandon: q.Target.MaxAbandon,
				ResponseWithin: time.Duration(q.Target.ResponseWithin)}}
		if sq.Name == "" {
			sq.Name = q.ID
		}
		if err := sq.Validate(); err != nil {
			v.Add(f, "%v", err)
			continue
		}
		in.Queues = append(in.Queues, sq)
		sources := 0
		for _, ok := range []bool{q.History != "", q.Synthetic != nil, q.Requirements != nil} {
			if ok {
				sources++
			}
		}
		if sources != 1 {
			v.Add(f, "give exactly one of history, synthetic or requirements")
			continue
		}
		switch {
		case q.History != "":
			h, err := readHistory(filepath.Join(opt.Dir, q.History), q.ID, loc, scale)
			if err != nil {
				v.Add(f+".history", "%v", err)
				continue
			}
			history[q.ID] = h
		case q.Synthetic != nil:
			if q.Synthetic.Weeks < 3 || q.Synthetic.Daily <= 0 {
				v.Add(f+".synthetic", "needs weeks ≥ 3 and a positive daily volume")
				continue
			}
			history[q.ID] = synthesize(*q.Synthetic, q.ID, midnight(day0, -7*q.Synthetic.Weeks), day0, iv, loc, scale, time.Duration(q.AHT))
		default:
			qd, err := requirements(*q.Requirements, q.ID, day0, s.Days, iv, loc, scale)
			if err != nil {
				v.Add(f+".requirements", "%v", err)
				continue
			}
			explicit = append(explicit, qd)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	dem, err := roster.DemandFromHistory(in.Queues, history, roster.DemandOptions{Location: loc, Holidays: hol, PeriodStart: day0,
		Days: s.Days, Interval: iv, Unplanned: s.UnplannedShrinkage})
	if err != nil {
		return nil, err
	}
	in.Demand = append(dem, explicit...)
	// Agents.
	agents := s.Agents
	for _, g := range s.AgentGroups {
		n := int(math.Round(float64(g.Count) * scale))
		for k := range n {
			agents = append(agents, Agent{ID: fmt.Sprintf("%s-%03d", g.Prefix, k+1), Name: fmt.Sprintf("%s %d", g.Prefix, k+1), Team: g.Team,
				Contract: g.Contract, Skills: g.Skills, Rate: g.Rate})
		}
	}
	for i, a := range agents {
		f := fmt.Sprintf("agents[%d]", i)
		ct := scheduling.Contract{Kind: scheduling.ContractKind(a.Contract.Kind), WeeklyHours: a.Contract.WeeklyHours,
			WeeklyMinHours: a.Contract.WeeklyMinHours, WeeklyMaxHours: a.Contract.WeeklyMaxHours,
			PeriodMinHours: a.Contract.PeriodMinHours, PeriodMaxHours: a.Contract.PeriodMaxHours, MaxDaysPerWeek: a.Contract.MaxDaysPerWeek}
		if ct.Kind == "" {
			ct.Kind = scheduling.FullTime
		}
		for _, d := range a.Contract.FixedDaysOff {
			wd, ok := weekday(d)
			if !ok {
				v.Add(f+".contract.fixed_days_off", "unknown weekday %q", d)
			}
			ct.FixedDaysOff = append(ct.FixedDaysOff, wd)
		}
		team := a.Team
		if team == "" {
			team = "team"
		}
		sa := scheduling.Agent{ID: a.ID, TeamID: team, LastName: a.Name, Contract: ct, HourlyRate: a.Rate, Skills: a.Skills}
		if sa.LastName == "" {
			sa.LastName = a.ID
		}
		if err := sa.Validate(); err != nil {
			v.Add(f, "%v", err)
		}
		in.Agents = append(in.Agents, sa)
		for j, u := range a.Unavailable {
			wd, ok := weekday(u.Weekday)
			if !ok {
				v.Add(fmt.Sprintf("%s.unavailable[%d].weekday", f, j), "unknown weekday %q", u.Weekday)
				continue
			}
			for d := 0; d < s.Days; d++ {
				m := midnight(day0, d)
				if m.Weekday() != wd {
					continue
				}
				y, mo, dd := m.Date()
				from := scheduling.LocalTime(y, mo, dd, time.Duration(u.From), loc)
				to := scheduling.LocalTime(y, mo, dd, time.Duration(u.To), loc)
				if !to.After(from) {
					to = scheduling.LocalTime(y, mo, dd+1, time.Duration(u.To), loc)
				}
				in.Unavailable = append(in.Unavailable, roster.Window{AgentID: a.ID, Start: from, End: to, Weight: u.Weight})
			}
		}
		for j, t := range a.TimeOff {
			from, err1 := time.ParseInLocation(time.DateOnly, t.From, loc)
			to, err2 := time.ParseInLocation(time.DateOnly, t.To, loc)
			if err1 != nil || err2 != nil || to.Before(from) {
				v.Add(fmt.Sprintf("%s.time_off[%d]", f, j), "from and to must be dates YYYY-MM-DD, from ≤ to")
				continue
			}
			kind := t.Kind
			if kind == "" {
				kind = "vacation"
			}
			in.TimeOff = append(in.TimeOff, scheduling.TimeOff{AgentID: a.ID, Start: from, End: midnight(to, 1), Kind: kind, Status: scheduling.TimeOffApproved})
		}
		for j, p := range a.Preferences {
			d, err := time.Parse(time.DateOnly, p.Date)
			if err != nil {
				v.Add(fmt.Sprintf("%s.preferences[%d].date", f, j), "want YYYY-MM-DD, got %q", p.Date)
				continue
			}
			in.Preferences = append(in.Preferences, roster.Preference{AgentID: a.ID, Date: d, TemplateID: p.Template, Off: p.Off, Weight: p.Weight})
		}
		for _, c := range a.CarryIn {
			in.Previous = append(in.Previous, scheduling.Shift{AgentID: a.ID, Start: c.Start, End: c.End, Status: scheduling.ShiftActive})
		}
		if a.Ledger != nil {
			if in.Ledger == nil {
				in.Ledger = map[string]roster.FairnessLedger{}
			}
			in.Ledger[a.ID] = roster.FairnessLedger{Nights: a.Ledger.Nights, WeekendDays: a.Ledger.WeekendDays, HolidayHours: a.Ledger.HolidayHours}
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return in, nil
}

func weekday(s string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(s, d.String()) || strings.EqualFold(s, d.String()[:3]) {
			return d, true
		}
	}
	return 0, false
}

// readHistory reads a history CSV as `shiftplan forecast` does.
func readHistory(path, queue string, loc *time.Location, scale float64) ([]scheduling.IntervalVolume, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ser, err := forecast.ParseCSV(f, loc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	length, err := ser.Interval()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make([]scheduling.IntervalVolume, len(ser.Points))
	for i, p := range ser.Points {
		out[i] = scheduling.IntervalVolume{QueueID: queue, Start: p.Start, Length: length, Offered: p.Volume * scale, AHT: p.AHT}
	}
	return out, nil
}

// shape is the intraday arrival shape at local hour h: a morning and an
// afternoon peak over a low base, and a tenth of the base at night.
func shape(h float64) float64 {
	v := 0.15 + math.Exp(-math.Pow((h-10.5)/2, 2)) + 0.8*math.Exp(-math.Pow((h-15)/2.2, 2))
	if h < 6 || h >= 22 {
		v *= 0.25
	}
	return v
}

// synthesize generates Poisson volumes for [from, to).
func synthesize(sy Synthetic, queue string, from, to time.Time, iv time.Duration, loc *time.Location, scale float64, aht time.Duration) []scheduling.IntervalVolume {
	rng := rand.New(rand.NewPCG(sy.Seed, 0x5ce7a810))
	closeH := sy.Close
	if closeH == 0 {
		closeH = 24
	}
	var norm float64
	for h := sy.Open; h < closeH; h += 0.25 {
		norm += shape(h + 0.125)
	}
	norm *= 0.25
	var out []scheduling.IntervalVolume
	for day := from; day.Before(to); {
		y, m, d := day.Date()
		next := scheduling.LocalTime(y, m, d+1, 0, loc)
		wf := sy.Weekday[(int(day.Weekday())+6)%7]
		if wf == 0 {
			wf = 1
		}
		for t := day; t.Before(next); t = t.Add(iv) {
			lt := t.In(loc)
			h := float64(lt.Hour()) + float64(lt.Minute())/60 + iv.Hours()/2
			mean := 0.0
			if h >= sy.Open && h < closeH {
				mean = sy.Daily * scale * wf * shape(h) * iv.Hours() / norm
			}
			out = append(out, scheduling.IntervalVolume{QueueID: queue, Start: t, Length: iv, Offered: poisson(rng, mean), AHT: aht})
		}
		day = next
	}
	return out
}

// poisson draws a Poisson variate (Knuth's product method below 30, a
// rounded normal approximation above).
func poisson(rng *rand.Rand, mean float64) float64 {
	if mean <= 0 {
		return 0
	}
	if mean > 30 {
		return math.Max(0, math.Round(mean+math.Sqrt(mean)*rng.NormFloat64()))
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return float64(k)
		}
		k++
	}
}

// requirements expands explicit per-slot requirements over the period.
func requirements(r Requirements, queue string, day0 time.Time, days int, iv time.Duration, loc *time.Location, scale float64) (roster.QueueDemand, error) {
	if len(r.Slots) != int(24*time.Hour/iv) {
		return roster.QueueDemand{}, fmt.Errorf("slots has %d entries, want %d (one per %v of the day)", len(r.Slots), int(24*time.Hour/iv), iv)
	}
	y, m, d := day0.Date()
	end := scheduling.LocalTime(y, m, d+days, 0, loc)
	qd := roster.QueueDemand{QueueID: queue}
	for t := day0; t.Before(end); t = t.Add(iv) {
		lt := t.In(loc)
		slot := int((time.Duration(lt.Hour())*time.Hour + time.Duration(lt.Minute())*time.Minute) / iv)
		wf := r.Weekday[(int(lt.Weekday())+6)%7]
		if wf == 0 {
			wf = 1
		}
		qd.Required = append(qd.Required, r.Slots[slot]*wf*scale)
	}
	return qd, nil
}
