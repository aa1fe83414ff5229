package forecast

import (
	"math"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// dayType is a weekday (0 = Sunday … 6 = Saturday), holidayType, or
// anyType: any ordinary day, the stand-in for a weekday the history is too
// short to have seen.
type dayType int

const (
	holidayType dayType = 7
	anyType     dayType = 8
)

// day is one local calendar day of the history (or of the horizon) as a
// vector of wall-clock slots.
type day struct {
	date         time.Time // local midnight (or the day's first instant)
	wd           time.Weekday
	holiday      bool
	from         int       // first slot of a part-day holiday (see HolidaysFrom); 0 = the whole day
	present      bool      // the day has observations (or is a past holiday taken as closed)
	anomalous    bool      // far off its day type's level: left out of estimates
	afterClosure bool      // the first open day after a closure (see carryover)
	vals         []float64 // volume per slot; NaN where the wall time does not exist
	aht          []float64 // handle-time seconds per slot, NaN = unknown
	total        float64
}

func (d *day) kind() dayType {
	if d.holiday {
		return holidayType
	}
	return dayType(d.wd)
}

// partDay reports whether d is a holiday that begins during the day: its
// slots before d.from are an ordinary day's.
func (d *day) partDay() bool { return d.holiday && d.from > 0 }

// ordinary returns d as the ordinary weekday it is before a part-day
// holiday begins: a copy without the holiday.
func (d *day) ordinary() *day {
	c := *d
	c.holiday, c.from = false, 0
	return &c
}

// grid is the history (and the horizon's empty days) as consecutive local
// days of slots.
type grid struct {
	loc      *time.Location
	interval time.Duration
	slots    int // wall-clock slots per day, 24 h / interval
	days     []day
	n        int // number of history days; days[n:] are horizon days
	hasAHT   bool
}

// civil returns the day number of t's local date (days since 1970-01-01).
func civil(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// civilDate is the first instant of civil day n in loc: its midnight, or,
// where a clock change skips midnight (Havana, Cairo, Santiago), the
// instant the clock jumps to (scheduling.LocalTime; time.Date would give
// the previous day's last hour, on the wrong weekday).
func civilDate(n int, loc *time.Location) time.Time {
	u := time.Unix(int64(n)*86400, 0).UTC()
	return scheduling.LocalTime(u.Year(), u.Month(), u.Day(), 0, loc)
}

// newGrid lays the points out by local day and slot; horizonEnd is the last
// civil day number the grid must reach (≥ the last history day).
func newGrid(pts []Observation, loc *time.Location, iv time.Duration, hol Holidays, horizonEnd int) *grid {
	g := &grid{loc: loc, interval: iv, slots: int(24 * time.Hour / iv)}
	first, last := math.MaxInt, math.MinInt
	for _, p := range pts {
		c := civil(p.Start.In(loc))
		first, last = min(first, c), max(last, c)
	}
	g.n = last - first + 1
	end := max(last, horizonEnd)
	g.days = make([]day, end-first+1)
	sum := make([][]float64, g.n)
	cnt := make([][]float64, g.n)
	ahtSum := make([][]float64, g.n)
	ahtVol := make([][]float64, g.n)
	ivMin := int(iv / time.Minute)
	for _, p := range pts {
		t := p.Start.In(loc)
		i := civil(t) - first
		if sum[i] == nil {
			sum[i], cnt[i] = make([]float64, g.slots), make([]float64, g.slots)
			ahtSum[i], ahtVol[i] = make([]float64, g.slots), make([]float64, g.slots)
		}
		s := (t.Hour()*60 + t.Minute()) / ivMin
		sum[i][s] += p.Volume
		cnt[i][s]++
		if p.AHT > 0 {
			w := math.Max(p.Volume, 1e-9)
			ahtSum[i][s] += w * p.AHT.Seconds()
			ahtVol[i][s] += w
			g.hasAHT = true
		}
	}
	for i := range g.days {
		d := &g.days[i]
		d.date = civilDate(first+i, loc)
		d.wd = d.date.Weekday()
		if hol != nil {
			if _, d.holiday = hol.IsHoliday(d.date.Add(12 * time.Hour)); d.holiday {
				d.from = min(fromSlot(hol, d.date, iv), g.slots)
			}
		}
		if i >= g.n || sum[i] == nil {
			continue
		}
		d.present = true
		d.vals = make([]float64, g.slots)
		d.aht = make([]float64, g.slots)
		for s := range d.vals {
			if cnt[i][s] > 0 {
				d.vals[s] = sum[i][s] / cnt[i][s]
			}
			d.aht[s] = math.NaN()
			if ahtVol[i][s] > 0 {
				d.aht[s] = ahtSum[i][s] / ahtVol[i][s]
			}
		}
		markMissingWallTimes(d, ivMin, loc)
		d.total = nansum(d.vals)
	}
	g.closeAbsentHolidays()
	g.markAnomalies()
	return g
}

// markMissingWallTimes sets NaN on slots whose wall time the clock skips.
func markMissingWallTimes(d *day, ivMin int, loc *time.Location) {
	y, m, dd := d.date.Date()
	if n := civil(d.date); civilDate(n+1, loc).Sub(d.date) == 24*time.Hour {
		return
	}
	for s := range d.vals {
		mins := s * ivMin
		t := time.Date(y, m, dd, mins/60, mins%60, 0, 0, loc)
		if t.Hour()*60+t.Minute() != mins || t.Day() != dd {
			d.vals[s] = math.NaN()
		}
	}
}

func nansum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		if !math.IsNaN(x) {
			s += x
		}
	}
	return s
}
