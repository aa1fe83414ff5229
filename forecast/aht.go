package forecast

import (
	"math"
	"time"
)

// ahtDays is how many recent days of the type the handle-time forecast
// averages over.
const ahtDays = 8

// ahtForecast predicts the average handle time per slot for days of type t:
// the volume-weighted mean of the same slot over the last ahtDays days of the
// type, falling back to the type's all-slot mean and then to the mean of the
// whole history (handle time moves slowly and is noisy per interval).
func (h history) ahtForecast(t dayType) []time.Duration {
	out := make([]time.Duration, h.g.slots)
	if !h.g.hasAHT {
		return out
	}
	idx := h.recent(t, ahtDays, true)
	overall := h.ahtMean(nil)
	typeMean := h.ahtMean(idx)
	if math.IsNaN(typeMean) {
		typeMean = overall
	}
	for s := range out {
		num, den := 0.0, 0.0
		for _, i := range idx {
			d := &h.g.days[i]
			if a := d.aht[s]; !math.IsNaN(a) && d.vals[s] > 0 {
				num += a * d.vals[s]
				den += d.vals[s]
			}
		}
		v := typeMean
		if den > 0 {
			v = num / den
		}
		if !math.IsNaN(v) {
			out[s] = time.Duration(v * float64(time.Second)).Round(time.Second)
		}
	}
	return out
}

// ahtMean is the volume-weighted handle time over the given days (nil: the
// whole history).
func (h history) ahtMean(idx []int) float64 {
	if idx == nil {
		for i := 0; i < h.origin; i++ {
			idx = append(idx, i)
		}
	}
	num, den := 0.0, 0.0
	for _, i := range idx {
		d := &h.g.days[i]
		if !d.present {
			continue
		}
		for s, a := range d.aht {
			if !math.IsNaN(a) && d.vals[s] > 0 {
				num += a * d.vals[s]
				den += d.vals[s]
			}
		}
	}
	if den == 0 {
		return math.NaN()
	}
	return num / den
}
