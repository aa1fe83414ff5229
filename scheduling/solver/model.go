package solver

// model is a Problem compiled into flat arrays for the search.
type model struct {
	p        *Problem
	E, D, S  int
	V        int // values per cell: S shifts + Off, indexed v+1
	minutes  []int
	forbid   []bool // forbid[a*S+b]
	forbOn   func(d, a, b int) bool
	forbD    []bool // forbD[(d*S+a)*S+b]: Forbidden or ForbiddenOn, nil without ForbiddenOn
	cls      []int  // cls[v+1]: succession class of value v (0 for Off)
	C        int    // succession classes
	cf       []bool // cf[(d*C+c)*S+b]: b may not follow class c on day d
	cfDays   int    // days in cf (1 when the rules do not depend on the day)
	emp      []empRules
	weekOf   []int // weekend index of a day, or -1
	W        int
	unit     int            // minutes per hard unit of the total-minutes rules
	g        int            // greatest common divisor of the shift minutes
	su       []int          // su[s] = minutes[s] / g
	maxSu    int            // largest su
	mask     []bool         // mask[(e*D+d)*V+v+1]: value v allowed in the cell
	choices  [][]int        // allowed values of cell e*D+d
	wantCell []int32        // free cells whose cheapest allowed value is one shift,
	wantVal  []int16        // and that shift (wantVal[j] for wantCell[j])
	fixed    []bool         // cell never changed by the search
	start    []int          // value the search starts from in a fixed cell
	cost     []int64        // cost[(e*D+d)*V+v+1]: requests and disruption
	costAny  []bool         // costAny[e*D+d]: some value of the cell has a cost
	sep      SeparableCover // the coverage, when it is separable per day and shift
	wkShape  int64          // search-only penalty of a half-worked weekend (shape.go)
	wkShaped []bool         // employees the weekend shaping applies to
	wkLen    []int          // days in each weekend
}

type empRules struct {
	maxS                        []int
	minM, maxM                  int
	minC, maxC, minOff, maxW    int
	histWork, histOff, histLast int
}

