package staffing

import (
	"math"
	"time"
)

// EvaluateC returns the Erlang C (M/M/N) performance of n agents taking load
// l, with the service level measured at answer time within. See the package
// documentation for the formulas. It panics if n < 0; l must be valid.
func EvaluateC(l Load, n int, within time.Duration) Performance {
	a := l.Erlangs()
	checkLoad(a, n)
	return performanceC(a, l.AHT.Seconds(), within.Seconds(), n, ErlangB(a, n))
}

// performanceC is the Erlang C performance at n agents given b = B(n, a);
// aht and t are in seconds.
func performanceC(a, aht, t float64, n int, b float64) Performance {
	nf := float64(n)
	switch {
	case a == 0:
		return Performance{Agents: n, ServiceLevel: 1, AnsweredServiceLevel: 1}
	case nf <= a:
		// Unstable: the queue grows without bound and all agents are busy.
		return Performance{Agents: n, PWait: 1, Occupancy: 1, ASA: InfiniteWait, MeanWait: InfiniteWait}
	}
	c := erlangCFromB(a, n, b)
	sl := 1 - c*math.Exp(-(nf-a)*t/aht)
	asa := seconds(c * aht / (nf - a))
	return Performance{
		Agents:               n,
		ServiceLevel:         sl,
		AnsweredServiceLevel: sl,
		ASA:                  asa,
		MeanWait:             asa,
		PWait:                c,
		Occupancy:            a / nf,
	}
}

// curveC walks n = 0, 1, 2, … with the Erlang B recursion and calls visit
// with the performance at every multiple of step (step servers make one
// agent), until visit returns false. It costs O(1) per server.
func curveC(a, aht, t float64, step int, visit func(Performance) bool) {
	b := 1.0
	for n := 0; ; n++ {
		if n > 0 {
			b = a * b / (float64(n) + a*b)
		}
		if n%step != 0 {
			continue
		}
		var p Performance
		if float64(n) <= a && a > 0 {
			p = Performance{Agents: n, PWait: 1, Occupancy: 1, ASA: InfiniteWait, MeanWait: InfiniteWait}
		} else {
			p = performanceC(a, aht, t, n, b)
		}
		p.Agents = n / step
		if !visit(p) {
			return
		}
	}
}
