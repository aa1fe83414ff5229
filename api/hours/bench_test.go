package hours

import (
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling/pay"
)

// BenchmarkReport builds and writes the month report of 2 000 agents with
// 20 shifts each (40 000 detail rows) in every format.
func BenchmarkReport(b *testing.B) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		b.Fatal(err)
	}
	rules := pay.Rules{NightStart: 22 * time.Hour, NightEnd: 6 * time.Hour, NightPremium: 0.25, SundayPremium: 0.5, OvertimePremium: 0.25}
	var in []Input
	for a := range 2000 {
		var shifts []pay.Shift
		for d := range 28 {
			if (d+a)%7 >= 5 {
				continue
			}
			st := time.Date(2026, 10, 5+d, 6+a%16, 0, 0, 0, loc)
			shifts = append(shifts, pay.Shift{ID: "s", Start: st, End: st.Add(8 * time.Hour)})
		}
		s, err := pay.Summarize(shifts, pay.Contract{WeeklyHours: 38.5, HourlyRate: 19.5}, rules, loc, nil)
		if err != nil {
			b.Fatal(err)
		}
		in = append(in, Input{Agent: Agent{ID: "a" + strconv.Itoa(a), Name: "Agent", Team: "T"}, Summary: s})
	}
	from, to := time.Date(2026, 10, 5, 0, 0, 0, 0, loc), time.Date(2026, 11, 2, 0, 0, 0, 0, loc)
	for _, w := range []struct {
		name  string
		write func(io.Writer, Report) error
	}{{"CSV", WriteDetailCSV}, {"XLSX", WriteXLSX}, {"JSON", WriteJSON}, {"JSONAgents", WriteAgentsJSON}} {
		b.Run(w.name, func(b *testing.B) {
			var out countWriter
			for b.Loop() {
				r, err := Build(from, to, loc, in)
				if err != nil {
					b.Fatal(err)
				}
				out = 0
				if err := w.write(&out, r); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out), "bytes/report")
		})
	}
}

// countWriter counts the bytes written to it.
type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
