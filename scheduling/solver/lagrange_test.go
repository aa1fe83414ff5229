package solver

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// rowsOf calls f with every row of D days over S shifts.
func rowsOf(D, S int, f func(row []int)) {
	row := make([]int, D)
	for i := range row {
		row[i] = Off
	}
	for {
		f(row)
		d := 0
		for d < D && row[d] == S-1 {
			row[d] = Off
			d++
		}
		if d == D {
			return
		}
		row[d]++
	}
}

// rowOK reports whether row e of x keeps every rule the pricing keeps:
// allowed cells and the row's rules as the score judges them, minutes
// included when exact (per-type maximums are priced instead).
func rowOK(m *model, x []int, e int, exactMinutes bool) bool {
	for d := 0; d < m.D; d++ {
		if !m.mask[(e*m.D+d)*m.V+x[e*m.D+d]+1] {
			return false
		}
	}
	for _, v := range m.evaluate(x).Violations {
		if v.Employee != e || strings.HasPrefix(v.Rule, "max-shifts:") {
			continue
		}
		if !exactMinutes && strings.HasSuffix(v.Rule, "-minutes") {
			continue
		}
		return false
	}
	return true
}

// TestLagrangePrice_MatchesEnumeration: the row programme of the bound
// finds the cheapest row among all (S+1)^D rows that keep the row's rules,
// at random prices, with minutes in its state and with minutes priced, and
// counts its transitions against the budget.
func TestLagrangePrice_MatchesEnumeration(t *testing.T) {
	const D, E, S = 8, 3, 2
	for seed := uint64(1); seed <= 12; seed++ {
		p := randomProblem(seed, D, E, S)
		p.Rules = nil
		m := compile(p)
		for _, exact := range []bool{true, false} {
			lg := newLagrangian(m, 1e12)
			if !exact {
				for e := range lg.uDim {
					lg.uDim[e] = 1
				}
			}
			randomPrices(lg, seed)
			if exact {
				for e := range lg.lo {
					lg.lo[e], lg.hi[e] = 0, 0
				}
			}
			x := make([]int, E*D)
			for i := range x {
				x[i] = Off
			}
			for e := 0; e < E; e++ {
				want := math.Inf(1)
				rowsOf(D, S, func(row []int) {
					copy(x[e*D:], row)
					if !rowOK(m, x, e, exact) {
						return
					}
					c := 0.0
					for d, v := range row {
						c += float64(m.cost[(e*D+d)*m.V+v+1])
						if v >= 0 {
							c += lg.pi[d*S+v] + (lg.hi[e]-lg.lo[e])*float64(m.minutes[v])/float64(m.unit)
							if lg.dualType(e, v) {
								c += lg.ty[e*S+v]
							}
						}
					}
					want = min(want, c)
				})
				for d := 0; d < D; d++ {
					x[e*D+d] = Off
				}
				before := lg.done
				got := lg.price(e)
				// The budget counts the transitions made: some, and no
				// more than rowWork allows for the row.
				if n, most := lg.done-before, lg.rowWork(e); n <= 0 || n > most {
					t.Fatalf("seed %d, employee %d: %.0f transitions counted, want 1..%.0f", seed, e, n, most)
				}
				if math.IsInf(want, 1) {
					if !math.IsInf(got, 1) {
						t.Fatalf("seed %d, employee %d: no row keeps the rules, priced %.4f", seed, e, got)
					}
					continue // no row keeps the rules
				}
				if math.Abs(got-want) > 1e-6 {
					t.Fatalf("seed %d, employee %d, exact minutes %v: priced %.4f, cheapest row %.4f", seed, e, exact, got, want)
				}
				// The row it returns costs what it says and keeps the rules.
				copy(x[e*D:], lg.rows[e*D:(e+1)*D])
				if !rowOK(m, x, e, exact) {
					t.Fatalf("seed %d, employee %d: priced row %v breaks a rule", seed, e, lg.rows[e*D:(e+1)*D])
				}
				for d := 0; d < D; d++ {
					x[e*D+d] = Off
				}
			}
		}
	}
}

// eachRoster enumerates every roster of m (all (S+1)^(E·D) of them) and
// calls f with each that keeps the pins and breaks no hard rule, and its
// soft score.
func eachRoster(m *model, f func(x []int, soft int64)) {
	rowsOf(m.E*m.D, m.S, func(x []int) {
		for i, fx := range m.fixed {
			if fx && x[i] != m.start[i] {
				return
			}
		}
		if sc := m.evaluate(x); sc.Hard == 0 {
			f(x, sc.Soft)
		}
	})
}

