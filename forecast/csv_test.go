package forecast

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseCSV(t *testing.T) {
	in := "date,interval_start,weekday,Calls,aht_seconds\n" +
		"2026-01-05,2026-01-05T07:00,Mon,12,180\n" +
		"2026-01-05,2026-01-05T07:30,Mon,3.5,\n"
	s, err := ParseCSV(strings.NewReader(in), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Points) != 2 || s.Style != StyleLocal {
		t.Fatalf("got %d points, style %v", len(s.Points), s.Style)
	}
	want := Observation{Start: time.Date(2026, 1, 5, 7, 0, 0, 0, time.UTC), Volume: 12, AHT: 180 * time.Second}
	if p := s.Points[0]; !p.Start.Equal(want.Start) || p.Volume != want.Volume || p.AHT != want.AHT {
		t.Errorf("first row %+v, want %+v", p, want)
	}
	if p := s.Points[1]; p.Volume != 3.5 || p.AHT != 0 {
		t.Errorf("second row %+v: want volume 3.5 and unknown AHT", p)
	}
	if iv, err := s.Interval(); err != nil || iv != 30*time.Minute {
		t.Errorf("interval %v, %v; want 30m", iv, err)
	}

	rfc := "interval_start,volume\n2026-01-05T07:00:00+01:00,4\n"
	s, err = ParseCSV(strings.NewReader(rfc), time.UTC)
	if err != nil || s.Style != StyleRFC3339 || !s.Points[0].Start.Equal(time.Date(2026, 1, 5, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("RFC 3339 row: %+v, %v", s, err)
	}
}

// A spreadsheet's "CSV UTF-8" export: a byte-order mark, every field
// quoted, CRLF line ends, and times with a space and seconds.
func TestParseCSV_Spreadsheet(t *testing.T) {
	in := "\ufeff\"interval_start\",\"calls\"\r\n\"2026-01-05 07:00\",\"12\"\r\n\"2026-01-05 07:30:00\",\"4\"\r\n"
	s, err := ParseCSV(strings.NewReader(in), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Points) != 2 || !s.Points[1].Start.Equal(time.Date(2026, 1, 5, 7, 30, 0, 0, time.UTC)) || s.Points[1].Volume != 4 {
		t.Errorf("got %+v, want 12 calls at 07:00 and 4 at 07:30", s.Points)
	}
}

// Bad input is refused with the 1-based line number and the column.
func TestParseCSV_Errors(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	for _, tc := range []struct {
		name, in string
		line     int
		field    string
	}{
		{"NoHeader", "", 1, ""},
		{"NoStartColumn", "start,calls\n2026-01-05T07:00,1\n", 1, "interval_start"},
		{"NoVolumeColumn", "interval_start,agents\n2026-01-05T07:00,1\n", 1, "calls"},
		{"BadNumber", "interval_start,calls\n2026-01-05T07:00,1\n2026-01-05T07:15,lots\n", 3, "calls"},
		{"Negative", "interval_start,offered\n2026-01-05T07:00,-2\n", 2, "offered"},
		{"BadTime", "interval_start,calls\n2026-01-05T07:00,1\n05.01.2026 07:15,1\n", 3, "interval_start"},
		{"ShortRow", "interval_start,x,calls\n2026-01-05T07:00,a,1\n2026-01-05T07:15\n", 3, "calls"},
		{"BadAHT", "interval_start,calls,aht\n2026-01-05T07:00,1,fast\n", 2, "aht"},
		{"BadLength", "interval_start,calls,interval_minutes\n2026-01-05T07:00,1,15\n2026-01-05T07:15,1,7.5\n", 3, "interval_minutes"},
		{"EmptyLength", "interval_start,calls,interval_minutes\n2026-01-05T07:00,1,\n", 2, "interval_minutes"},
		{"LengthOverADay", "interval_start,calls,interval_minutes\n2026-01-05T07:00,1,1441\n", 2, "interval_minutes"},
		{"SkippedHour", "interval_start,calls\n2026-03-29T02:30,1\n", 2, "interval_start"},
		{"Duplicate", "interval_start,calls\n2026-01-05T07:00,1\n2026-01-05T07:15,1\n2026-01-05T07:00,2\n", 4, "interval_start"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCSV(strings.NewReader(tc.in), berlin)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a *ValidationError", err)
			}
			if ve.Line != tc.line || ve.Fields[0].Field != tc.field {
				t.Errorf("line %d field %q (%v), want line %d field %q", ve.Line, ve.Fields[0].Field, err, tc.line, tc.field)
			}
			if !strings.Contains(err.Error(), "line ") {
				t.Errorf("message %q does not name the line", err)
			}
		})
	}
}

