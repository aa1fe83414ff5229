package staffing

import "math"

// ErlangB returns the Erlang B blocking probability B(n, a) of n servers
// offered a erlangs (M/M/n/n), by the recursion
//
//	B(0) = 1,  B(k) = a·B(k−1) / (k + a·B(k−1)).
//
// The recursion stays in [0, 1] and needs no factorials, so it is exact to
// rounding for any load (Cooper 1981, §3.3). It panics if n < 0 or a is
// negative or not finite.
func ErlangB(a float64, n int) float64 {
	checkLoad(a, n)
	b := 1.0
	for k := 1; k <= n; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// ErlangC returns the Erlang C probability that a call waits, C(n, a), for n
// agents offered a erlangs (M/M/n):
//
//	C(n, a) = n·B(n, a) / (n − a·(1 − B(n, a)))   for n > a,
//
// and 1 for n ≤ a (an unstable queue: every call waits). It panics if n < 0
// or a is negative or not finite.
func ErlangC(a float64, n int) float64 {
	checkLoad(a, n)
	return erlangCFromB(a, n, ErlangB(a, n))
}

// erlangCFromB is C(n, a) given b = B(n, a).
func erlangCFromB(a float64, n int, b float64) float64 {
	nf := float64(n)
	if nf <= a {
		return 1
	}
	c := nf * b / (nf - a*(1-b))
	return math.Min(c, 1)
}

func checkLoad(a float64, n int) {
	if n < 0 {
		panic("staffing: negative number of agents")
	}
	if a < 0 || math.IsNaN(a) || math.IsInf(a, 0) {
		panic("staffing: offered load must be finite and non-negative")
	}
}
