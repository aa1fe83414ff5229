package api

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shiftplan/shiftplan/scheduling"
)

// maxAgentCSV bounds an uploaded agent file (some 20 000 lines).
const maxAgentCSV = 4 << 20

// agentColumns are the columns an agent file may have, named as the
// fields of POST /agents are (the contract's without "contract.").
var agentColumns = []string{"employee_no", "first_name", "last_name", "email", "team", "contract_kind",
	"weekly_hours", "weekly_min_hours", "weekly_max_hours", "period_min_hours", "period_max_hours",
	"max_days_per_week", "fixed_days_off", "vacation_days", "hourly_rate", "skills", "hire_date", "leave_date", "contract_from"}

// agentColumnAliases are other header names of a column.
var agentColumnAliases = map[string]string{"team_id": "team", "kind": "contract_kind"}

// listSep separates the values of a list cell (skills, fixed_days_off):
// neither CSV delimiter, nor a character of a skill code.
const listSep = "|"

// agentFile is an uploaded agent file: its header and data lines.
type agentFile struct {
	// col is each column's index, by its name in agentColumns.
	col map[string]int
	// header is each column's name as the file writes it, for errors.
	header map[string]string
	lines  []agentLine
}

// agentLine is one data line of an agent file.
type agentLine struct {
	no    int // line number in the file, the header being 1
	cells []string
}

// cell returns the trimmed value of column name ("": absent or empty).
func (f *agentFile) cell(l agentLine, name string) string {
	i, ok := f.col[name]
	if !ok || i >= len(l.cells) {
		return ""
	}
	return strings.TrimSpace(l.cells[i])
}

// lineErrors collects the problems of a file as {"field":"line N",
// "message":"column: …"}, the first maxLineErrors of them, and says how
// many more there were.
type lineErrors struct {
	v    scheduling.ValidationError
	more int
	// seen holds "line column" of each problem added.
	seen map[string]bool
}

// add records a problem of line, in column ("": of the whole line).
func (e *lineErrors) add(line int, column, format string, args ...any) {
	if column != "" {
		if e.seen == nil {
			e.seen = map[string]bool{}
		}
		e.seen[fmt.Sprint(line, " ", column)] = true
	}
	if len(e.v.Fields) >= maxLineErrors {
		e.more++
		return
	}
	e.v.AddIn(fmt.Sprintf("line %d", line), column, format, args...)
}

// addInvalid records the problems of err, a ValidationError on the fields
// of POST /agents, under the file's columns, leaving out the columns the
// line already has a problem with (a cell that is no number is not also
// out of range). Any other error is returned, with the line; nil is
// no problem.
func (e *lineErrors) addInvalid(f *agentFile, line int, err error) error {
	var ve *scheduling.ValidationError
	if err == nil {
		return nil
	}
	if !errors.As(err, &ve) {
		return fmt.Errorf("line %d: %w", line, err)
	}
	skip := map[string]bool{}
	for _, fe := range ve.Fields {
		skip[fe.Field] = e.seen[fmt.Sprint(line, " ", f.column(fe.Field))]
	}
	for _, fe := range ve.Fields {
		if !skip[fe.Field] {
			if format, args := fe.Source(); format != "" {
				e.add(line, f.column(fe.Field), format, args...)
			} else {
				e.add(line, f.column(fe.Field), "%s", fe.Message)
			}
		}
	}
	return nil
}

func (e *lineErrors) count() int { return len(e.v.Fields) + e.more }

func (e *lineErrors) err() error {
	if e.more > 0 {
		e.v.Add("file", "%d more problems not listed", e.more)
		e.more = 0
	}
	return e.v.Err()
}

// readAgentFile reads an agent file: UTF-8 with or without a byte order
// mark, comma- or semicolon-separated (whichever the header holds more
// of), quoted fields and CRLF or LF line ends. The header names the
// columns (agentColumns, in any order and case; spaces and hyphens read
// as underscores); an unknown or repeated column is refused, as is a
// value under a column without a name. Lines with every cell empty are
// skipped.
func readAgentFile(r io.Reader) (*agentFile, error) {
	var errs lineErrors
	data, err := io.ReadAll(io.LimitReader(r, maxAgentCSV+1))
	if err != nil {
		return nil, fmt.Errorf("read agent file: %w", err)
	}
	if len(data) > maxAgentCSV {
		return nil, scheduling.Invalid("file", "is larger than %d MB", maxAgentCSV>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		bad := 0
		for bad < len(data) {
			r, n := utf8.DecodeRune(data[bad:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			bad += n
		}
		errs.add(bytes.Count(data[:bad], []byte("\n"))+1, "", "is not UTF-8 text; save the file as \"CSV UTF-8\"")
		return nil, errs.err()
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = delimiter(data)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		errs.add(1, "", "a header row naming the columns is required (%s, …)", strings.Join(agentColumns[:6], ", "))
		return nil, errs.err()
	}
	f := &agentFile{col: map[string]int{}, header: map[string]string{}}
	var unknown []string
	var blank []int
	for i, h := range header {
		raw := strings.TrimSpace(h)
		name := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(raw))
		if a, ok := agentColumnAliases[name]; ok {
			name = a
		}
		switch {
		case name == "":
			blank = append(blank, i)
			continue
		case !slices.Contains(agentColumns, name):
			unknown = append(unknown, strconv.Quote(raw))
			continue
		}
		if j, dup := f.col[name]; dup {
			errs.add(1, "", "column %d (%s) repeats column %d (%s)", i+1, raw, j+1, f.header[name])
			continue
		}
		f.col[name], f.header[name] = i, raw
	}
	if len(unknown) > 0 {
		errs.add(1, "", "unknown column %s; the columns are %s", strings.Join(unknown, ", "), strings.Join(agentColumns, ", "))
	}
	if errs.count() > 0 {
		return nil, errs.err()
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				errs.add(pe.Line, "", "%v", pe.Err)
				continue
			}
			return nil, fmt.Errorf("read agent file: %w", err)
		}
		no, _ := cr.FieldPos(0)
		if !slices.ContainsFunc(rec, func(c string) bool { return strings.TrimSpace(c) != "" }) {
			continue // a spreadsheet's empty row
		}
		if len(rec) > len(header) {
			errs.add(no, "", "has %d fields, the header %d", len(rec), len(header))
			continue
		}
		for _, i := range blank {
			if i < len(rec) && strings.TrimSpace(rec[i]) != "" {
				errs.add(no, "", "column %d has a value but no name in the header", i+1)
			}
		}
		f.lines = append(f.lines, agentLine{no: no, cells: rec})
	}
	if len(f.lines) == 0 && errs.count() == 0 {
		errs.add(2, "", "the file has no data rows")
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return f, nil
}

// delimiter is ';' when the first line holds more semicolons than
// commas outside quotes (as German spreadsheets write CSV), else ','.
func delimiter(data []byte) rune {
	quoted := false
	semi, comma := 0, 0
	for _, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == '\n':
			if semi > comma {
				return ';'
			}
			return ','
		case b == ';':
			semi++
		case b == ',':
			comma++
		}
	}
	if semi > comma {
		return ';'
	}
	return ','
}

