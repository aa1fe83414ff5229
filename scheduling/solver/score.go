package solver

import "fmt"

// Evaluate scores roster x (x[e][d] a shift index or Off) from scratch.
func Evaluate(p *Problem, x [][]int) Score {
	m := compile(p)
	flat := make([]int, m.E*m.D)
	for e := range x {
		copy(flat[e*m.D:], x[e])
	}
	return m.evaluate(flat)
}

func (m *model) evaluate(x []int) Score {
	sc := Score{Components: map[string]int64{}}
	add := func(rule string, e, d, n int) {
		if n > 0 {
			sc.Violations = append(sc.Violations, Violation{rule, e, d, n})
			sc.Hard += int64(n)
		}
	}
	for e := 0; e < m.E; e++ {
		r := &m.emp[e]
		row := x[e*m.D : (e+1)*m.D]
		cnt := make([]int, m.S)
		mins := 0
		worked := make([]bool, m.W)
		prev := r.histLast
		for d, v := range row {
			if m.forbidden(d-1, prev, v) {
				add("succession", e, d, 1)
			}
			prev = v
			if v < 0 {
				continue
			}
			if !m.mask[(e*m.D+d)*m.V+v+1] {
				add("unavailable", e, d, 1)
			}
			cnt[v]++
			mins += m.minutes[v]
			if w := m.weekOf[d]; w >= 0 {
				worked[w] = true
			}
		}
		for s, c := range cnt {
			add(fmt.Sprintf("max-shifts:%s", m.p.Shifts[s].ID), e, -1, over(c, r.maxS[s]))
		}
		if r.maxM >= 0 && mins > r.maxM {
			add("max-minutes", e, -1, m.minutesPen(e, mins))
		}
		if mins < r.minM {
			add("min-minutes", e, -1, m.minutesPen(e, mins))
		}
		nw := 0
		for _, w := range worked {
			if w {
				nw++
			}
		}
		add("max-weekends", e, -1, over(nw, r.maxW))
		for a := 0; a < m.D; {
			w := row[a] >= 0
			b := a
			for b+1 < m.D && (row[b+1] >= 0) == w {
				b++
			}
			n := b - a + 1
			known := r.histWork > 0 || r.histOff > 0
			exempt := b == m.D-1 || (a == 0 && !known)
			if w {
				if a == 0 {
					n += r.histWork
				}
				if r.maxC >= 0 {
					add("max-consecutive", e, a, over(n, r.maxC))
				}
				if !exempt && n < r.minC {
					add("min-consecutive", e, a, r.minC-n)
				}
			} else {
				if a == 0 {
					n += r.histOff
				}
				if !exempt && n < r.minOff {
					add("min-consecutive-off", e, a, r.minOff-n)
				}
			}
			a = b + 1
		}
		for _, rr := range m.p.Rules {
			h, s := rr.Evaluate(e, row)
			add("rule:"+rr.Name(), e, -1, h)
			if s != 0 {
				sc.Components["rule:"+rr.Name()] += s
			}
		}
	}
	for _, rq := range m.p.Requests {
		v := x[rq.Employee*m.D+rq.Day]
		hit := v == rq.Shift
		if rq.Shift == Off {
			hit = v != Off
		}
		if rq.On && !hit {
			sc.Components["shift-on-requests"] += rq.Weight
		}
		if !rq.On && hit {
			sc.Components["shift-off-requests"] += rq.Weight
		}
	}
	if m.p.Reference != nil && m.p.DisruptionWeight != 0 {
		for e, row := range m.p.Reference {
			for d, ref := range row {
				if x[e*m.D+d] != ref {
					sc.Components["disruption"] += m.p.DisruptionWeight
				}
			}
		}
	}
	if m.p.Coverage != nil {
		t := m.p.Coverage.NewTracker()
		for i, v := range x {
			if v >= 0 {
				t.Add(i/m.D, i%m.D, v)
			}
		}
		for k, c := range t.Components() {
			sc.Components[k] += c
		}
	}
	for _, c := range sc.Components {
		sc.Soft += c
	}
	return sc
}
