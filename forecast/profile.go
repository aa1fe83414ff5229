package forecast

import "math"

// profileModel forecasts a day as daily total × intraday profile, the
// decomposition of Weinberg, Brown & Stroud (2007) and Shen & Huang (2008):
//
//	x̂(d, s) = T̂(d) · p̂_τ(s),   Σ_s p̂_τ(s) = 1,
//
// with τ the day type of d. The total is a recency-weighted level times a
// day-of-week factor and a day-of-month factor m (see monthEffect),
//
//	T̂(d) = ℓ · f_τ · m(d),   f_τ = mean total of type τ / mean over types
//	ℓ = Σ_i w_i y_i / Σ_i w_i,   w_i = 2^(−age_i / levelHalfLife),
//	y_i = T_i / (f_τ(i) m(i)) winsorised at median ± levelClip·σ̂,
//
// over the ordinary days of the last factorWeeks weeks (factors) and
// levelDays days (level); anomalous days, days after a closure and holidays
// are left out. A long, gently weighted level window beats a short one at a
// one-week horizon: day-to-day swings are mostly noise that reverts (Taylor
// 2008, "A comparison of univariate time series methods for forecasting
// intraday arrivals at a call center", Management Science 54(2) 253–265).
//
// The profile is the ratio of sums over the last profileDays days of the
// type, with weights halving every profileHalfLife days of that type,
// smoothed over neighbouring slots with a triangular kernel of half-width
// kernelHalf (never into slots closed on all those days) and shrunk
// towards the pooled profile of the types of similar shape (half L1
// distance < 0.1) with profileShrink pseudo-days. Holidays get the mean
// total and the profile of the last four past holidays. A day after a
// closure gets the carry-over factor (see carryover).
type profileModel struct {
	factorWeeks     int     // weeks of history for the day-of-week factors
	levelDays       int     // calendar days of history for the level
	levelHalfLife   float64 // days
	profileDays     int     // days of the type for the profile
	profileHalfLife float64 // days of the type; 0 = equal weights
	profileShrink   float64 // pseudo-days of the pooled profile
	monthShrink     float64 // pseudo-days of the day-of-month factor; < 0: none
}

// defaultProfile holds the settings tuned on the development origins.
var defaultProfile = profileModel{
	factorWeeks:     8,
	levelDays:       28,
	levelHalfLife:   28,
	profileDays:     20,
	profileHalfLife: 6,
	profileShrink:   6,
	monthShrink:     1,
}

func (profileModel) name() string { return "profile" }

func (m profileModel) fit(h history) predictor {
	g := h.g
	f, ok := h.weekdayFactors(m.factorWeeks, nil)
	if !ok {
		return func(*day) []float64 { return nil }
	}
	var month *monthEffect
	if m.monthShrink >= 0 {
		// The weekday factors and the month factors are estimated in turn
		// (one back-fitting pass), so a weekday that happened to fall on
		// more month starts lately is not taken for a busier weekday.
		if month = h.monthEffect(f, m.monthShrink); month != nil {
			f, _ = h.weekdayFactors(m.factorWeeks, month)
			month = h.monthEffect(f, m.monthShrink)
		}
	}
	var ys, ws []float64
	for i := max(0, h.origin-m.levelDays); i < h.origin; i++ {
		d := &g.days[i]
		if d.present && !d.anomalous && !d.holiday && f[d.wd] > 0 {
			ws = append(ws, math.Exp2(-float64(h.origin-1-i)/m.levelHalfLife))
			ys = append(ys, d.total/(f[d.wd]*month.factor(d.date)))
		}
	}
	if len(ys) >= 5 {
		med := median(ys)
		dev := make([]float64, len(ys))
		for i, y := range ys {
			dev[i] = math.Abs(y - med)
		}
		mad := 1.4826 * median(dev)
		for i, y := range ys {
			ys[i] = math.Max(med-levelClip*mad, math.Min(med+levelClip*mad, y))
		}
	}
	num, den := 0.0, 0.0
	for i, y := range ys {
		num += ws[i] * y
		den += ws[i]
	}
	level := math.NaN()
	if den > 0 {
		level = num / den
	}
	profiles := make(map[dayType][]float64)
	profileOf := func(t dayType) []float64 {
		if p, ok := profiles[t]; ok {
			return p
		}
		p := h.profile(h.recent(t, m.profileDays, true), m.profileHalfLife)
		profiles[t] = p
		return p
	}
	pooled := make(map[dayType][]float64)
	pooledOf := func(t dayType) []float64 {
		if p, ok := pooled[t]; ok {
			return p
		}
		own := profileOf(t)
		var idx []int
		for u := dayType(0); u < 7; u++ {
			if q := profileOf(u); own != nil && q != nil && profileDistance(own, q) < 0.1 {
				idx = append(idx, h.recent(u, m.profileDays, true)...)
			}
		}
		p := h.profile(idx, 0)
		if p == nil || own == nil {
			pooled[t] = own
			return own
		}
		n := float64(len(h.recent(t, m.profileDays, true)))
		out := make([]float64, len(own))
		for s := range out {
			out[s] = (n*own[s] + m.profileShrink*p[s]) / (n + m.profileShrink)
		}
		pooled[t] = out
		return out
	}
	carry := h.carryover()
	first := civil(g.days[0].date)
	return func(d *day) []float64 {
		t := h.targetType(d)
		var total float64
		if t == holidayType {
			idx := h.recent(t, 4, true)
			for _, i := range idx {
				total += g.days[i].total
			}
			total /= float64(len(idx))
			return scale(profileOf(t), total)
		}
		ft := 1.0 // anyType: the mean over weekdays
		if t < 7 {
			ft = f[t]
		}
		if ft == 0 {
			return nil
		}
		if math.IsNaN(level) {
			idx := h.recent(t, 4, true)
			if len(idx) == 0 {
				return nil
			}
			for _, i := range idx {
				total += g.days[i].total
			}
			total /= float64(len(idx))
		} else {
			total = level * ft * month.factor(d.date)
		}
		if h.followsClosure(civil(d.date) - first) {
			total *= carry
		}
		return scale(pooledOf(t), total)
	}
}

