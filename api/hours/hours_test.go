package hours

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
	"github.com/xuri/excelize/v2"
)

func TestCenti_String(t *testing.T) {
	for c, want := range map[Centi]string{733: "7.33", 5: "0.05", 0: "0.00", 120000: "1200.00", -250: "-2.50"} {
		if got := c.String(); got != want {
			t.Errorf("Centi(%d) = %q, want %q", int64(c), got, want)
		}
	}
}

func TestApportion(t *testing.T) {
	// Three thirds of one hour: the total 1.00 is kept, the tie for the
	// extra cent goes to the first value.
	third := 1.0 / 3
	got := apportion([]float64{third, third, third})
	if got[0] != 34 || got[1] != 33 || got[2] != 33 {
		t.Errorf("thirds → %v, want [34 33 33]", got)
	}
	// Property on random values: the rounded values sum to the rounded
	// exact sum and each is within 0.01 of its exact value.
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 200; n++ {
		xs := make([]float64, 1+rng.IntN(30))
		var sum float64
		for i := range xs {
			xs[i] = float64(rng.IntN(600)) / 60 * 17.35 // minutes at a rate
			sum += xs[i]
		}
		got := apportion(xs)
		var s Centi
		for i, c := range got {
			s += c
			if math.Abs(c.Float()-xs[i]) >= 0.01+1e-9 {
				t.Fatalf("value %v rounded to %v", xs[i], c)
			}
		}
		if s != Centi(math.Round(sum*100)) {
			t.Fatalf("sum %v, want %v", s, math.Round(sum*100))
		}
	}
}

// fixture prices four weeks of October 2026 in Berlin (fall-back night
// included) for three agents whose shift lengths (7 h 20 min, 8 h 10 min)
// do not come out in whole cents, one of them with names built to be read
// as formulas.
func fixture(t *testing.T) (Report, []Input) {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	rules := pay.Rules{NightStart: 22 * time.Hour, NightEnd: 6 * time.Hour, NightPremium: 0.25, SaturdayPremium: 0.1,
		SundayPremium: 0.5, HolidayPremium: 1.25, OvertimePremium: 0.3}
	hol := dates{{2026, 10, 3}: "Tag der Deutschen Einheit"}
	agents := []struct {
		a      Agent
		c      pay.Contract
		start  int
		length time.Duration
	}{
		{Agent{ID: "a1", EmployeeNo: "1001", Name: "Jürgen Weiß", Team: "Phone DE"}, pay.Contract{WeeklyHours: 38.5, HourlyRate: 19.37}, 6, 7*time.Hour + 20*time.Minute},
		{Agent{ID: "a2", EmployeeNo: "-1002", Name: "=HYPERLINK(\"http://x\")", Team: "+Chat"}, pay.Contract{WeeklyHours: 30, HourlyRate: 17.11}, 21, 8*time.Hour + 10*time.Minute},
		{Agent{ID: "a3", EmployeeNo: "1003", Name: "@SUM(A1)", Team: "Phone DE"}, pay.Contract{WeeklyHours: 20, HourlyRate: 22.5}, 14, 7*time.Hour + 20*time.Minute},
	}
	var in []Input
	for i, ag := range agents {
		var shifts []pay.Shift
		// 2026-09-28 is a Monday; the period starts 2026-10-01, so the
		// first days only feed weekly overtime and are not reported.
		for d := 0; d < 35; d++ {
			if (d+i)%7 >= 5 {
				continue
			}
			day := time.Date(2026, 9, 28+d, ag.start, 0, 0, 0, loc)
			shifts = append(shifts, pay.Shift{ID: ag.a.ID + "-" + day.Format("0102"), Start: day, End: day.Add(ag.length),
				Breaks: []pay.Break{{Start: day.Add(3 * time.Hour), End: day.Add(3*time.Hour + 20*time.Minute)}}})
		}
		s, err := pay.Summarize(shifts, ag.c, rules, loc, hol)
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, Input{Agent: ag.a, Summary: s})
	}
	from, to := time.Date(2026, 10, 1, 0, 0, 0, 0, loc), time.Date(2026, 10, 29, 0, 0, 0, 0, loc)
	r, err := Build(from, to, loc, in)
	if err != nil {
		t.Fatal(err)
	}
	return r, in
}

