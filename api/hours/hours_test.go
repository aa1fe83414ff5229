package hours

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
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
		// Each total is the exact total rounded to the cent.
		p := exact[row.AgentID]
		for _, col := range columns {
			if got, want := *col.field(&row.Figures), Centi(math.Round(col.exact(p)*100)); got != want {
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
	for _, h := range figureHeaders() {
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
// follow.
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
		if got := rows[0][len(rows[0])-3:]; !slices.Equal(got, []string{"Time zone", "Start (ISO 8601)", "End (ISO 8601)"}) {
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
		}
	}

	var b bytes.Buffer
	if err := WriteDetailCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	check("csv", readCSV(t, b.Bytes(), ','), func(row []string, col map[string]int) [2]string {
		return [2]string{row[col["Start"]], row[col["End"]]}
	})

	b.Reset()
	if err := WriteXLSX(&b, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(ShiftsSheet)
	if err != nil {
		t.Fatal(err)
	}
	check("xlsx", rows, func(row []string, col map[string]int) [2]string {
		return [2]string{row[col["Start"]], row[col["End"]]}
	})
}
