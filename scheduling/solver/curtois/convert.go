package curtois

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// Problem converts the instance to a solver.Problem with the benchmark's
// rules: day 0 is a Monday, weekends are Saturday+Sunday, days around the
// horizon are off, cover is priced per day and shift type (DayCover).
func (in *Instance) Problem() (*solver.Problem, error) {
	S := len(in.Shifts)
	shiftIx := map[string]int{}
	for s, sh := range in.Shifts {
		shiftIx[sh.ID] = s
	}
	staffIx := map[string]int{}
	for e, st := range in.Staff {
		staffIx[st.ID] = e
	}
	p := &solver.Problem{
		Days:     in.Horizon,
		Weekends: solver.SaturdaySundayWeekends(in.Horizon, int(time.Monday)),
	}
	p.Forbidden = make([][]bool, S)
	for s, sh := range in.Shifts {
		p.Shifts = append(p.Shifts, solver.Shift{ID: sh.ID, Minutes: sh.Minutes})
		p.Forbidden[s] = make([]bool, S)
		for _, id := range sh.CannotFollow {
			b, ok := shiftIx[id]
			if !ok {
				return nil, fmt.Errorf("%w: shift %s: unknown shift %q in cannot-follow list", ErrFormat, sh.ID, id)
			}
			p.Forbidden[s][b] = true
		}
	}
	for _, st := range in.Staff {
		em := solver.Employee{
			ID:                st.ID,
			MaxShifts:         make([]int, S),
			MinMinutes:        st.MinTotalMinutes,
			MaxMinutes:        st.MaxTotalMinutes,
			MinConsecutive:    st.MinConsecutiveShifts,
			MaxConsecutive:    st.MaxConsecutiveShifts,
			MinConsecutiveOff: st.MinConsecutiveDaysOff,
			MaxWeekends:       st.MaxWeekends,
		}
		for s, sh := range in.Shifts {
			em.MaxShifts[s] = solver.NoLimit
			if n, ok := st.MaxShifts[sh.ID]; ok {
				em.MaxShifts[s] = n
			}
		}
		p.Employees = append(p.Employees, em)
	}
	for _, do := range in.DaysOff {
		e := staffIx[do.Employee]
		p.Employees[e].DaysOff = append(p.Employees[e].DaysOff, do.Days...)
	}
	for _, rq := range in.OnRequests {
		p.Requests = append(p.Requests, solver.Request{Employee: staffIx[rq.Employee], Day: rq.Day,
			Shift: shiftIx[rq.Shift], On: true, Weight: int64(rq.Weight)})
	}
	for _, rq := range in.OffRequests {
		p.Requests = append(p.Requests, solver.Request{Employee: staffIx[rq.Employee], Day: rq.Day,
			Shift: shiftIx[rq.Shift], Weight: int64(rq.Weight)})
	}
	cov := &solver.DayCover{}
	for _, t := range []*[][]int64{&cov.Req, &cov.Under, &cov.Over} {
		*t = make([][]int64, in.Horizon)
		for d := range *t {
			(*t)[d] = make([]int64, S)
		}
	}
	for _, c := range in.Cover {
		s := shiftIx[c.Shift]
		cov.Req[c.Day][s] = int64(c.Requirement)
		cov.Under[c.Day][s] = int64(c.Under)
		cov.Over[c.Day][s] = int64(c.Over)
	}
	p.Coverage = cov
	return p, p.Validate()
}

// WriteSolution writes roster (roster[e][d] a shift index or solver.Off)
// as CSV with header employee,day,shift and one row per worked day.
func (in *Instance) WriteSolution(w io.Writer, roster [][]int) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"employee", "day", "shift"})
	for e, row := range roster {
		for d, s := range row {
			if s >= 0 {
				cw.Write([]string{in.Staff[e].ID, strconv.Itoa(d), in.Shifts[s].ID})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
