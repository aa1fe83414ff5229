package solver

import "hash/fnv"

// Successions compiled for the search. forbidden(d, a, b) is asked for
// every transition of the row dynamic programme, so the rules (static
// Forbidden and day-dependent ForbiddenOn) are tabulated once per problem,
// and shifts whose successor rules are identical on every day share a
// succession class: the programme only needs to remember the class of
// yesterday's shift, not the shift itself.

// maxForbTable bounds the cells of the per-day tables (D·S·S); beyond it
// ForbiddenOn is called directly and every shift is its own class.
const maxForbTable = 1 << 25

// compileSuccessions fills m.forbD, m.cls, m.C and m.cf.
func (m *model) compileSuccessions() {
	S, D := m.S, m.D
	days := 1 // without ForbiddenOn the rules do not depend on the day
	if m.forbOn != nil {
		days = max(D-1, 1)
		if days*S*S > maxForbTable {
			m.identityClasses()
			return
		}
		m.forbD = make([]bool, days*S*S)
		for d := 0; d+1 < D; d++ {
			for a := 0; a < S; a++ {
				for b := 0; b < S; b++ {
					m.forbD[(d*S+a)*S+b] = m.forbid[a*S+b] || m.forbOn(d, a, b)
				}
			}
		}
	}
	row := func(d, a int) []bool {
		if m.forbD != nil {
			return m.forbD[(d*S+a)*S : (d*S+a+1)*S]
		}
		return m.forbid[a*S : (a+1)*S]
	}
	// Group shifts by the signature of their rows over all days.
	m.cls = make([]int, m.V)
	rep := []int{Off}
	byHash := map[uint64][]int{}
	for a := 0; a < S; a++ {
		h := fnv.New64a()
		buf := make([]byte, S)
		for d := 0; d < days; d++ {
			for b, f := range row(d, a) {
				buf[b] = 0
				if f {
					buf[b] = 1
				}
			}
			h.Write(buf)
		}
		key := h.Sum64()
		c := -1
		for _, k := range byHash[key] {
			if m.sameSuccessors(rep[k], a, days, row) {
				c = k
				break
			}
		}
		if c < 0 {
			c = len(rep)
			rep = append(rep, a)
			byHash[key] = append(byHash[key], c)
		}
		m.cls[a+1] = c
	}
	m.C = len(rep)
	m.cfDays = days
	m.cf = make([]bool, days*m.C*S)
	for d := 0; d < days; d++ {
		for c := 1; c < m.C; c++ {
			copy(m.cf[(d*m.C+c)*S:], row(d, rep[c]))
		}
	}
}

func (m *model) sameSuccessors(a, b, days int, row func(d, a int) []bool) bool {
	for d := 0; d < days; d++ {
		ra, rb := row(d, a), row(d, b)
		for k := range ra {
			if ra[k] != rb[k] {
				return false
			}
		}
	}
	return true
}

// identityClasses gives every shift its own class with no tables; the row
// programme then asks forbidden for each transition.
func (m *model) identityClasses() {
	m.cls = make([]int, m.V)
	for v := range m.cls {
		m.cls[v] = v
	}
	m.C = m.V
	m.cf = nil
}

// classForb returns, for yesterday's class c on day d (d ≥ 0), the shifts
// that may not be worked on day d+1, or nil when the tables are not kept.
func (m *model) classForb(d, c int) []bool {
	if m.cf == nil || c == 0 {
		return nil
	}
	if m.cfDays == 1 {
		d = 0
	}
	return m.cf[(d*m.C+c)*m.S : (d*m.C+c+1)*m.S]
}
