package hours

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the XLSX workbook.
const (
	SummarySheet = "Summary"
	ShiftsSheet  = "Shifts"
)

// WriteXLSX writes the report as a workbook with sheet "Summary" (one row
// per agent) and sheet "Shifts" (one row per shift). Figures are numbers
// with two decimals, local start and end are date-time values, the header
// row is bold and frozen, and a "Time zone" column names the zone of the
// local times. The shift rows go on with start and end as ISO 8601 text with
// their UTC offset (see CSV.WriteDetail); both sheets end with non-regular
// hours, and the shift rows with shift hours, the real time from start to
// end: a spreadsheet's End − Start of the local cells is the change of the
// wall clock (8 h for a 22:00–06:00 night of 9 h). Text cells are
// neutralised as in CSV.
func WriteXLSX(w io.Writer, r Report) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SummarySheet); err != nil {
		return fmt.Errorf("hours: xlsx: %w", err)
	}
	if _, err := f.NewSheet(ShiftsSheet); err != nil {
		return fmt.Errorf("hours: xlsx: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("hours: xlsx styles: %w", err)
	}

	header := append([]string{"Agent ID", "Employee no.", "Name", "Team", "Contract hours/week", "Hourly rate", "Shifts"},
		figureHeaders()...)
	header = append(header, "Period from", "Period to", "Time zone", nonRegularHeader, shiftHoursHeader)
	rows := make([][]any, 0, len(r.Rows))
	for _, a := range r.Rows {
		row := []any{text(a.AgentID), text(a.EmployeeNo), text(a.Name), text(a.Team),
			excelize.Cell{StyleID: st.number, Value: a.ContractHours}, excelize.Cell{StyleID: st.number, Value: a.HourlyRate}, a.Shifts}
		row = append(row, st.figures(a.Figures)...)
		row = append(row, r.From.Format(time.DateOnly), r.lastDay(), text(r.TimeZone), st.hours(a.NonRegularHours), st.hours(a.ShiftHours))
		rows = append(rows, row)
	}
	if err := writeSheet(f, SummarySheet, st, header, rows); err != nil {
		return err
	}

	header = append([]string{"Agent ID", "Employee no.", "Name", "Team", "Shift ID", "Start", "End"}, figureHeaders()...)
	header = append(header, "Time zone", "Start (ISO 8601)", "End (ISO 8601)", nonRegularHeader, shiftHoursHeader, shiftRateHeader)
	rows = rows[:0]
	for _, s := range r.Details {
		row := []any{text(s.AgentID), text(s.EmployeeNo), text(s.Name), text(s.Team), text(s.ShiftID),
			excelize.Cell{StyleID: st.datetime, Value: wall(s.Start)}, excelize.Cell{StyleID: st.datetime, Value: wall(s.End)}}
		row = append(row, st.figures(s.Figures)...)
		row = append(row, text(r.TimeZone), s.Start.Format(withOffset), s.End.Format(withOffset),
			st.hours(s.NonRegularHours), st.hours(s.ShiftHours), excelize.Cell{StyleID: st.number, Value: s.HourlyRate})
		rows = append(rows, row)
	}
	if err := writeSheet(f, ShiftsSheet, st, header, rows); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("hours: write xlsx: %w", err)
	}
	return nil
}

// wall returns t's local wall-clock time as a zone-less (UTC) time, which
// is what a spreadsheet date-time cell holds.
func wall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

type styles struct{ bold, number, datetime int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	if s.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return s, err
	}
	numFmt := "0.00"
	if s.number, err = f.NewStyle(&excelize.Style{CustomNumFmt: &numFmt}); err != nil {
		return s, err
	}
	dtFmt := "yyyy-mm-dd hh:mm"
	if s.datetime, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dtFmt}); err != nil {
		return s, err
	}
	return s, nil
}

func (st styles) figures(f Figures) []any {
	vs := figureValues(f)
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = st.hours(v)
	}
	return out
}

// hours is a number cell with two decimals.
func (st styles) hours(v Centi) excelize.Cell {
	return excelize.Cell{StyleID: st.number, Value: v.Float()}
}

func writeSheet(f *excelize.File, sheet string, st styles, header []string, rows [][]any) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("hours: xlsx sheet %s: %w", sheet, err)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("hours: xlsx sheet %s: %w", sheet, err)
	}
	if err := sw.SetColWidth(1, len(header), 14); err != nil {
		return fmt.Errorf("hours: xlsx sheet %s: %w", sheet, err)
	}
	hs := make([]any, len(header))
	for i, h := range header {
		hs[i] = excelize.Cell{StyleID: st.bold, Value: h}
	}
	if err := sw.SetRow("A1", hs); err != nil {
		return fmt.Errorf("hours: xlsx sheet %s header: %w", sheet, err)
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return fmt.Errorf("hours: xlsx sheet %s row %d: %w", sheet, i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("hours: xlsx sheet %s: %w", sheet, err)
	}
	return nil
}