// enumOptimum returns the least soft score of a roster of m that keeps
// the pins and breaks no hard rule (eachRoster), with one such roster;
// −1 and nil when none does.
func enumOptimum(m *model) (int64, []int) {
	best := int64(-1)
	var opt []int
	eachRoster(m, func(x []int, soft int64) {
		if best < 0 || soft < best {
			best = soft
			opt = append(opt[:0], x...)
		}
	})
	return best, opt
}

// enumerable compiles the random problem of seed without its row rules,
// small enough for enumOptimum, and returns it with its optimum and one
// roster at it; a nil model when no roster keeps the hard rules.
func enumerable(seed uint64, days, emps, shifts int) (*model, int64, []int) {
	p := randomProblem(seed, days, emps, shifts)
	p.Rules = nil
	m := compile(p)
	best, opt := enumOptimum(m)
	if best < 0 {
		return nil, 0, nil
	}
	return m, best, opt
}

// TestLagrangeBound_BelowOptimum: on problems small enough to enumerate
// every roster, the bound never exceeds the best score of a roster that
// breaks no hard rule and keeps the pins, and the rows priced at the best
// multipliers keep each row's rules.
func TestLagrangeBound_BelowOptimum(t *testing.T) {
	const D, E, S = 5, 2, 2
	tested, positive := 0, 0
	for seed := uint64(1); seed <= 30; seed++ {
		m, best, _ := enumerable(seed, D, E, S)
		if m == nil {
			continue
		}
		tested++
		lb, rows, _ := lagrangeBound(m, best, 1e8, time.Time{}, nil, nil)
		if lb > best {
			t.Fatalf("seed %d: bound %d above the optimum %d", seed, lb, best)
		}
		if lb > 0 {
			positive++
			// The priced rows Solve restarts from keep every rule the
			// pricing keeps.
			if len(rows) != E*D {
				t.Fatalf("seed %d: %d priced cells, want %d", seed, len(rows), E*D)
			}
			for e := 0; e < E; e++ {
				if !rowOK(m, rows, e, false) {
					t.Fatalf("seed %d: priced row %d %v breaks a rule the pricing keeps", seed, e, rows[e*D:(e+1)*D])
				}
			}
		}
	}
	if tested < 5 || positive < tested/2 {
		t.Fatalf("%d problems with a feasible roster, bound positive on %d: too few to test", tested, positive)
	}
}

// randomPrices sets the multipliers of lg at random within their bounds
// (seeded by seed), as the subgradient ascent would: a maximum that is not
// priced keeps a multiplier of 0 (the subgradient never moves it).
// TestLagrangeThrough_MatchesForced: the least cost of a row through each
// cell, from one pass forward and one back (lagrangian.through), is what
// the row programme prices with the cell forced (every other value of the
// day banned), under random prices and random bans; and on every day the
// least of them is the row's own least cost.
func TestLagrangeThrough_MatchesForced(t *testing.T) {
	const D, E, S = 14, 4, 3
	checked := 0
	for seed := uint64(1); seed <= 10; seed++ {
		p := randomProblem(seed, D, E, S)
		p.Rules = nil
		m := compile(p)
		V := m.V
		for _, exact := range []bool{true, false} {
			lg := newLagrangian(m, 1e12)
			if !exact {
				for e := range lg.uDim {
					lg.uDim[e] = 1
				}
			}
			randomPrices(lg, seed)
			lg.ban = make([]int32, E*D*V)
			rng := rand.New(rand.NewPCG(seed, 7))
			for i := range lg.ban {
				if rng.IntN(12) == 0 {
					lg.ban[i] = 1
				}
			}
			for e := 0; e < E; e++ {
				best := lg.through(e)
				thru := slices.Clone(lg.thru[:D*V])
				for d := 0; d < D; d++ {
					least := math.Inf(1)
					i := (e*D + d) * V
					for v := Off; v < S; v++ {
						least = min(least, thru[d*V+v+1])
						for u := Off; u < S; u++ {
							if u != v {
								lg.ban[i+u+1]++
							}
						}
						want := lg.price(e)
						for u := Off; u < S; u++ {
							if u != v {
								lg.ban[i+u+1]--
							}
						}
						got := thru[d*V+v+1]
						if math.IsInf(want, 1) != math.IsInf(got, 1) || (!math.IsInf(want, 1) && math.Abs(got-want) > 1e-6) {
							t.Fatalf("seed %d, exact %v, employee %d, day %d, value %d: through %.4f, forced %.4f", seed, exact, e, d, v, got, want)
						}
						if !math.IsInf(want, 1) {
							checked++
						}
					}
					if math.IsInf(best, 1) != math.IsInf(least, 1) || (!math.IsInf(best, 1) && math.Abs(least-best) > 1e-6) {
						t.Fatalf("seed %d, exact %v, employee %d, day %d: least through %.4f, row %.4f", seed, exact, e, d, least, best)
					}
				}
			}
		}
	}
	if checked < 500 {
		t.Fatalf("%d cells with a row through them: too few to test", checked)
	}
	t.Logf("%d cells checked", checked)
}

