package forecast

import (
	"math"
	"sort"
	"time"
)

// Outcome is how a forecast fared against the history that came in after
// it was made: the forecast's accuracy as it turned out, beside the
// backtest's promise (Result.Backtest).
//
// An interval is compared when the history holds its local day up to the
// interval's end: observations inside it are summed (a finer history
// counts in full), and an interval without any inside a day that has
// observations counts as 0 contacts, a closed interval, as Series reads
// history. Days without observations, and the intervals after the
// history's last observation, are not known yet and not compared: pass
// the history past the forecast's end too (an observation after it is
// enough) for its last day to count whole.
type Outcome struct {
	// Intervals and Days are the intervals compared and the local days
	// they fall on.
	Intervals, Days int
	// Forecast and Actual are the contacts over the compared intervals.
	Forecast, Actual float64
	// WAPE is Σ|forecast − actual| / Σ actual and MAE the mean absolute
	// error per interval, as the backtest scores (Accuracy); Bias is
	// (Forecast − Actual) / Actual, positive when the forecast was too
	// high. NaN when nothing (no contacts, for WAPE and Bias) was
	// compared.
	WAPE, MAE, Bias float64
	// Coverage is the share of compared intervals with observations whose
	// actual lies within [P10, P90]: 0.8 for a calibrated forecast, as the
	// benchmark scores it (closed intervals, trivially inside a band of 0,
	// are left out). NaN when none was.
	Coverage float64
	// ByDay are the compared days in order.
	ByDay []DayOutcome
}

// DayOutcome is one local day of an Outcome.
type DayOutcome struct {
	// Date is the day's local midnight (or its first instant).
	Date time.Time
	// Intervals are those compared on the day; Forecast and Actual their
	// contacts.
	Intervals        int
	Forecast, Actual float64
}

// Compare scores the points of a forecast, intervals of length iv, against
// history in the site's location loc (see Outcome). Negative forecasts
// count as 0, as the backtest reads them.
func Compare(points []Point, iv time.Duration, history []Observation, loc *time.Location) Outcome {
	out := Outcome{WAPE: math.NaN(), MAE: math.NaN(), Bias: math.NaN(), Coverage: math.NaN()}
	if len(points) == 0 || iv <= 0 {
		return out
	}
	pts := append([]Point(nil), points...)
	sort.Slice(pts, func(i, j int) bool { return pts[i].Start.Before(pts[j].Start) })
	actual := make([]float64, len(pts))
	observed := make([]bool, len(pts))
	seen := map[int]bool{} // civil days with an observation
	var known time.Time    // the end of the history's last observation
	for _, o := range history {
		length := o.Length
		if length <= 0 {
			length = iv
		}
		if end := o.Start.Add(length); end.After(known) {
			known = end
		}
		k := sort.Search(len(pts), func(i int) bool { return pts[i].Start.After(o.Start) }) - 1
		if k < 0 || !o.Start.Before(pts[k].Start.Add(iv)) {
			continue
		}
		actual[k] += o.Volume
		observed[k] = true
		seen[civil(pts[k].Start.In(loc))] = true
	}
	var abs float64
	inside, banded := 0, 0
	for k, p := range pts {
		day := civil(p.Start.In(loc))
		if !seen[day] || p.Start.Add(iv).After(known) {
			continue
		}
		f, a := math.Max(0, p.Forecast), actual[k]
		if n := len(out.ByDay); n == 0 || civil(out.ByDay[n-1].Date) != day {
			out.ByDay = append(out.ByDay, DayOutcome{Date: civilDate(day, loc)})
		}
		d := &out.ByDay[len(out.ByDay)-1]
		d.Intervals++
		d.Forecast += f
		d.Actual += a
		out.Intervals++
		out.Forecast += f
		out.Actual += a
		abs += math.Abs(f - a)
		if observed[k] {
			banded++
			if p.P10 <= a && a <= p.P90 {
				inside++
			}
		}
	}
	out.Days = len(out.ByDay)
	if out.Intervals > 0 {
		out.MAE = abs / float64(out.Intervals)
	}
	if banded > 0 {
		out.Coverage = float64(inside) / float64(banded)
	}
	if out.Actual > 0 {
		out.WAPE = abs / out.Actual
		out.Bias = (out.Forecast - out.Actual) / out.Actual
	}
	return out
}