// On the 25-hour day the repeated hour 02:00–03:00 appears twice with the
// same local label; it parses to distinct instants (CEST, then CET), and
// WriteCSV writes those two hours with offsets so the output has no
// duplicate timestamps and reads back to the same instants.
func TestCSV_FallBackRoundTrip(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	var b strings.Builder
	b.WriteString("interval_start,calls\n")
	for _, l := range []string{"01:00", "02:00", "02:30", "02:00", "02:30", "03:00"} {
		b.WriteString("2026-10-25T" + l + ",1\n")
	}
	s, err := ParseCSV(strings.NewReader(b.String()), berlin)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(s.Points); i++ {
		if d := s.Points[i].Start.Sub(s.Points[i-1].Start); d != 30*time.Minute && !(i == 1 && d == time.Hour) {
			t.Fatalf("row %d: %v after the previous row", i+2, d)
		}
	}
	pts := make([]Point, len(s.Points))
	for i, o := range s.Points {
		pts[i] = Point{Start: o.Start, Forecast: o.Volume}
	}
	var out bytes.Buffer
	if err := WriteCSV(&out, pts, StyleLocal); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if lines[0] != "interval_start,forecast,p10,p90" || lines[1] != "2026-10-25T01:00,1.00,0.00,0.00" {
		t.Errorf("output starts %q", lines[:2])
	}
	if !strings.HasPrefix(lines[2], "2026-10-25T02:00:00+02:00,") || !strings.HasPrefix(lines[4], "2026-10-25T02:00:00+01:00,") {
		t.Errorf("repeated hour written as %q and %q, want RFC 3339 with offsets", lines[2], lines[4])
	}
	back, err := ParseCSV(strings.NewReader(strings.ReplaceAll(out.String(), "forecast", "volume")), berlin)
	if err != nil {
		t.Fatal(err)
	}
	for i := range back.Points {
		if !back.Points[i].Start.Equal(s.Points[i].Start) {
			t.Errorf("row %d read back as %s, want %s", i, back.Points[i].Start, s.Points[i].Start)
		}
	}
}

func TestSeries_Interval(t *testing.T) {
	at := func(h, m int) Observation { return Observation{Start: time.Date(2026, 1, 5, h, m, 0, 0, time.UTC)} }
	for _, tc := range []struct {
		name string
		pts  []Observation
		want time.Duration
		err  error
	}{
		// 6-minute data with a closed gap: the gcd of 6, 60 and 6 minutes.
		{"SixMinutesWithGap", []Observation{at(7, 0), at(7, 6), at(8, 6), at(8, 12)}, 6 * time.Minute, nil},
		{"Empty", nil, 0, ErrEmptyHistory},
		{"Single", []Observation{at(7, 0)}, 0, ErrInterval},
		// 7 minutes does not divide 1440.
		{"NotADivisor", []Observation{at(7, 0), at(7, 7)}, 0, ErrInterval},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Series{Points: tc.pts}.Interval()
			if got != tc.want || !errors.Is(err, tc.err) {
				t.Errorf("got %v, %v; want %v, %v", got, err, tc.want, tc.err)
			}
		})
	}
}