func randomPrices(lg *lagrangian, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 3))
	for i := range lg.x {
		lg.x[i] = min(lg.xu[i], max(lg.xl[i], -100+101*rng.Float64()))
	}
	S := lg.m.S
	for e := range lg.m.emp {
		for s := 0; s < S; s++ {
			if !lg.dualType(e, s) {
				lg.ty[e*S+s] = 0
			}
		}
	}
}

// BenchmarkLagrangePrice measures the row programme of the bound and of
// column generation on a random 28-day instance of the shape of Curtois
// and Qu's Instance7 (20 employees, three shift types of 8 hours, at most
// 9 of the last, 126–144 hours, 2–5 days in a row, 2 weekends), with the
// minutes in its state and, as column generation tightens it, also the
// count of each employee's tightest maximum.
func BenchmarkLagrangePrice(b *testing.B) {
	p := randomProblem(1, 28, 20, 3)
	p.Rules = nil
	for s := range p.Shifts {
		p.Shifts[s].Minutes = 480
	}
	for e := range p.Employees {
		em := &p.Employees[e]
		em.MinMinutes, em.MaxMinutes = 7560, 8640
		em.MinConsecutive, em.MaxConsecutive, em.MinConsecutiveOff, em.MaxWeekends = 2, 5, 2, 2
		em.MaxShifts = []int{NoLimit, NoLimit, 9}
	}
	m := compile(p)
	for _, tight := range []bool{false, true} {
		name := "minutes"
		if tight {
			name = "minutes+type"
		}
		b.Run(name, func(b *testing.B) {
			lg := newLagrangian(m, 1e12)
			if tight {
				for e := range m.emp {
					if s := lg.tightestType(e); s >= 0 && !lg.dims(e, lg.uDim[e], m.emp[e].maxS[s]+1, s) {
						b.Fatalf("employee %d: the tight state does not fit", e)
					}
				}
			}
			randomPrices(lg, 1)
			w0 := lg.done
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				lg.price(i % m.E)
			}
			b.ReportMetric((lg.done-w0)/float64(b.N), "transitions/op")
		})
	}
}

// TestStates_RoundTrip: every index of a programme's table decodes to
// the state that the index formula (((c*R+rl−1)*K+k)*U+u)*T+t encodes.
func TestStates_RoundTrip(t *testing.T) {
	p := randomProblem(1, 14, 4, 3)
	p.Rules = nil
	m := compile(p)
	lg := newLagrangian(m, 1e12)
	R := lg.R
	for _, dim := range [][3]int{{1, 1, 1}, {3, 5, 1}, {2, 4, 3}} {
		K, U, T := dim[0], dim[1], dim[2]
		sc := lg.states(K, U, T)
		if len(sc) != m.C*R*K*U*T {
			t.Fatalf("%v: %d states, want %d", dim, len(sc), m.C*R*K*U*T)
		}
		for si, s := range sc {
			c, rl, k, u, tc := int(s.c), int(s.rl), int(s.k), int(s.u), int(s.t)
			if rl < 1 || rl > R || k >= K || u >= U || tc >= T || c >= m.C {
				t.Fatalf("%v: index %d decodes out of range: %+v", dim, si, s)
			}
			if got := (((c*R+rl-1)*K+k)*U+u)*T + tc; got != si {
				t.Fatalf("%v: index %d decodes to %+v, which encodes %d", dim, si, s, got)
			}
		}
		if &lg.states(K, U, T)[0] != &sc[0] {
			t.Errorf("%v: the table is built again", dim)
		}
	}
}
