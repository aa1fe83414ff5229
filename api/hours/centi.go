package hours

import (
	"math"
	"sort"
	"strconv"
)

// Centi is a quantity in hundredths: hours in units of 0.01 h (36 s),
// money in cents. Report figures are Centi so that every format shows the
// same digits and agent totals equal the sum of their shift rows exactly.
type Centi int64

// Float returns the quantity in whole units (hours, currency units).
func (c Centi) Float() float64 { return float64(c) / 100 }

// String formats with two decimals and a point: "7.33", "0.05".
func (c Centi) String() string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	frac := strconv.FormatInt(int64(c%100), 10)
	if len(frac) == 1 {
		frac = "0" + frac
	}
	return sign + strconv.FormatInt(int64(c/100), 10) + "." + frac
}

// MarshalJSON writes the quantity as a JSON number with two decimals.
func (c Centi) MarshalJSON() ([]byte, error) { return []byte(c.String()), nil }

// apportion rounds non-negative exact values (in whole units) to Centi so
// that the rounded values sum to the rounded sum of the exact values, each
// within 0.01 of its exact value: every value is rounded down, then the
// cents still missing from the rounded total go one each to the values
// with the largest remainders (earlier values first on ties). This is
// Hamilton's largest-remainder method; see M. L. Balinski and H. P. Young,
// Fair Representation (2nd ed., Brookings, 2001), ch. 2.
func apportion(exact []float64) []Centi {
	out := make([]Centi, len(exact))
	rem := make([]float64, len(exact))
	var sum float64
	var floors Centi
	for i, x := range exact {
		sum += x
		f := math.Floor(x * 100)
		out[i] = Centi(f)
		rem[i] = x*100 - f
		floors += out[i]
	}
	missing := int(Centi(math.Round(sum*100)) - floors)
	if missing <= 0 {
		return out
	}
	idx := make([]int, len(exact))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return rem[idx[a]] > rem[idx[b]] })
	for k := 0; k < missing && k < len(idx); k++ {
		out[idx[k]]++
	}
	return out
}
