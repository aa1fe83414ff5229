package hours

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSV writes the report as comma-separated values that Excel and
// LibreOffice open cleanly: UTF-8 with a byte-order mark, CRLF line ends,
// one header row, and every text cell that a spreadsheet would take for a
// formula (starting with = + - @, tab or CR) prefixed with a single quote
// (OWASP, "CSV Injection"). Each row names the time zone of its local
// times; the shift rows end with start and end in ISO 8601 with their UTC
// offset, which tell apart the two 02:30s of a fall-back night.
//
// The zero value writes commas and decimal points. Comma ';' with
// DecimalComma suits spreadsheets set to a German or French locale.
type CSV struct {
	Comma        rune // field separator; 0 means ','
	DecimalComma bool // write 7,33 instead of 7.33
}

// WriteCSV writes the agent rows with the default CSV settings.
func WriteCSV(w io.Writer, r Report) error { return CSV{}.Write(w, r) }

// WriteDetailCSV writes the shift rows with the default CSV settings.
func WriteDetailCSV(w io.Writer, r Report) error { return CSV{}.WriteDetail(w, r) }

const bom = "\uFEFF"

// Write writes one row per agent.
func (c CSV) Write(w io.Writer, r Report) error {
	header := append([]string{"Agent ID", "Employee no.", "Name", "Team", "Contract hours/week", "Hourly rate", "Shifts"},
		figureHeaders()...)
	header = append(header, "Period from", "Period to", "Time zone", nonRegularHeader, shiftHoursHeader)
	rows := make([][]string, 0, len(r.Rows))
	for _, a := range r.Rows {
		row := []string{text(a.AgentID), text(a.EmployeeNo), text(a.Name), text(a.Team),
			c.float(a.ContractHours), c.float(a.HourlyRate), strconv.Itoa(a.Shifts)}
		row = append(row, c.figures(a.Figures)...)
		row = append(row, r.From.Format(time.DateOnly), r.lastDay(), text(r.TimeZone), c.decimal(a.NonRegularHours.String()),
			c.decimal(a.ShiftHours.String()))
		rows = append(rows, row)
	}
	return c.write(w, header, rows)
}

// WriteDetail writes one row per shift, with local date, start and end,
// after the time zone the start and end again with their UTC offset, then
// the non-regular hours, the shift's real length in hours and the hourly
// rate it is paid at.
func (c CSV) WriteDetail(w io.Writer, r Report) error {
	header := append([]string{"Agent ID", "Employee no.", "Name", "Team", "Shift ID", "Date", "Start", "End"},
		figureHeaders()...)
	header = append(header, "Time zone", "Start (ISO 8601)", "End (ISO 8601)", nonRegularHeader, shiftHoursHeader, shiftRateHeader)
	rows := make([][]string, 0, len(r.Details))
	for _, s := range r.Details {
		row := []string{text(s.AgentID), text(s.EmployeeNo), text(s.Name), text(s.Team), text(s.ShiftID),
			s.Start.Format(time.DateOnly), s.Start.Format(localTime), s.End.Format(localTime)}
		row = append(row, c.figures(s.Figures)...)
		row = append(row, text(r.TimeZone), s.Start.Format(withOffset), s.End.Format(withOffset),
			c.decimal(s.NonRegularHours.String()), c.decimal(s.ShiftHours.String()), c.float(s.HourlyRate))
		rows = append(rows, row)
	}
	return c.write(w, header, rows)
}

// Headers of the columns added after the time zone and the ISO 8601 times
// (other tools read the files by position): regular hours plus
// non-regular hours are paid hours, shift hours are End − Start in real
// time, breaks included, and a shift's hourly rate is its contract's on
// the day it starts (an agent's row gives the period's last day's).
const (
	nonRegularHeader = "Non-regular hours"
	shiftHoursHeader = "Shift hours"
	shiftRateHeader  = "Hourly rate"
)

// localTime is how local start and end times are written: a form both
// spreadsheets parse as a date and time. It is ambiguous in the hour a
// fall-back change repeats, and a spreadsheet's End − Start is the change
// of the wall clock (8 h for a 22:00–06:00 night of 9 h).
const localTime = "2006-01-02 15:04"

// withOffset is how start and end are written unambiguously, in the
// columns added after the time zone (other tools read the files by
// position): ISO 8601 local time with its UTC offset, as RFC 3339, e.g.
// 2026-10-25T02:30:00+02:00 and 2026-10-25T02:30:00+01:00.
const withOffset = time.RFC3339

func (c CSV) write(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("hours: write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if c.Comma != 0 {
		cw.Comma = c.Comma
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("hours: write csv header: %w", err)
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("hours: write csv: %w", err)
	}
	return nil
}

func (c CSV) figures(f Figures) []string {
	vs := figureValues(f)
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = c.decimal(v.String())
	}
	return out
}

func (c CSV) float(x float64) string { return c.decimal(strconv.FormatFloat(x, 'f', -1, 64)) }

func (c CSV) decimal(s string) string {
	if c.DecimalComma {
		return strings.Replace(s, ".", ",", 1)
	}
	return s
}

// text neutralises a cell a spreadsheet would evaluate as a formula by
// prefixing a single quote. It is applied to every text cell; numeric cells
// are written by this package and never start with such a character.
func text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
