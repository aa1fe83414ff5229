package curtois

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// Solution maps employee ID → day → shift ID of the worked days.
type Solution map[string]map[int]string

// ReadSolution reads a CSV written by WriteSolution (header
// employee,day,shift). Errors name the line.
func ReadSolution(r io.Reader) (Solution, error) {
	cr := csv.NewReader(r)
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("solution: %w", err)
	}
	if len(rows) == 0 || len(rows[0]) != 3 || rows[0][0] != "employee" || rows[0][1] != "day" || rows[0][2] != "shift" {
		return nil, fmt.Errorf("solution: line 1: want header employee,day,shift")
	}
	sol := Solution{}
	for k, row := range rows[1:] {
		d, err := strconv.Atoi(row[1])
		if err != nil {
			return nil, fmt.Errorf("solution: line %d: day %q is not an integer", k+2, row[1])
		}
		if sol[row[0]] == nil {
			sol[row[0]] = map[int]string{}
		}
		if _, dup := sol[row[0]][d]; dup {
			return nil, fmt.Errorf("solution: line %d: employee %s has two shifts on day %d", k+2, row[0], d)
		}
		sol[row[0]][d] = row[2]
	}
	return sol, nil
}

// Report is the outcome of Check.
type Report struct {
	// Objective is the sum of the soft penalties: shift-on and shift-off
	// requests and cover under/over.
	Objective int
	// Violations lists every broken hard rule, one entry per instance of a
	// constraint of the benchmark's integer program (per employee and rule
	// for totals, per stretch for consecutive rules, per day pair for
	// successions).
	Violations []string
}

// Check recomputes a solution's objective and hard violations from the
// instance alone, following the rules published with the benchmark
// (schedulingbenchmarks.org, "Nurse Rostering Instances 1..24"). It shares
// no code with the solver on purpose.
func (in *Instance) Check(sol Solution) Report {
	var rep Report
	viol := func(format string, a ...any) { rep.Violations = append(rep.Violations, fmt.Sprintf(format, a...)) }
	shifts := map[string]Shift{}
	for _, sh := range in.Shifts {
		shifts[sh.ID] = sh
	}
	staff := map[string]bool{}
	for _, st := range in.Staff {
		staff[st.ID] = true
	}
	for id, days := range sol {
		if !staff[id] {
			viol("unknown employee %q", id)
		}
		for d, s := range days {
			if _, ok := shifts[s]; !ok {
				viol("%s day %d: unknown shift %q", id, d, s)
			}
			if d < 0 || d >= in.Horizon {
				viol("%s: day %d outside the horizon", id, d)
			}
		}
	}
	daysOff := map[string][]int{}
	for _, do := range in.DaysOff {
		daysOff[do.Employee] = append(daysOff[do.Employee], do.Days...)
	}
	h := in.Horizon
	for _, st := range in.Staff {
		row := make([]string, h) // "" = off
		for d, s := range sol[st.ID] {
			if d >= 0 && d < h {
				row[d] = s
			}
		}
		count := map[string]int{}
		total := 0
		for _, s := range row {
			if s != "" {
				count[s]++
				total += shifts[s].Minutes
			}
		}
		for s, n := range count {
			if max, ok := st.MaxShifts[s]; ok && n > max {
				viol("%s: %d shifts %s, max %d", st.ID, n, s, max)
			}
		}
		if total > st.MaxTotalMinutes {
			viol("%s: %d minutes, max %d", st.ID, total, st.MaxTotalMinutes)
		}
		if total < st.MinTotalMinutes {
			viol("%s: %d minutes, min %d", st.ID, total, st.MinTotalMinutes)
		}
		for d := 0; d+1 < h; d++ {
			if row[d] == "" || row[d+1] == "" {
				continue
			}
			for _, bad := range shifts[row[d]].CannotFollow {
				if bad == row[d+1] {
					viol("%s: %s on day %d followed by %s", st.ID, row[d], d, row[d+1])
				}
			}
		}
		for _, d := range daysOff[st.ID] {
			if row[d] != "" {
				viol("%s: works on day off %d", st.ID, d)
			}
		}
		weekends := 0
		for sat := 5; sat < h; sat += 7 {
			if row[sat] != "" || (sat+1 < h && row[sat+1] != "") {
				weekends++
			}
		}
		if weekends > st.MaxWeekends {
			viol("%s: %d weekends, max %d", st.ID, weekends, st.MaxWeekends)
		}
		// Stretches: maximal runs of worked (or off) days. Days outside the
		// horizon are off. A run that starts on day 0 or ends on day h−1 is
		// exempt from the minimum lengths.
		for a := 0; a < h; {
			b := a
			for b+1 < h && (row[b+1] != "") == (row[a] != "") {
				b++
			}
			n := b - a + 1
			interior := a > 0 && b < h-1
			if row[a] != "" {
				if n > st.MaxConsecutiveShifts {
					viol("%s: %d consecutive shifts from day %d, max %d", st.ID, n, a, st.MaxConsecutiveShifts)
				}
				if interior && n < st.MinConsecutiveShifts {
					viol("%s: %d consecutive shifts from day %d, min %d", st.ID, n, a, st.MinConsecutiveShifts)
				}
			} else if interior && n < st.MinConsecutiveDaysOff {
				viol("%s: %d consecutive days off from day %d, min %d", st.ID, n, a, st.MinConsecutiveDaysOff)
			}
			a = b + 1
		}
	}
	for _, rq := range in.OnRequests {
		if sol[rq.Employee][rq.Day] != rq.Shift {
			rep.Objective += rq.Weight
		}
	}
	for _, rq := range in.OffRequests {
		if sol[rq.Employee][rq.Day] == rq.Shift {
			rep.Objective += rq.Weight
		}
	}
	n := map[[2]string]int{}
	for _, days := range sol {
		for d, s := range days {
			n[[2]string{strconv.Itoa(d), s}]++
		}
	}
	for _, c := range in.Cover {
		got := n[[2]string{strconv.Itoa(c.Day), c.Shift}]
		if got < c.Requirement {
			rep.Objective += (c.Requirement - got) * c.Under
		} else {
			rep.Objective += (got - c.Requirement) * c.Over
		}
	}
	return rep
}
