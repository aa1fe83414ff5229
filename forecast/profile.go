package forecast

import "math"

// profileModel forecasts a day as daily total × intraday profile, the
// decomposition of Weinberg, Brown & Stroud (2007) and Shen & Huang (2008):
//
//	x̂(d, s) = T̂(d) · p̂_τ(s),   Σ_s p̂_τ(s) = 1,
//
// with τ the day type of d. The total is a recency-weighted level times a
// day-of-week factor,
//
//	T̂(d) = ℓ · f_τ,   f_τ = mean total of type τ / mean total of all types
//	ℓ = Σ_i w_i T_i / f_τ(i) / Σ_i w_i,   w_i = 2^(−age_i / levelHalfLife),
//
// over the normal days of the last factorWeeks weeks (factors) and
// levelDays days (level); anomalous days and holidays are left out. The
// profile is the ratio of sums over the last profileDays days of the type,
// with weights halving every profileHalfLife days of that type, smoothed over
// adjacent slots with a [1 2 1]/4 kernel and shrunk towards the profile of all
// types with a similar shape. Holidays get the mean total and profile of the
// past holidays.
type profileModel struct {
	factorWeeks     int     // weeks of history for the day-of-week factors
	levelDays       int     // calendar days of history for the level
	levelHalfLife   float64 // days
	profileDays     int     // days of the type for the profile
	profileHalfLife float64 // days of the type; 0 = equal weights
	profileShrink   float64 // pseudo-days of the pooled profile
	typeDays        int     // days of the type for the same-type mean total
	typeHalfLife    float64 // days of the type; 0 = equal weights
	mix             float64 // weight of the same-type mean in the total
	monthShrink     float64 // pseudo-days of the day-of-month factor; < 0: none
	oracle          bool    // experiments only: use the actual total
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
	var sumT [7]float64
	var nT [7]int
	lo := max(0, h.origin-7*m.factorWeeks)
	for i := lo; i < h.origin; i++ {
		d := &g.days[i]
		if d.present && !d.anomalous && !d.holiday {
			sumT[d.wd] += d.total
			nT[d.wd]++
		}
	}
	var f [7]float64
	all, types := 0.0, 0
	for t := range f {
		if nT[t] > 0 {
			f[t] = sumT[t] / float64(nT[t])
			all += f[t]
			types++
		}
	}
	if types == 0 {
		return func(*day) []float64 { return nil }
	}
	for t := range f {
		f[t] /= all / float64(types)
	}
	var month *monthEffect
	if m.monthShrink >= 0 {
		month = h.monthEffect(f, m.monthShrink)
	}
	num, den := 0.0, 0.0
	for i := max(0, h.origin-m.levelDays); i < h.origin; i++ {
		d := &g.days[i]
		if d.present && !d.anomalous && !d.holiday && f[d.wd] > 0 {
			w := math.Exp2(-float64(h.origin-1-i) / m.levelHalfLife)
			num += w * d.total / (f[d.wd] * month.factor(d.date))
			den += w
		}
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
		if f[t] == 0 {
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
			total = level * f[t] * month.factor(d.date)
		}
		if m.mix > 0 {
			idx := h.recent(t, m.typeDays, true)
			if len(idx) > 0 {
				w := decay(len(idx), m.typeHalfLife)
				if m.typeHalfLife == 0 {
					w = nil
				}
				num, den := 0.0, 0.0
				for k, i := range idx {
					wk := 1.0
					if w != nil {
						wk = w[k]
					}
					num += wk * g.days[i].total
					den += wk
				}
				total = (1-m.mix)*total + m.mix*num/den
			}
		}
		if m.oracle {
			total = d.total
		}
		return scale(pooledOf(t), total)
	}
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

var kernelHalf = 2

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