type dates map[[3]int]string

func (d dates) On(y int, m time.Month, day int) (string, bool) {
	n, ok := d[[3]int{y, int(m), day}]
	return n, ok
}

func TestBuild_TotalsEqualDetails(t *testing.T) {
	r, in := fixture(t)
	if len(r.Rows) != 3 || r.TimeZone != "Europe/Berlin" {
		t.Fatalf("%d rows, zone %q", len(r.Rows), r.TimeZone)
	}
	exact := map[string]pay.Pay{}
	for _, a := range in {
		var p pay.Pay
		for _, s := range a.Summary.Shifts {
			if !s.Start.Before(r.From) && s.Start.Before(r.To) {
				p.Add(s.Pay)
			}
		}
		exact[a.Agent.ID] = p
	}
	for _, row := range r.Rows {
		var sum Figures
		n := 0
		for _, d := range r.Details {
			if d.AgentID == row.AgentID {
				sum.add(d.Figures)
				n++
				if d.Start.Before(r.From) || !d.Start.Before(r.To) {
					t.Errorf("shift %s at %v outside the period", d.ShiftID, d.Start)
				}
			}
		}
		if sum != row.Figures || n != row.Shifts {
			t.Errorf("%s: row %+v (%d shifts) != sum of details %+v (%d)", row.AgentID, row.Figures, row.Shifts, sum, n)
		}
		var shiftHours Centi
		for _, d := range r.Details {
			if d.AgentID == row.AgentID {
				shiftHours += d.ShiftHours
			}
		}
		if row.ShiftHours != shiftHours {
			t.Errorf("%s: shift hours %v != sum of details %v", row.AgentID, row.ShiftHours, shiftHours)
		}
		// Money and paid hours total the exact total rounded to the cent.
		// The other hour figures are sums of parts rounded together
		// (roundHours), each part within 0.01 h; here the totals are
		// within 0.01 h of the exact ones.
		p := exact[row.AgentID]
		for _, col := range columns {
			got, want := *col.field(&row.Figures), Centi(math.Round(col.exact(p)*100))
			if !col.money && col.header != "Paid hours" && math.Abs(got.Float()-col.exact(p)) < 0.01 {
				continue
			}
			if got != want {
				t.Errorf("%s %s: %v, want exact %v rounded = %v", row.AgentID, col.header, got, col.exact(p), want)
			}
		}
		if row.OvertimeHours == 0 && row.AgentID == "a3" {
			t.Errorf("a3 works 5 × 7 h a week on a 20 h contract but has no overtime")
		}
	}
}

func TestWriteCSV(t *testing.T) {
	r, _ := fixture(t)
	var sum, det bytes.Buffer
	if err := WriteCSV(&sum, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteDetailCSV(&det, r); err != nil {
		t.Fatal(err)
	}
	rows, dets := readCSV(t, sum.Bytes(), ','), readCSV(t, det.Bytes(), ',')
	checkCSVTotals(t, rows, dets, func(s string) string { return s })

	// Formula injection: the crafted name, team and employee number come
	// back with a leading quote.
	col := index(rows[0])
	for _, row := range rows[1:] {
		if row[col["Agent ID"]] == "a2" {
			if row[col["Name"]] != "'=HYPERLINK(\"http://x\")" || row[col["Team"]] != "'+Chat" || row[col["Employee no."]] != "'-1002" {
				t.Errorf("not neutralised: %q", row)
			}
		}
		if row[col["Agent ID"]] == "a3" && row[col["Name"]] != "'@SUM(A1)" {
			t.Errorf("not neutralised: %q", row)
		}
		if row[col["Time zone"]] != "Europe/Berlin" || row[col["Period from"]] != "2026-10-01" || row[col["Period to"]] != "2026-10-28" {
			t.Errorf("zone/period cells %q", row)
		}
	}
	for _, row := range dets[1:] {
		if strings.HasPrefix(row[0], "=") || strings.HasPrefix(row[2], "=") || strings.HasPrefix(row[2], "@") {
			t.Errorf("detail not neutralised: %q", row)
		}
	}

	t.Run("SemicolonDecimalComma", func(t *testing.T) {
		var b bytes.Buffer
		if err := (CSV{Comma: ';', DecimalComma: true}).WriteDetail(&b, r); err != nil {
			t.Fatal(err)
		}
		semi := readCSV(t, b.Bytes(), ';')
		c := index(semi[0])
		if v := semi[1][c["Paid hours"]]; !strings.Contains(v, ",") || strings.Contains(v, ".") {
			t.Errorf("paid hours %q, want a decimal comma", v)
		}
		if len(semi) != len(dets) {
			t.Errorf("%d rows, want %d", len(semi), len(dets))
		}
	})
}

// readCSV checks BOM and CRLF and parses the rest.
func readCSV(t *testing.T, b []byte, comma rune) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no UTF-8 BOM: %q", b[:min(10, len(b))])
	}
	if n, crlf := bytes.Count(b, []byte("\n")), bytes.Count(b, []byte("\r\n")); n != crlf || n == 0 {
		t.Errorf("%d line feeds, %d of them after CR", n, crlf)
	}
	cr := csv.NewReader(bytes.NewReader(b[3:]))
	cr.Comma = comma
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func index(header []string) map[string]int {
	m := map[string]int{}
	for i, h := range header {
		m[h] = i
	}
	return m
}

