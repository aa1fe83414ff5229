package solver

// stretchPen is the hard-violation units of one stretch of working (work)
// or off days from day start to day end inclusive, for rules r over a
// horizon of D days:
//
//	max(0, len−MaxConsecutive) + max(0, MinConsecutive−len)   for work,
//	max(0, MinConsecutiveOff−len)                              for off,
//
// where len includes the carry-in History when the stretch starts on day 0.
// Minimums do not apply to a stretch that ends on day D−1 (the horizon cuts
// it short) nor to one starting on day 0 without History: this reproduces
// the published optima of Curtois and Qu (2014), e.g. 607 on Instance1.
func stretchPen(r *empRules, D, start, end int, work bool) int {
	n := end - start + 1
	known := r.histWork > 0 || r.histOff > 0
	exempt := end == D-1 || (start == 0 && !known)
	pen := 0
	if work {
		if start == 0 {
			n += r.histWork
		}
		if r.maxC >= 0 && n > r.maxC {
			pen += n - r.maxC
		}
		if !exempt && n < r.minC {
			pen += r.minC - n
		}
		return pen
	}
	if start == 0 {
		n += r.histOff
	}
	if !exempt && n < r.minOff {
		pen += r.minOff - n
	}
	return pen
}

// windowPen sums stretchPen over the stretches of row that lie within
// [L, R]; L and R must be stretch boundaries.
func windowPen(r *empRules, row []int, L, R int) int {
	D := len(row)
	pen := 0
	for a := L; a <= R; {
		w := row[a] >= 0
		b := a
		for b+1 <= R && (row[b+1] >= 0) == w {
			b++
		}
		pen += stretchPen(r, D, a, b, w)
		a = b + 1
	}
	return pen
}

// stretchWindow returns the smallest [L, R] made of whole stretches that
// contains days d−1, d and d+1 (clipped to the horizon).
func stretchWindow(row []int, d int) (L, R int) {
	D := len(row)
	L, R = d, d
	if d > 0 {
		L = d - 1
		w := row[L] >= 0
		for L > 0 && (row[L-1] >= 0) == w {
			L--
		}
	}
	if d < D-1 {
		R = d + 1
		w := row[R] >= 0
		for R < D-1 && (row[R+1] >= 0) == w {
			R++
		}
	}
	return L, R
}