func compile(p *Problem) *model {
	E, D, S := len(p.Employees), p.Days, len(p.Shifts)
	m := &model{p: p, E: E, D: D, S: S, V: S + 1, forbOn: p.ForbiddenOn}
	m.minutes = make([]int, S)
	m.unit = 0
	for s, sh := range p.Shifts {
		m.minutes[s] = sh.Minutes
		if sh.Minutes > 0 && (m.unit == 0 || sh.Minutes < m.unit) {
			m.unit = sh.Minutes
		}
	}
	if m.unit == 0 {
		m.unit = 1
	}
	m.g = 0
	for _, mm := range m.minutes {
		m.g = gcd(m.g, mm)
	}
	if m.g == 0 {
		m.g = 1
	}
	m.su = make([]int, S)
	for s, mm := range m.minutes {
		m.su[s] = mm / m.g
		m.maxSu = max(m.maxSu, m.su[s])
	}
	m.forbid = make([]bool, S*S)
	for a, row := range p.Forbidden {
		for b, f := range row {
			m.forbid[a*S+b] = f
		}
	}
	m.compileSuccessions()
	m.sep, _ = p.Coverage.(SeparableCover)
	m.weekOf = make([]int, D)
	for d := range m.weekOf {
		m.weekOf[d] = -1
	}
	for w, r := range p.Weekends {
		for d := r[0]; d <= r[1]; d++ {
			m.weekOf[d] = w
		}
	}
	m.W = len(p.Weekends)
	m.emp = make([]empRules, E)
	m.mask = make([]bool, E*D*m.V)
	m.cost = make([]int64, E*D*m.V)
	m.choices = make([][]int, E*D)
	m.fixed = make([]bool, E*D)
	m.start = make([]int, E*D)
	for e, em := range p.Employees {
		r := &m.emp[e]
		r.maxS = make([]int, S)
		for s := range r.maxS {
			r.maxS[s] = NoLimit
			if em.MaxShifts != nil {
				r.maxS[s] = em.MaxShifts[s]
			}
		}
		r.minM, r.maxM = em.MinMinutes, em.MaxMinutes
		r.minC, r.maxC, r.minOff, r.maxW = em.MinConsecutive, em.MaxConsecutive, em.MinConsecutiveOff, em.MaxWeekends
		r.histWork, r.histOff, r.histLast = em.History.WorkedDays, em.History.OffDays, em.History.LastShift
		if r.histWork == 0 {
			r.histLast = Off
		}
		off := make([]bool, D)
		for _, d := range em.DaysOff {
			off[d] = true
		}
		for d := 0; d < D; d++ {
			i := e*D + d
			m.mask[i*m.V] = true
			for s := 0; s < S; s++ {
				ok := !off[d] && r.maxS[s] != 0 && (em.Unavailable == nil || !em.Unavailable(d, s))
				m.mask[i*m.V+s+1] = ok
			}
			m.start[i] = Off
		}
	}
	for _, pin := range p.Pinned {
		i := pin.Employee*D + pin.Day
		for v := 0; v < m.V; v++ {
			m.mask[i*m.V+v] = v == pin.Shift+1
		}
		m.fixed[i] = true
		m.start[i] = pin.Shift
	}
	for i := range m.choices {
		for v := Off; v < S; v++ {
			if m.mask[i*m.V+v+1] {
				m.choices[i] = append(m.choices[i], v)
			}
		}
		if len(m.choices[i]) <= 1 {
			m.fixed[i] = true
			if len(m.choices[i]) == 1 {
				m.start[i] = m.choices[i][0]
			}
		}
	}
	for _, rq := range p.Requests {
		base := (rq.Employee*D + rq.Day) * m.V
		for v := Off; v < S; v++ {
			hit := v == rq.Shift
			if rq.Shift == Off {
				hit = v != Off
			}
			if rq.On != hit {
				m.cost[base+v+1] += rq.Weight
			}
		}
	}
	if p.Reference != nil && p.DisruptionWeight != 0 {
		for e, row := range p.Reference {
			for d, ref := range row {
				for v := Off; v < S; v++ {
					if v != ref {
						m.cost[(e*D+d)*m.V+v+1] += p.DisruptionWeight
					}
				}
			}
		}
	}
	// Most cells have no request: set skips their row of cost, which on a
	// large horizon is far from the cache.
	m.costAny = make([]bool, E*D)
	for i := range m.costAny {
		for _, c := range m.cost[i*m.V : (i+1)*m.V] {
			if c != 0 {
				m.costAny[i] = true
				break
			}
		}
		if m.costAny[i] && !m.fixed[i] {
			if v, ok := m.wanted(i); ok {
				m.wantCell = append(m.wantCell, int32(i))
				m.wantVal = append(m.wantVal, int16(v))
			}
		}
	}
	m.compileShaping()
	return m
}

// allowed reports whether employee e may work shift s on day d.
func (m *model) allowed(e, d, s int) bool { return m.mask[(e*m.D+d)*m.V+s+1] }

// weekendsLimited reports whether employee e's MaxWeekends is below the
// number of weekends in the horizon, so that it can bind.
func (m *model) weekendsLimited(e int) bool {
	w := m.emp[e].maxW
	return w >= 0 && w < m.W
}

// typeBinds reports whether employee e's maximum of shift type s can
// bind: set, above 0 (0 only masks the type) and below the horizon.
func (m *model) typeBinds(e, s int) bool {
	mx := m.emp[e].maxS[s]
	return mx > 0 && mx < m.D
}

// forbidden reports whether shift b on day d+1 may not follow a on day d;
// either may be Off.
func (m *model) forbidden(d, a, b int) bool {
	if a < 0 || b < 0 {
		return false
	}
	if m.forbD != nil && d >= 0 && d+1 < m.D {
		return m.forbD[(d*m.S+a)*m.S+b]
	}
	if m.forbid[a*m.S+b] {
		return true
	}
	return m.forbOn != nil && m.forbOn(d, a, b)
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// wanted returns the shift that is cell i's one cheapest allowed value
// (a shift-on request, or the reference roster's shift when a re-solve
// prices disruption), false when the cheapest is off or shared.
func (m *model) wanted(i int) (int, bool) {
	best, n := Off, 0
	var bc int64
	for _, v := range m.choices[i] {
		switch c := m.cost[i*m.V+v+1]; {
		case n == 0 || c < bc:
			best, bc, n = v, c, 1
		case c == bc:
			n++
		}
	}
	return best, n == 1 && best != Off
}