// checkCSVTotals reads every figure column back as Centi and compares each
// agent's summary cell with the sum of the agent's detail cells.
func checkCSVTotals(t *testing.T, rows, dets [][]string, norm func(string) string) {
	t.Helper()
	hc, dc := index(rows[0]), index(dets[0])
	for _, h := range append(figureHeaders(), nonRegularHeader) {
		sums := map[string]Centi{}
		for _, d := range dets[1:] {
			sums[d[dc["Agent ID"]]] += parseCenti(t, norm(d[dc[h]]))
		}
		for _, row := range rows[1:] {
			if got := parseCenti(t, norm(row[hc[h]])); got != sums[row[hc["Agent ID"]]] {
				t.Errorf("%s %s: total %v != sum of details %v", row[hc["Agent ID"]], h, got, sums[row[hc["Agent ID"]]])
			}
		}
	}
}

func parseCenti(t *testing.T, s string) Centi {
	t.Helper()
	whole, frac, ok := strings.Cut(s, ".")
	if !ok || len(frac) != 2 {
		t.Fatalf("%q is not a two-decimal number", s)
	}
	var c Centi
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			t.Fatalf("%q is not a non-negative number", s)
		}
		c = c*10 + Centi(r-'0')
	}
	return c
}

func TestWriteXLSX(t *testing.T) {
	r, _ := fixture(t)
	var b bytes.Buffer
	if err := WriteXLSX(&b, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != SummarySheet || got[1] != ShiftsSheet {
		t.Fatalf("sheets %v", got)
	}
	raw := excelize.Options{RawCellValue: true}
	rows, err := f.GetRows(SummarySheet, raw)
	if err != nil {
		t.Fatal(err)
	}
	dets, err := f.GetRows(ShiftsSheet, raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(r.Rows)+1 || len(dets) != len(r.Details)+1 {
		t.Fatalf("%d summary and %d shift rows, want %d and %d", len(rows)-1, len(dets)-1, len(r.Rows), len(r.Details))
	}
	// Raw numbers are floats such as 7.33 or 7.3300000000000001;
	// normalise to two decimals before comparing in cents.
	norm := func(s string) string {
		var x float64
		if err := json.Unmarshal([]byte(s), &x); err != nil {
			t.Fatalf("%q is not a number", s)
		}
		return Centi(math.Round(x * 100)).String()
	}
	checkCSVTotals(t, rows, dets, norm)

	hc := index(rows[0])
	paid, _ := excelize.CoordinatesToCellName(hc["Paid hours"]+1, 2)
	// A number cell has no type attribute or t="n" (ECMA-376 §18.18.11:
	// the default cell type is number); text cells are strings.
	if typ, err := f.GetCellType(SummarySheet, paid); err != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
		t.Errorf("%s has type %v (%v), want a number", paid, typ, err)
	}
	name, _ := excelize.CoordinatesToCellName(hc["Name"]+1, 2)
	if typ, err := f.GetCellType(SummarySheet, name); err != nil || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
		t.Errorf("%s has type %v (%v), want a string", name, typ, err)
	}
	sid, err := f.GetCellStyle(SummarySheet, "A1")
	if err != nil {
		t.Fatal(err)
	}
	if st, err := f.GetStyle(sid); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header not bold (%v)", err)
	}
	for _, row := range rows[1:] {
		if row[hc["Agent ID"]] == "a2" && row[hc["Name"]] != "'=HYPERLINK(\"http://x\")" {
			t.Errorf("not neutralised: %q", row[hc["Name"]])
		}
		if row[hc["Time zone"]] != "Europe/Berlin" {
			t.Errorf("time zone cell %q", row[hc["Time zone"]])
		}
	}
	// Local start of the first detail row, formatted by its cell style.
	dc := index(dets[0])
	start, _ := excelize.CoordinatesToCellName(dc["Start"]+1, 2)
	got, err := f.GetCellValue(ShiftsSheet, start)
	if want := r.Details[0].Start.Format("2006-01-02 15:04"); err != nil || got != want {
		t.Errorf("start cell %q (%v), want %q", got, err, want)
	}
}