// input turns line l into the body POST /agents or PATCH /agents/{id}
// would take: a non-empty cell sets its field, an empty one (or a column
// the file lacks) leaves it as old has it (the zero Agent for a new
// one). Cells that are not what their column holds are listed in errs.
func (f *agentFile) input(l agentLine, old scheduling.Agent, errs *lineErrors) agentInput {
	var in agentInput
	text := func(name string) *string {
		if s := f.cell(l, name); s != "" {
			return &s
		}
		return nil
	}
	number := func(name string) *float64 {
		s := f.cell(l, name)
		if s == "" {
			return nil
		}
		// A decimal comma, as German spreadsheets write 37,5.
		if !strings.Contains(s, ".") {
			s = strings.Replace(s, ",", ".", 1)
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			errs.add(l.no, f.header[name], "%q is not a number", f.cell(l, name))
			return nil
		}
		return &x
	}
	date := func(name string) *string {
		s := text(name)
		if s == nil {
			return nil
		}
		// 31.12.2026, as German spreadsheets write a date, is 2026-12-31.
		if d, err := time.Parse("2.1.2006", *s); err == nil {
			iso := d.Format(time.DateOnly)
			return &iso
		}
		return s
	}
	in.EmployeeNo, in.FirstName, in.LastName, in.Email = text("employee_no"), text("first_name"), text("last_name"), text("email")
	in.HourlyRate = number("hourly_rate")
	in.HireDate, in.LeaveDate, in.ContractFrom = date("hire_date"), date("leave_date"), date("contract_from")
	if s := f.cell(l, "skills"); s != "" {
		in.Skills = []string{}
		for _, code := range strings.Split(s, listSep) {
			if code = strings.TrimSpace(code); code != "" && !slices.Contains(in.Skills, code) {
				in.Skills = append(in.Skills, code)
			}
		}
	}
	// The contract is sent whole, so it starts from the agent's.
	c := toAgentDTO(old).Contract
	set := false
	if s := f.cell(l, "contract_kind"); s != "" {
		c.Kind, set = strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(s)), true
	}
	for _, h := range []struct {
		name string
		dst  *float64
	}{{"weekly_hours", &c.WeeklyHours}, {"weekly_min_hours", &c.WeeklyMinHours}, {"weekly_max_hours", &c.WeeklyMaxHours}} {
		if x := number(h.name); x != nil {
			*h.dst, set = *x, true
		}
	}
	if x := number("period_min_hours"); x != nil {
		c.PeriodMinHours, set = x, true
	}
	if x := number("period_max_hours"); x != nil {
		c.PeriodMaxHours, set = x, true
	}
	if x := number("vacation_days"); x != nil {
		c.VacationDays, set = x, true
	}
	if s := f.cell(l, "max_days_per_week"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			errs.add(l.no, f.header["max_days_per_week"], "%q is not a whole number", s)
		}
		c.MaxDaysPerWeek, set = n, true
	}
	if s := f.cell(l, "fixed_days_off"); s != "" {
		c.FixedDaysOff, set = nil, true
		for _, d := range strings.Split(s, listSep) {
			if d = strings.TrimSpace(d); d != "" {
				// monday and MONDAY are the API's Monday.
				c.FixedDaysOff = append(c.FixedDaysOff, strings.ToUpper(d[:1])+strings.ToLower(d[1:]))
			}
		}
	}
	if set {
		in.Contract = &c
	}
	return in
}

// column names the file's column for a field of POST /agents
// (scheduling.Agent.Validate's names).
func (f *agentFile) column(field string) string {
	name := strings.TrimPrefix(field, "contract.")
	if a, ok := agentColumnAliases[name]; ok {
		name = a
	}
	if h, ok := f.header[name]; ok {
		return h
	}
	return name
}
