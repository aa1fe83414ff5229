package curtois

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// MaxHorizon is the longest horizon Parse reads: ten years of days. The
// benchmark's longest is 364; a horizon of a billion days (a typo, or a
// hostile file) ran the process out of memory building the roster.
const MaxHorizon = 3660

// Every other number of an instance lies in 0 … maxValue, the total minutes
// of an employee in 0 … maxMinutes (ten years of whole days is 5.3
// million). The benchmark's largest is 112 320; past them the costs a
// roster sums (requirement × weight, over every day and shift) can
// overflow: a requirement of 10¹⁷ scored a roster at −8·10¹⁸.
const (
	maxValue   = 1_000_000
	maxMinutes = 100_000_000
)

// sections are the sections of an instance file, in file order. Every
// instance has each of them (the request and days-off ones may be empty): a
// file without one was cut short, and solving it would leave out its
// cover or requests without a word.
var sections = []string{"SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
	"SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER"}

// Parse reads an instance in the benchmark's text format (LF or CRLF line
// endings). Errors wrap ErrFormat and name the line, or the missing section.
func Parse(r io.Reader) (*Instance, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	inst := &Instance{}
	section := ""
	haveHorizon := false
	ln := 0
	shiftIDs, staffIDs := map[string]bool{}, map[string]bool{}
	seen := map[string]bool{}
	for sc.Scan() {
		ln++
		line := strings.TrimSpace(strings.TrimSuffix(sc.Text(), "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "SECTION_") {
			section = line
			seen[section] = true
			continue
		}
		bad := func(format string, a ...any) error {
			return fmt.Errorf("%w: line %d (%s): %s", ErrFormat, ln, section, fmt.Sprintf(format, a...))
		}
		f := strings.Split(line, ",")
		for k := range f {
			f[k] = strings.TrimSpace(f[k])
		}
		// numIn reads field k, an integer in 0 … top; num one in 0 … maxValue.
		numIn := func(k int, what string, top int) (int, error) {
			if k >= len(f) {
				return 0, bad("missing field %d (%s)", k+1, what)
			}
			n, err := strconv.Atoi(f[k])
			if err != nil {
				return 0, bad("field %d (%s): %q is not an integer", k+1, what, f[k])
			}
			if n < 0 || n > top {
				return 0, bad("field %d (%s): %d, want 0 … %d", k+1, what, n, top)
			}
			return n, nil
		}
		num := func(k int, what string) (int, error) { return numIn(k, what, maxValue) }
		day := func(k int) (int, error) {
			d, err := num(k, "day")
			if err == nil && (d < 0 || d >= inst.Horizon) {
				err = bad("day %d outside the horizon 0..%d", d, inst.Horizon-1)
			}
			return d, err
		}
		known := func(what string, ids map[string]bool, id string) error {
			if !ids[id] {
				return bad("unknown %s %q", what, id)
			}
			return nil
		}
		nums := func(from, top int, names ...string) ([]int, error) {
			out := make([]int, len(names))
			for k, nm := range names {
				n, err := numIn(from+k, nm, top)
				if err != nil {
					return nil, err
				}
				out[k] = n
			}
			return out, nil
		}
		switch section {
		case "SECTION_HORIZON":
			n, err := num(0, "horizon")
			if err != nil {
				return nil, err
			}
			if n <= 0 || n > MaxHorizon {
				return nil, bad("horizon %d, want 1 … %d", n, MaxHorizon)
			}
			inst.Horizon, haveHorizon = n, true

		case "SECTION_SHIFTS":
			n, err := num(1, "length in minutes")
			if err != nil {
				return nil, err
			}
			if shiftIDs[f[0]] {
				return nil, bad("duplicate shift %q", f[0])
			}
			shiftIDs[f[0]] = true
			sh := Shift{ID: f[0], Minutes: n}
			if len(f) > 2 && f[2] != "" {
				sh.CannotFollow = strings.Split(f[2], "|")
			}
			inst.Shifts = append(inst.Shifts, sh)
		case "SECTION_STAFF":
			if len(f) < 8 {
				return nil, bad("%d fields, want 8", len(f))
			}
			if staffIDs[f[0]] {
				return nil, bad("duplicate employee %q", f[0])
			}
			staffIDs[f[0]] = true
			st := Staff{ID: f[0], MaxShifts: map[string]int{}}
			if f[1] != "" {
				for _, kv := range strings.Split(f[1], "|") {
					id, val, ok := strings.Cut(kv, "=")
					n, err := strconv.Atoi(val)
					if !ok || err != nil || n < 0 || n > maxValue {
						return nil, bad("MaxShifts entry %q, want ShiftID=max with max 0 … %d", kv, maxValue)
					}
					if err := known("shift", shiftIDs, id); err != nil {
						return nil, err
					}
					st.MaxShifts[id] = n
				}
			}
			tot, err := nums(2, maxMinutes, "MaxTotalMinutes", "MinTotalMinutes")
			if err != nil {
				return nil, err
			}
			v, err := nums(4, maxValue, "MaxConsecutiveShifts", "MinConsecutiveShifts", "MinConsecutiveDaysOff", "MaxWeekends")
			if err != nil {
				return nil, err
			}
			st.MaxTotalMinutes, st.MinTotalMinutes = tot[0], tot[1]
			st.MaxConsecutiveShifts, st.MinConsecutiveShifts = v[0], v[1]
			st.MinConsecutiveDaysOff, st.MaxWeekends = v[2], v[3]
			inst.Staff = append(inst.Staff, st)
		case "SECTION_DAYS_OFF":
			if err := known("employee", staffIDs, f[0]); err != nil {
				return nil, err
			}
			do := DaysOff{Employee: f[0]}
			for k := 1; k < len(f); k++ {
				if f[k] == "" {
					continue
				}
				n, err := day(k)
				if err != nil {
					return nil, err
				}
				do.Days = append(do.Days, n)
			}
			inst.DaysOff = append(inst.DaysOff, do)
		case "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS":
			if len(f) < 4 {
				return nil, bad("%d fields, want 4 (EmployeeID, Day, ShiftID, Weight)", len(f))
			}
			if err := known("employee", staffIDs, f[0]); err != nil {
				return nil, err
			}
			if err := known("shift", shiftIDs, f[2]); err != nil {
				return nil, err
			}
			d, err := day(1)
			if err != nil {
				return nil, err
			}
			w, err := num(3, "weight")
			if err != nil {
				return nil, err
			}
			rq := Request{Employee: f[0], Day: d, Shift: f[2], Weight: w}
			if section == "SECTION_SHIFT_ON_REQUESTS" {
				inst.OnRequests = append(inst.OnRequests, rq)
			} else {
				inst.OffRequests = append(inst.OffRequests, rq)
			}
		case "SECTION_COVER":
			if len(f) < 5 {
				return nil, bad("%d fields, want 5 (Day, ShiftID, Requirement, Under, Over)", len(f))
			}
			d, err := day(0)
			if err != nil {
				return nil, err
			}
			if err := known("shift", shiftIDs, f[1]); err != nil {
				return nil, err
			}
			v, err := nums(2, maxValue, "requirement", "weight for under", "weight for over")
			if err != nil {
				return nil, err
			}
			inst.Cover = append(inst.Cover, Cover{Day: d, Shift: f[1], Requirement: v[0], Under: v[1], Over: v[2]})
		case "":
			return nil, bad("data before the first SECTION_ line")
		default:
			return nil, bad("unknown section")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: line %d: %v", ErrFormat, ln+1, err)
	}
	if !haveHorizon {
		return nil, fmt.Errorf("%w: no SECTION_HORIZON", ErrFormat)
	}
	for _, name := range sections {
		if !seen[name] {
			return nil, fmt.Errorf("%w: no %s after line %d (is the file cut short?)", ErrFormat, name, ln)
		}
	}
	if len(inst.Shifts) == 0 || len(inst.Staff) == 0 {
		return nil, fmt.Errorf("%w: no shifts or no staff", ErrFormat)
	}
	return inst, nil
}