func TestWriteJSON(t *testing.T) {
	r, _ := fixture(t)
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var got struct {
		TimeZone string `json:"time_zone"`
		From     time.Time
		Agents   []struct {
			AgentID   string  `json:"agent_id"`
			PaidHours float64 `json:"paid_hours"`
		}
		Shifts []struct {
			AgentID   string  `json:"agent_id"`
			PaidHours float64 `json:"paid_hours"`
			Start     string  `json:"start"`
		}
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.TimeZone != "Europe/Berlin" || len(got.Agents) != 3 || len(got.Shifts) != len(r.Details) {
		t.Fatalf("decoded %q, %d agents, %d shifts", got.TimeZone, len(got.Agents), len(got.Shifts))
	}
	// Local times carry their offset: the first shift is in CEST.
	if !strings.HasSuffix(got.Shifts[0].Start, "+02:00") {
		t.Errorf("start %q lacks the +02:00 offset", got.Shifts[0].Start)
	}
	for _, a := range got.Agents {
		var sum Centi
		for _, s := range got.Shifts {
			if s.AgentID == a.AgentID {
				sum += Centi(math.Round(s.PaidHours * 100))
			}
		}
		if Centi(math.Round(a.PaidHours*100)) != sum {
			t.Errorf("%s: paid %v != sum %v", a.AgentID, a.PaidHours, sum)
		}
	}
}

// TestWriteAgentsJSON: the agent rows as WriteJSON writes them, shift
// hours included, and no shift rows.
func TestWriteAgentsJSON(t *testing.T) {
	r, _ := fixture(t)
	var full, agents bytes.Buffer
	if err := WriteJSON(&full, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteAgentsJSON(&agents, r); err != nil {
		t.Fatal(err)
	}
	type doc struct {
		Agents []map[string]any
		Shifts []map[string]any
	}
	var f, a doc
	if err := json.Unmarshal(full.Bytes(), &f); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(agents.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Agents, f.Agents) || a.Shifts == nil || len(a.Shifts) != 0 || len(f.Shifts) == 0 {
		t.Errorf("agents only: %d agents (full %d), shifts %v (full %d)", len(a.Agents), len(f.Agents), a.Shifts, len(f.Shifts))
	}
	if _, ok := a.Agents[0]["shift_hours"]; !ok {
		t.Errorf("agent row without shift_hours: %v", a.Agents[0])
	}
	if len(r.Details) == 0 {
		t.Error("WriteAgentsJSON emptied the report's shift rows")
	}
}

func TestBuild_Invalid(t *testing.T) {
	loc := time.UTC
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, loc)
	var ve *scheduling.ValidationError
	if _, err := Build(from, from, loc, nil); !errors.As(err, &ve) || ve.Fields[0].Field != "to" {
		t.Errorf("empty period: err = %v, want it to name to", err)
	}
	in := []Input{{Agent: Agent{ID: "a"}}, {Agent: Agent{ID: "a"}}}
	if _, err := Build(from, from.AddDate(0, 1, 0), loc, in); !errors.As(err, &ve) || ve.Fields[0].Field != "agents[1].id" {
		t.Errorf("repeated id: err = %v, want it to name agents[1].id", err)
	}
}

// TestWriteDetail_FallBackNight: on 25 October 2026 Berlin goes back from
// 03:00 CEST (UTC+2) to 02:00 CET (UTC+1) at 01:00Z (EU rule: last Sunday
// of October, 01:00 UTC), so 02:00–03:00 happens twice. Two shifts, by
// hand:
//
//	n  Sat 24 Oct 22:00 CEST (20:00Z) → Sun 06:00 CET (05:00Z): 9 h
//	s  Sun 25 Oct 02:30 CET (01:30Z, the second 02:30) → 10:30 CET (09:30Z): 8 h
//
// The local Start and End columns say 22:00 and 06:00 (8 h apart on the
// clock) and 02:30 for either 02:30; the ISO 8601 columns added after the
// time zone carry the offsets, from which the 9 h and the right 02:30
// follow, and the Shift hours column at the end says 9.00 and 8.00, so a
// reader of the spreadsheet need not subtract the local cells.
func TestWriteDetail_FallBackNight(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	n := pay.Shift{ID: "n", Start: time.Date(2026, 10, 24, 20, 0, 0, 0, time.UTC), End: time.Date(2026, 10, 25, 5, 0, 0, 0, time.UTC)}
	s := pay.Shift{ID: "s", Start: time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), End: time.Date(2026, 10, 25, 9, 30, 0, 0, time.UTC)}
	var in []Input
	for i, sh := range []pay.Shift{n, s} {
		sum, err := pay.Summarize([]pay.Shift{sh}, pay.Contract{HourlyRate: 20}, pay.Rules{}, loc, nil)
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, Input{Agent: Agent{ID: fmt.Sprintf("a%d", i+1), Name: sh.ID}, Summary: sum})
	}
	r, err := Build(time.Date(2026, 10, 19, 0, 0, 0, 0, loc), time.Date(2026, 10, 26, 0, 0, 0, 0, loc), loc, in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][4]string{ // local start, local end, ISO start, ISO end
		"n": {"2026-10-24 22:00", "2026-10-25 06:00", "2026-10-24T22:00:00+02:00", "2026-10-25T06:00:00+01:00"},
		"s": {"2026-10-25 02:30", "2026-10-25 10:30", "2026-10-25T02:30:00+01:00", "2026-10-25T10:30:00+01:00"},
	}
	hours := map[string]time.Duration{"n": 9 * time.Hour, "s": 8 * time.Hour}
	check := func(format string, rows [][]string, local func(row []string, col map[string]int) [2]string) {
		t.Helper()
		col := index(rows[0])
		if got := rows[0][len(rows[0])-6:]; !slices.Equal(got, []string{"Time zone", "Start (ISO 8601)", "End (ISO 8601)", "Non-regular hours", "Shift hours", "Hourly rate"}) {
			t.Errorf("%s: last columns %q", format, got)
		}
		for _, row := range rows[1:] {
			id := row[col["Shift ID"]]
			l := local(row, col)
			got := [4]string{l[0], l[1], row[col["Start (ISO 8601)"]], row[col["End (ISO 8601)"]]}
			if got != want[id] {
				t.Errorf("%s shift %s: %q, want %q", format, id, got, want[id])
			}
			start, err1 := time.Parse(time.RFC3339, got[2])
			end, err2 := time.Parse(time.RFC3339, got[3])
			if err1 != nil || err2 != nil || end.Sub(start) != hours[id] {
				t.Errorf("%s shift %s: ISO end − start = %v (%v, %v), want %v", format, id, end.Sub(start), err1, err2, hours[id])
			}
			if got, want := row[col["Shift hours"]], fmt.Sprintf("%.2f", hours[id].Hours()); got != want {
				t.Errorf("%s shift %s: shift hours %q, want %q", format, id, got, want)
			}
		}
	}

	var b bytes.Buffer
	if err := WriteDetailCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	check("csv", readCSV(t, b.Bytes(), ','), func(row []string, col map[string]int) [2]string {
		return [2]string{row[col["Start"]], row[col["End"]]}
	})

	check("xlsx", xlsxSheet(t, r, ShiftsSheet), func(row []string, col map[string]int) [2]string {
		return [2]string{row[col["Start"]], row[col["End"]]}
	})

	b.Reset()
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var js struct {
		Shifts []struct {
			ShiftID    string  `json:"shift_id"`
			ShiftHours float64 `json:"shift_hours"`
		}
	}
	if err := json.Unmarshal(b.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	for _, s := range js.Shifts {
		if s.ShiftHours != hours[s.ShiftID].Hours() {
			t.Errorf("json shift %s: shift_hours %v, want %v", s.ShiftID, s.ShiftHours, hours[s.ShiftID].Hours())
		}
	}
}

