package roster

import (
	"fmt"
	"math"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/forecast/staffing"
	"github.com/shiftplan/shiftplan/scheduling"
)

// DemandOptions say for which period DemandFromHistory forecasts.
type DemandOptions struct {
	Location    *time.Location
	Holidays    Holidays
	PeriodStart time.Time // local midnight of the first day
	Days        int
	Interval    time.Duration
	// Unplanned is the fraction in [0,1) of rostered agents lost to
	// sickness and other unplanned absence; breaks and training are placed
	// by the roster and must not be counted here.
	Unplanned float64
}

// DemandFromHistory forecasts each queue's volume over the period from its
// interval history (forecast.Run), resamples the forecast to the roster's
// interval, and turns it into requirements (staffing.Requirements: Erlang C
// or A for phone, concurrency for chat, a backlog plan for e-mail). The
// requirement is the fractional one grossed up for unplanned shrinkage,
// Fractional/(1 − Unplanned), and the marginal-value curve is restated per
// rostered agent: the k-th rostered agent adds V(k·(1−u)) − V((k−1)·(1−u)),
// V the cumulated staffing marginal values interpolated linearly.
func DemandFromHistory(queues []scheduling.Queue, history map[string][]scheduling.IntervalVolume, opt DemandOptions) ([]QueueDemand, error) {
	if opt.Location == nil || opt.Days <= 0 || opt.Interval <= 0 {
		return nil, fmt.Errorf("roster: demand: location, days and interval are required")
	}
	if opt.Days > scheduling.MaxRosterDays {
		return nil, fmt.Errorf("roster: demand: days must be in 1..%d, got %d", scheduling.MaxRosterDays, opt.Days)
	}
	// Checked before the forecasts too, which StaffQueue follows.
	if err := checkUnplanned(opt.Unplanned); err != nil {
		return nil, fmt.Errorf("roster: demand: %w", err)
	}
	y, mo, d := opt.PeriodStart.In(opt.Location).Date()
	// Day starts as the roster's calendar finds them (where a clock
	// change skips midnight, the day's first instant).
	start := scheduling.LocalTime(y, mo, d, 0, opt.Location)
	end := scheduling.LocalTime(y, mo, d+opt.Days, 0, opt.Location)
	var out []QueueDemand
	for _, q := range queues {
		hist, ok := history[q.ID]
		if !ok {
			continue
		}
		s := forecast.Series{Location: opt.Location}
		for _, h := range hist {
			s.Points = append(s.Points, forecast.Observation{Start: h.Start, Volume: h.Offered, AHT: h.AHT})
		}
		var fh forecast.Holidays
		if opt.Holidays != nil {
			fh = dateHolidays{opt.Holidays}
		}
		fr, err := forecast.Run(s, forecast.Options{Start: start, Horizon: end.Sub(start), Holidays: fh})
		if err != nil {
			return nil, fmt.Errorf("roster: forecasting queue %s: %w", q.ID, err)
		}
		vol, aht := resample(fr.Points, fr.Interval, start, end, opt.Interval, q.AHT)
		qd, err := StaffQueue(q, start, opt.Interval, vol, aht, opt.Unplanned)
		if err != nil {
			return nil, err
		}
		out = append(out, qd)
	}
	return out, nil
}

// MaxUnplanned is the largest unplanned shrinkage the demand takes. Each
// interval's marginal-value curve is stretched by 1/(1 − shrinkage): at
// 0.99999 it held a hundred thousand times the agents and a scenario of
// 47 agents ran the process out of memory; 0.9 (ten agents scheduled for
// each one on the phones) is past any real plan.
const MaxUnplanned = 0.9

// checkUnplanned refuses unplanned shrinkage outside [0, MaxUnplanned].
func checkUnplanned(u float64) error {
	if !(u >= 0 && u <= MaxUnplanned) {
		return fmt.Errorf("unplanned shrinkage %v is not a fraction in [0, %v]", u, MaxUnplanned)
	}
	return nil
}

// StaffQueue turns a queue's volumes and handle times per interval from
// start into a QueueDemand (see DemandFromHistory).
func StaffQueue(q scheduling.Queue, start time.Time, interval time.Duration, vol []float64, aht []time.Duration, unplanned float64) (QueueDemand, error) {
	if err := checkUnplanned(unplanned); err != nil {
		return QueueDemand{}, fmt.Errorf("roster: queue %s: %w", q.ID, err)
	}
	sq, err := q.Staffing()
	if err != nil {
		return QueueDemand{}, fmt.Errorf("roster: queue %s: %w", q.ID, err)
	}
	sq.Name = q.ID
	ivs := make([]staffing.Interval, len(vol))
	for i := range vol {
		ivs[i] = staffing.Interval{Start: start.Add(time.Duration(i) * interval), Volume: vol[i], AHT: aht[i]}
	}
	reqs, err := staffing.Requirements(ivs, interval, sq)
	if err != nil {
		return QueueDemand{}, fmt.Errorf("roster: staffing queue %s: %w", q.ID, err)
	}
	keep := 1 - unplanned
	qd := QueueDemand{QueueID: q.ID, Required: make([]float64, len(reqs)), Marginal: make([][]float64, len(reqs)), Volume: vol, AHT: aht, Unplanned: unplanned}
	for i, r := range reqs {
		qd.Required[i] = r.Fractional / keep
		if r.Agents == 0 {
			qd.Required[i] = 0
		}
		cum := make([]float64, len(r.Marginal))
		for k := 1; k < len(r.Marginal); k++ {
			cum[k] = cum[k-1] + r.Marginal[k]
		}
		at := func(x float64) float64 {
			k := int(x)
			if k >= len(cum)-1 {
				return cum[len(cum)-1]
			}
			return cum[k] + (x-float64(k))*(cum[k+1]-cum[k])
		}
		n := int(math.Ceil(float64(len(cum)-1) / keep))
		mg := make([]float64, n+1)
		for k := 1; k <= n; k++ {
			mg[k] = at(float64(k)*keep) - at(float64(k-1)*keep)
		}
		qd.Marginal[i] = mg
	}
	return qd, nil
}

// resample spreads forecast points of length from over intervals of
// length to from start to end, by overlap; AHT is volume-weighted
// (fallback where the forecast has none).
func resample(ps []forecast.Point, from time.Duration, start, end time.Time, to time.Duration, fallback time.Duration) ([]float64, []time.Duration) {
	n := int(end.Sub(start) / to)
	vol := make([]float64, n)
	work := make([]float64, n)
	for _, p := range ps {
		ps, pe := p.Start, p.Start.Add(from)
		a := p.AHT
		if a <= 0 {
			a = fallback
		}
		for i := max(0, int(ps.Sub(start)/to)); i < n; i++ {
			is := start.Add(time.Duration(i) * to)
			if !is.Before(pe) {
				break
			}
			o := minTime(pe, is.Add(to)).Sub(maxTime(ps, is))
			if o > 0 {
				v := p.Forecast * float64(o) / float64(from)
				vol[i] += v
				work[i] += v * a.Seconds()
			}
		}
	}
	aht := make([]time.Duration, n)
	for i := range aht {
		aht[i] = fallback
		if vol[i] > 0 {
			aht[i] = time.Duration(work[i] / vol[i] * float64(time.Second))
		}
	}
	return vol, aht
}

// dateHolidays adapts Holidays to forecast.Holidays.
type dateHolidays struct{ h Holidays }

func (d dateHolidays) IsHoliday(t time.Time) (string, bool) {
	y, m, dd := t.Date()
	return d.h.On(y, m, dd)
}