// weekdayFactors returns f_τ, the mean total of each weekday over the
// ordinary days of the last weeks weeks (divided by the day-of-month factor
// when month is not nil), relative to the mean over the weekdays that have
// data; 0 for a weekday without data. ok is false when no weekday has data.
func (h history) weekdayFactors(weeks int, month *monthEffect) (f [7]float64, ok bool) {
	var sum [7]float64
	var n [7]int
	for i := max(0, h.origin-7*weeks); i < h.origin; i++ {
		d := &h.g.days[i]
		if d.present && !d.anomalous && !d.holiday {
			sum[d.wd] += d.total / month.factor(d.date)
			n[d.wd]++
		}
	}
	all, types := 0.0, 0
	for t := range f {
		if n[t] > 0 {
			f[t] = sum[t] / float64(n[t])
			all += f[t]
			types++
		}
	}
	if types == 0 || all == 0 {
		return f, false
	}
	for t := range f {
		f[t] /= all / float64(types)
	}
	return f, true
}

// profile is the weighted ratio-of-sums intraday profile of the given days
// (weights halving every halfLife days; 0 = equal weights), smoothed with a
// [1 2 1]/4 kernel that does not spread volume into slots closed on all of
// them. It sums to 1, or is nil when the days hold no volume.
func (h history) profile(idx []int, halfLife float64) []float64 {
	if len(idx) == 0 {
		return nil
	}
	var w []float64
	if halfLife > 0 {
		w = decay(len(idx), halfLife)
	}
	raw := h.slotMean(idx, w)
	sm := make([]float64, len(raw))
	for s := range raw {
		if raw[s] == 0 {
			continue
		}
		num, den := 0.0, 0.0
		for j := -kernelHalf; j <= kernelHalf; j++ {
			if s+j < 0 || s+j >= len(raw) || raw[s+j] == 0 {
				continue
			}
			w := float64(kernelHalf + 1 - abs(j))
			num += w * raw[s+j]
			den += w
		}
		sm[s] = num / den
	}
	tot := 0.0
	for _, v := range sm {
		tot += v
	}
	if tot == 0 {
		return nil
	}
	for s := range sm {
		sm[s] /= tot
	}
	return sm
}

// kernelHalf is the half-width of the triangular kernel that smooths
// profiles over neighbouring slots (weights 1, 2, 3, 2, 1 for 2).
const kernelHalf = 2

// levelClip winsorises the deseasonalised daily totals of the level window
// at median ± levelClip·σ̂, σ̂ = 1.4826·MAD, before averaging: Huber's
// robust location idea with his usual tuning constant range (Huber 1964,
// "Robust estimation of a location parameter", Ann. Math. Statist. 35(1)),
// so one odd day that escaped the anomaly rule moves the level little.
const levelClip = 1.5

func abs(j int) int {
	if j < 0 {
		return -j
	}
	return j
}

// profileDistance is half the L1 distance of two profiles, in [0, 1].
func profileDistance(p, q []float64) float64 {
	d := 0.0
	for s := range p {
		d += math.Abs(p[s] - q[s])
	}
	return d / 2
}

func scale(p []float64, k float64) []float64 {
	if p == nil {
		return nil
	}
	out := make([]float64, len(p))
	for s, v := range p {
		out[s] = v * k
	}
	return out
}