// TestBuild_RegularPlusNonRegularIsPaid: three shifts in Berlin under rules
// with a Sunday premium, no night window and no overtime, by hand:
//
//	A  Mon 2 Mar 2026 08:00–15:20   7 h 20 min = 7.333… h regular
//	C  Tue 3 Mar      08:00–12:20   4 h 20 min = 4.333… h regular
//	B  Sun 8 Mar      08:00–15:40   7 h 40 min = 7.666… h Sunday
//
// Paid: the floors 7.33 + 4.33 + 7.66 = 19.32 fall one hundredth short of
// the exact total 19.333… rounded, 19.33. Rounding each column on its own
// gave paid 7.33, 4.33, 7.67 (the hundredth to B's remainder of 2/3) and
// regular 7.34, 4.33, 0 (floors 11.66 against an exact 11.666… → 11.67,
// the hundredth to A, the earlier of two remainders of 1/3): 7.34 regular
// hours on a shift of 7.33 paid hours, all of them regular, and the
// totals 11.67 + 7.67 = 19.34 against 19.33 paid. Rounded together, each
// row's regular and non-regular hours add up to its paid hours: A and C
// are all regular (paid = regular, 7.33 or 7.34 and 4.33 or 4.34), B is
// all Sunday (paid = non-regular = Sunday, 7.66 or 7.67), one of the three
// takes the hundredth, so the paid total is 19.33 and regular (11.66 or
// 11.67) plus non-regular (7.67 or 7.66) is 19.33. Every format shows the
// same figures.
func TestBuild_RegularPlusNonRegularIsPaid(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, h, m int) time.Time { return time.Date(2026, 3, day, h, m, 0, 0, loc) }
	shifts := []pay.Shift{
		{ID: "A", Start: at(2, 8, 0), End: at(2, 15, 20)},
		{ID: "C", Start: at(3, 8, 0), End: at(3, 12, 20)},
		{ID: "B", Start: at(8, 8, 0), End: at(8, 15, 40)},
	}
	sum, err := pay.Summarize(shifts, pay.Contract{HourlyRate: 20}, pay.Rules{SundayPremium: 0.5}, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(at(2, 0, 0), at(9, 0, 0), loc, []Input{{Agent: Agent{ID: "a"}, Summary: sum}})
	if err != nil {
		t.Fatal(err)
	}
	type hours struct{ Paid, Regular, NonRegular, Sunday Centi }
	paid := map[string][2]Centi{"A": {733, 734}, "C": {433, 434}, "B": {766, 767}, "a": {1933, 1933}}
	allRegular := map[string]bool{"A": true, "C": true}
	got := map[string]hours{}
	for _, d := range r.Details {
		got[d.ShiftID] = hours{d.PaidHours, d.RegularHours, d.NonRegularHours, d.SundayHours}
	}
	a := r.Rows[0]
	got["a"] = hours{a.PaidHours, a.RegularHours, a.NonRegularHours, a.SundayHours}
	for id, h := range got {
		switch {
		case h.Paid < paid[id][0] || h.Paid > paid[id][1]:
			t.Errorf("%s: paid %v, want %v or %v", id, h.Paid, paid[id][0], paid[id][1])
		case h.Regular+h.NonRegular != h.Paid:
			t.Errorf("%s: regular %v + non-regular %v != paid %v", id, h.Regular, h.NonRegular, h.Paid)
		case h.Sunday != h.NonRegular:
			t.Errorf("%s: Sunday %v != non-regular %v, though Sunday is the only category", id, h.Sunday, h.NonRegular)
		case allRegular[id] && h.Regular != h.Paid:
			t.Errorf("%s: regular %v != paid %v on an all-regular shift", id, h.Regular, h.Paid)
		}
	}
	if got["a"].Regular != 1166 && got["a"].Regular != 1167 {
		t.Errorf("regular total %v, want 11.66 or 11.67", got["a"].Regular)
	}

	// The same figures in every format.
	check := func(format, id string, p, reg, non Centi) {
		t.Helper()
		if w := got[id]; p != w.Paid || reg != w.Regular || non != w.NonRegular {
			t.Errorf("%s %s: paid, regular, non-regular %v %v %v, report %v %v %v", format, id, p, reg, non, w.Paid, w.Regular, w.NonRegular)
		}
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	type figs struct {
		AgentID    string  `json:"agent_id"`
		ShiftID    string  `json:"shift_id"`
		Paid       float64 `json:"paid_hours"`
		Regular    float64 `json:"regular_hours"`
		NonRegular float64 `json:"non_regular_hours"`
	}
	var js struct{ Agents, Shifts []figs }
	if err := json.Unmarshal(b.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	c := func(x float64) Centi { return Centi(math.Round(x * 100)) }
	for _, f := range append(js.Shifts, figs{ShiftID: js.Agents[0].AgentID, Paid: js.Agents[0].Paid, Regular: js.Agents[0].Regular, NonRegular: js.Agents[0].NonRegular}) {
		check("json", f.ShiftID, c(f.Paid), c(f.Regular), c(f.NonRegular))
	}
	sheet := func(format, idCol string, rows [][]string) {
		t.Helper()
		col := index(rows[0])
		for _, row := range rows[1:] {
			check(format, row[col[idCol]], parseCenti(t, row[col["Paid hours"]]),
				parseCenti(t, row[col["Regular hours"]]), parseCenti(t, row[col["Non-regular hours"]]))
		}
	}
	b.Reset()
	if err := WriteCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	sheet("csv", "Agent ID", readCSV(t, b.Bytes(), ','))
	b.Reset()
	if err := WriteDetailCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	sheet("csv", "Shift ID", readCSV(t, b.Bytes(), ','))
	sheet("xlsx "+SummarySheet, "Agent ID", xlsxSheet(t, r, SummarySheet))
	sheet("xlsx "+ShiftsSheet, "Shift ID", xlsxSheet(t, r, ShiftsSheet))
}

// xlsxSheet writes r as XLSX and reads back the rows of one sheet, as
// their cells show.
func xlsxSheet(t *testing.T, r Report, sheet string) [][]string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteXLSX(&b, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestBuild_RegularPlusNonRegularIsPaid_Random: on random shifts in
// Berlin (night, weekend, holiday and overtime time mixed, lengths in
// whole minutes, some with breaks, the spring-forward night included),
// every row and every total shows regular + non-regular = paid, each of
// the three within 0.01 h of its exact value, the paid total is the exact
// one rounded, each category is within 0.01 h per part it sums and at
// most the non-regular hours, and the agents' totals equal the sums of
// their rows.
func TestBuild_RegularPlusNonRegularIsPaid_Random(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	rules := pay.Rules{NightStart: 22 * time.Hour, NightEnd: 6 * time.Hour, NightPremium: 0.25, SundayPremium: 0.5,
		HolidayPremium: 1, OvertimePremium: 0.25, DailyLimit: 9 * time.Hour}
	hol := dates{{2026, 4, 3}: "Karfreitag", {2026, 4, 6}: "Ostermontag"}
	from, to := time.Date(2026, 3, 23, 0, 0, 0, 0, loc), time.Date(2026, 4, 20, 0, 0, 0, 0, loc)
	rng := rand.New(rand.NewPCG(3, 4))
	var in []Input
	for a := range 40 {
		var shifts []pay.Shift
		for d := range 28 {
			if rng.IntN(7) < 2 {
				continue
			}
			// Starts from 12:00 to 23:59 and lengths of 2–11 h: a shift
			// ends by 11:00 the next day, before the next one starts; a
			// break starts in the first half and lasts at most 45 min.
			start := time.Date(2026, 3, 23+d, 12, rng.IntN(12*60), 0, 0, loc)
			end := start.Add(time.Duration(120+rng.IntN(9*60)) * time.Minute)
			s := pay.Shift{ID: fmt.Sprintf("%d-%d", a, d), Start: start, End: end}
			if rng.IntN(2) == 0 {
				bs := start.Add(time.Duration(rng.IntN(int(end.Sub(start).Minutes())/2)) * time.Minute)
				s.Breaks = []pay.Break{{Start: bs, End: bs.Add(time.Duration(1+rng.IntN(45)) * time.Minute)}}
			}
			shifts = append(shifts, s)
		}
		sum, err := pay.Summarize(shifts, pay.Contract{WeeklyHours: float64(10 + rng.IntN(30)), HourlyRate: 20}, rules, loc, hol)
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, Input{Agent: Agent{ID: fmt.Sprint(a)}, Summary: sum})
	}
	r, err := Build(from, to, loc, in)
	if err != nil {
		t.Fatal(err)
	}
	exact := map[string]pay.Pay{}
	sets := map[string]map[pay.Set]bool{} // the category sets of a shift's or an agent's parts
	for _, a := range in {
		sets[a.Agent.ID] = map[pay.Set]bool{}
		for _, s := range a.Summary.Shifts {
			if !s.Start.Before(from) && s.Start.Before(to) {
				exact[s.ID] = s.Pay
				p := exact[a.Agent.ID]
				p.Add(s.Pay)
				exact[a.Agent.ID] = p
				sets[s.ID] = map[pay.Set]bool{}
				for _, g := range s.Segments {
					sets[s.ID][g.Categories] = true
					sets[a.Agent.ID][g.Categories] = true
				}
			}
		}
	}
	near := func(c Centi, d time.Duration) bool { return math.Abs(c.Float()-d.Hours()) < 0.01 }
	check := func(id string, f Figures, total bool) {
		t.Helper()
		p := exact[id]
		if f.RegularHours+f.NonRegularHours != f.PaidHours || f.RegularHours < 0 || f.NonRegularHours < 0 {
			t.Errorf("%s: regular %v + non-regular %v != paid %v", id, f.RegularHours, f.NonRegularHours, f.PaidHours)
		}
		if !near(f.PaidHours, p.Paid) || !near(f.RegularHours, p.Regular) || !near(f.NonRegularHours, p.Paid-p.Regular) {
			t.Errorf("%s: paid %v, regular %v, non-regular %v; exact %v, %v, %v", id, f.PaidHours, f.RegularHours,
				f.NonRegularHours, p.Paid.Hours(), p.Regular.Hours(), (p.Paid - p.Regular).Hours())
		}
		if total && f.PaidHours != centiHours(p.Paid) {
			t.Errorf("%s: paid total %v, want the exact %v rounded", id, f.PaidHours, p.Paid.Hours())
		}
		// A category sums the parts whose set holds it, each within
		// 0.01 h, and never exceeds the non-regular hours.
		for c, h := range []Centi{f.NightHours, f.SaturdayHours, f.SundayHours, f.HolidayHours, f.OvertimeHours} {
			parts := 0
			for set := range sets[id] {
				if set.Has(pay.Category(c)) {
					parts++
				}
			}
			if x := p.Category[c].Hours(); math.Abs(h.Float()-x) >= 0.01*float64(max(parts, 1)) || h > f.NonRegularHours {
				t.Errorf("%s: %v hours %v, exact %v over %d parts, non-regular %v", id, pay.Category(c), h, x, parts, f.NonRegularHours)
			}
		}
	}
	sums := map[string]Figures{}
	for _, d := range r.Details {
		check(d.ShiftID, d.Figures, false)
		s := sums[d.AgentID]
		s.add(d.Figures)
		sums[d.AgentID] = s
	}
	for _, row := range r.Rows {
		check(row.AgentID, row.Figures, true)
		if sums[row.AgentID] != row.Figures {
			t.Errorf("agent %s: total %+v != sum of rows %+v", row.AgentID, row.Figures, sums[row.AgentID])
		}
	}
}
