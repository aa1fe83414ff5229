package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/forecast/staffing"
)

// staffFlags are the staffing knobs shared by `erlang` and `requirements`.
type staffFlags struct {
	sl, maxOcc, maxAbandon         float64
	shrinkage, plannedShrinkage    float64
	within, asa, patience, respond time.Duration
	concurrency                    int
	growth                         float64
	channel                        string
}

func (qf *staffFlags) register(fs *flag.FlagSet, defaultChannel string) {
	fs.Float64Var(&qf.sl, "sl", 0, "service-level `fraction` to answer within --answer-within, e.g. 0.8")
	fs.DurationVar(&qf.within, "answer-within", 0, "answer-time threshold of --sl, e.g. 20s")
	fs.DurationVar(&qf.asa, "asa", 0, "largest average speed of answer, e.g. 15s (optional)")
	fs.Float64Var(&qf.maxOcc, "max-occupancy", 0, "occupancy cap `fraction`, e.g. 0.85 (default no cap)")
	fs.Float64Var(&qf.shrinkage, "shrinkage", 0, "unplanned shrinkage `fraction` (absence) added on top of the agents")
	fs.Float64Var(&qf.plannedShrinkage, "planned-shrinkage", 0, "planned shrinkage `fraction` (breaks, meetings) when no roster places them")
	fs.DurationVar(&qf.patience, "patience", 0, "callers' mean patience, e.g. 60s: Erlang A with abandonment (default Erlang C)")
	fs.Float64Var(&qf.maxAbandon, "max-abandon", 0, "abandonment cap `fraction` (needs --patience)")
	fs.IntVar(&qf.concurrency, "concurrency", 0, "chats one agent handles at once (implies --channel chat when > 1)")
	fs.Float64Var(&qf.growth, "concurrency-growth", 0, "handle-time growth per extra concurrent chat, as a `fraction` of the AHT")
	fs.DurationVar(&qf.respond, "response-within", 0, "e-mail response-time target, e.g. 24h")
	fs.StringVar(&qf.channel, "channel", defaultChannel, "phone, chat or email")
}

func (qf *staffFlags) queue(fs *flag.FlagSet) (staffing.Queue, staffing.Shrinkage, error) {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["sl"] && !set["answer-within"] {
		return staffing.Queue{}, staffing.Shrinkage{}, usagef("flag --answer-within is required with --sl")
	}
	ch, err := staffing.ParseChannel(qf.channel)
	if err != nil {
		return staffing.Queue{}, staffing.Shrinkage{}, usagef("--channel: %q is not phone, chat or email", qf.channel)
	}
	if qf.concurrency > 1 && ch == staffing.Phone {
		ch = staffing.Chat
	}
	q := staffing.Queue{
		Skill: staffing.Skill{Channel: ch},
		Target: staffing.Target{
			ServiceLevel:   qf.sl,
			AnswerWithin:   qf.within,
			ASA:            qf.asa,
			MaxOccupancy:   qf.maxOcc,
			MaxAbandon:     qf.maxAbandon,
			ResponseWithin: qf.respond,
		},
		Patience:          qf.patience,
		Concurrency:       qf.concurrency,
		ConcurrencyGrowth: qf.growth,
	}
	shr := staffing.Shrinkage{Planned: qf.plannedShrinkage, Unplanned: qf.shrinkage}
	if ch != staffing.Email && qf.sl == 0 && qf.asa == 0 {
		return q, shr, usagef("give a service goal: --sl with --answer-within, or --asa")
	}
	if err := q.Validate(); err != nil {
		return q, shr, staffFlagError(err)
	}
	if err := shr.Validate(); err != nil {
		return q, shr, staffFlagError(err)
	}
	return q, shr, nil
}

// staffFlagNames maps staffing field names to the flags that set them.
var staffFlagNames = map[string]string{
	"Target.ServiceLevel":   "--sl",
	"Target.AnswerWithin":   "--answer-within",
	"Target.ASA":            "--asa",
	"Target.MaxOccupancy":   "--max-occupancy",
	"Target.MaxAbandon":     "--max-abandon",
	"Target.ResponseWithin": "--response-within",
	"ResponseWithin":        "--response-within",
	"Patience":              "--patience",
	"Concurrency":           "--concurrency",
	"ConcurrencyGrowth":     "--concurrency-growth",
	"Shrinkage.Planned":     "--planned-shrinkage",
	"Shrinkage.Unplanned":   "--shrinkage",
	"Shrinkage":             "--shrinkage with --planned-shrinkage",
	"Volume":                "--volume",
	"Period":                "--period",
	"AHT":                   "--aht",
}

// staffFlagError turns a staffing validation error into a usage error naming the
// flag.
func staffFlagError(err error) error {
	var ve *staffing.ValidationError
	if errors.As(err, &ve) {
		if name, ok := staffFlagNames[ve.Field]; ok {
			return usagef("%s: %s", name, ve.Message)
		}
	}
	return err
}

// erlangResult is the JSON printed by `shiftplan erlang`.
type erlangResult struct {
	Agents              int          `json:"agents"`
	AgentsWithShrinkage int          `json:"agents_with_shrinkage"`
	ServiceLevel        float64      `json:"service_level"`
	ASASeconds          float64      `json:"asa_seconds"`
	Occupancy           float64      `json:"occupancy"`
	PWait               float64      `json:"p_wait"`
	PAbandon            *float64     `json:"p_abandon,omitempty"`
	Erlangs             float64      `json:"erlangs"`
	FractionalAgents    float64      `json:"fractional_agents"`
	Model               string       `json:"model"`
	Binding             string       `json:"binding"`
	AtNMinus1           *erlangPoint `json:"at_n_minus_1,omitempty"`
	Marginal            []float64    `json:"marginal"`
	Explanation         string       `json:"explanation"`
}

// erlangPoint is the performance at one staffing level.
type erlangPoint struct {
	Agents       int      `json:"agents"`
	ServiceLevel float64  `json:"service_level"`
	ASASeconds   *float64 `json:"asa_seconds"` // null when unstable
	Occupancy    float64  `json:"occupancy"`
	PWait        float64  `json:"p_wait"`
	PAbandon     *float64 `json:"p_abandon,omitempty"`
}

func runErlang(ctx context.Context, args []string, std stdio) error {
	fs := newFlags("erlang", "erlang --volume N --period 30m --aht 180s --sl 0.8 --answer-within 20s [flags]", std)
	volume := fs.Float64("volume", 0, "contacts arriving in the period")
	period := fs.Duration("period", 0, "interval length, e.g. 30m")
	aht := fs.Duration("aht", 0, "average handle time, e.g. 180s")
	var qf staffFlags
	qf.register(fs, "phone")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := requireFlags(fs, "volume", "period", "aht"); err != nil {
		return err
	}
	q, shr, err := qf.queue(fs)
	if err != nil {
		return err
	}
	if q.Skill.Channel == staffing.Email {
		return usagef("--channel email is deferred work: use `shiftplan requirements` over a horizon")
	}
	r, err := staffing.Agents(staffing.Load{Volume: *volume, Period: *period, AHT: *aht}, q)
	if err != nil {
		return staffFlagError(err)
	}
	out := erlangResult{
		Agents:              r.Agents,
		AgentsWithShrinkage: shr.Scheduled(r.Agents),
		ServiceLevel:        round6dp(r.ServiceLevel),
		ASASeconds:          round6dp(r.ASA.Seconds()),
		Occupancy:           round6dp(r.Occupancy),
		PWait:               round6dp(r.PWait),
		Erlangs:             round6dp(r.Erlangs),
		FractionalAgents:    round6dp(r.Fractional),
		Model:               r.Model,
		Binding:             r.Binding,
		Marginal:            make([]float64, len(r.Marginal)),
		Explanation:         r.Explain(),
	}
	for i, m := range r.Marginal {
		out.Marginal[i] = round6dp(m)
	}
	if q.Patience > 0 {
		out.PAbandon = ptrTo(round6dp(r.PAbandon))
	}
	if r.Agents > 0 {
		p := r.AtNMinus1
		pt := &erlangPoint{Agents: p.Agents, ServiceLevel: round6dp(p.ServiceLevel), Occupancy: round6dp(p.Occupancy), PWait: round6dp(p.PWait)}
		if p.Stable() {
			pt.ASASeconds = ptrTo(round6dp(p.ASA.Seconds()))
		}
		if q.Patience > 0 {
			pt.PAbandon = ptrTo(round6dp(p.PAbandon))
		}
		out.AtNMinus1 = pt
	}
	enc := json.NewEncoder(std.out)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func runRequirements(ctx context.Context, args []string, std stdio) error {
	fs := newFlags("requirements", "requirements --forecast FORECAST.csv --aht 300s --sl 0.8 --answer-within 20s [flags]", std)
	path := fs.String("forecast", "", "forecast CSV (interval_start,forecast,…), - for stdin")
	aht := fs.Duration("aht", 0, "average handle time, e.g. 300s (default: the CSV's aht_seconds column)")
	column := fs.String("column", "forecast", "volume column to staff, e.g. p90")
	tz := fs.String("tz", "UTC", "IANA time zone of timestamps written without an offset")
	outPath := fs.String("out", "", "output CSV file (default stdout)")
	periodFlag := fs.Duration("period", 0, "interval length (default: inferred from the timestamps)")
	var qf staffFlags
	qf.register(fs, "phone")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := requireFlags(fs, "forecast"); err != nil {
		return err
	}
	if *aht < 0 {
		return usagef("--aht: must be positive, got %v", *aht)
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return usagef("--tz: %v", err)
	}
	q, shr, err := qf.queue(fs)
	if err != nil {
		return err
	}
	q.Name = *path
	var w io.Writer = std.out
	if *outPath != "" {
		f, err := createOut(*outPath)
		if err != nil {
			return err
		}
		defer f.Discard()
		w = f
	}

	var in io.Reader = std.in
	if *path != "-" {
		f, err := os.Open(*path)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	rows, err := readStaffForecast(in, *path, *column, loc)
	if err != nil {
		return err
	}
	period := *periodFlag
	if period < 0 {
		return usagef("--period: must be positive, got %v", period)
	}
	if period == 0 {
		if period, err = inferStaffPeriod(rows, *path); err != nil {
			return err
		}
	}
	intervals := make([]staffing.Interval, len(rows))
	for i, r := range rows {
		intervals[i] = staffing.Interval{Start: r.start, Volume: r.volume, AHT: *aht}
		if *aht == 0 {
			if r.aht <= 0 {
				return usagef("flag --aht is required: %s:%d has no aht_seconds", *path, r.line)
			}
			intervals[i].AHT = r.aht
		}
		// A load no queue carries names its line, not the flag.
		if err := (staffing.Load{Volume: r.volume, Period: period, AHT: intervals[i].AHT}).Validate(); err != nil {
			var ve *staffing.ValidationError
			if errors.As(err, &ve) {
				return fmt.Errorf("%s:%d: %s", *path, r.line, ve.Message)
			}
			return err
		}
	}
	reqs, err := staffing.Requirements(intervals, period, q)
	if err != nil {
		return staffFlagError(err)
	}

	withShrinkage := shr != (staffing.Shrinkage{})
	cw := csv.NewWriter(w)
	header := []string{"interval_start", "volume", "erlangs", "agents", "service_level", "asa_seconds", "occupancy"}
	if withShrinkage {
		header = append(header, "agents_with_shrinkage")
	}
	cw.Write(header)
	for i, r := range reqs {
		asa := ""
		if r.Stable() {
			asa = formatStaffFloat(r.ASA.Seconds())
		}
		rec := []string{rows[i].raw, formatStaffFloat(r.Volume), formatStaffFloat(r.Erlangs), strconv.Itoa(r.Agents),
			formatStaffFloat(r.ServiceLevel), asa, formatStaffFloat(r.Occupancy)}
		if withShrinkage {
			rec = append(rec, strconv.Itoa(shr.Scheduled(r.Agents)))
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	if f, ok := w.(*outFile); ok {
		return f.Commit()
	}
	return nil
}

// staffRow is one data line of a forecast CSV.
type staffRow struct {
	line   int
	raw    string // interval_start as written, echoed in the output
	start  time.Time
	volume float64
	aht    time.Duration // from an aht_seconds column; 0 when absent
}

// readStaffForecast parses interval_start and the volume column of a forecast
// CSV; errors name the file and line.
func readStaffForecast(r io.Reader, name, column string, loc *time.Location) ([]staffRow, error) {
	cr := csv.NewReader(forecast.SkipBOM(r))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: reading header: %w", name, err)
	}
	iStart, iVol, iAHT := -1, -1, -1
	for i, h := range header {
		switch strings.TrimSpace(h) {
		case "interval_start":
			iStart = i
		case column:
			iVol = i
		case "aht_seconds":
			iAHT = i
		}
	}
	if iStart < 0 {
		return nil, fmt.Errorf("%s:1: no interval_start column in header %q", name, strings.Join(header, ","))
	}
	if iVol < 0 {
		return nil, fmt.Errorf("%s:1: no %q column in header %q", name, column, strings.Join(header, ","))
	}
	var rows []staffRow
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) <= max(iStart, iVol) {
			return nil, fmt.Errorf("%s:%d: %d fields, want at least %d", name, line, len(rec), max(iStart, iVol)+1)
		}
		raw := strings.TrimSpace(rec[iStart])
		var prev *time.Time
		if len(rows) > 0 {
			prev = &rows[len(rows)-1].start
		}
		start, err := parseStaffStart(raw, loc, prev)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: interval_start %q: %v", name, line, raw, err)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rec[iVol]), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return nil, fmt.Errorf("%s:%d: %s %q is not a number ≥ 0", name, line, column, rec[iVol])
		}
		if prev != nil && !start.After(*prev) {
			return nil, fmt.Errorf("%s:%d: interval_start %s is not after the previous row", name, line, raw)
		}
		row := staffRow{line: line, raw: raw, start: start, volume: v}
		if iAHT >= 0 && iAHT < len(rec) && strings.TrimSpace(rec[iAHT]) != "" {
			sec, err := strconv.ParseFloat(strings.TrimSpace(rec[iAHT]), 64)
			if err != nil || !(sec > 0) || math.IsInf(sec, 0) {
				return nil, fmt.Errorf("%s:%d: aht_seconds %q is not a positive number", name, line, rec[iAHT])
			}
			row.aht = time.Duration(sec * float64(time.Second))
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no data rows", name)
	}
	return rows, nil
}

// parseStaffStart parses an RFC 3339 instant or a local wall-clock time. A
// wall-clock time repeated when DST ends (02:30 twice in an autumn night)
// is taken as its earliest occurrence after prev, the previous row.
func parseStaffStart(s string, loc *time.Location, prev *time.Time) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range forecast.LocalLayouts {
		t, err := time.ParseInLocation(layout, s, loc)
		if err != nil {
			continue
		}
		if prev != nil {
			// Among the instants that read s on the wall clock (two when DST
			// ends), take the earliest after the previous row.
			for k := -4; k <= 4; k++ {
				t2 := t.Add(time.Duration(k) * 30 * time.Minute)
				if t2.After(*prev) && t2.In(loc).Format(layout) == s {
					return t2, nil
				}
			}
		}
		return t, nil
	}
	return time.Time{}, errors.New("want RFC 3339 (2026-03-02T08:30:00+01:00) or local time (2026-03-02T08:30)")
}

// inferStaffPeriod returns the interval length: the most common gap between
// consecutive rows. Every gap must be a whole number of periods (longer gaps
// are closed time).
func inferStaffPeriod(rows []staffRow, name string) (time.Duration, error) {
	if len(rows) < 2 {
		return 0, fmt.Errorf("%s: need at least two rows to infer the interval length", name)
	}
	count := map[time.Duration]int{}
	var best time.Duration
	for i := 1; i < len(rows); i++ {
		d := rows[i].start.Sub(rows[i-1].start)
		count[d]++
		if count[d] > count[best] || (count[d] == count[best] && d < best) {
			best = d
		}
	}
	for i := 1; i < len(rows); i++ {
		if d := rows[i].start.Sub(rows[i-1].start); d%best != 0 {
			return 0, fmt.Errorf("%s:%d: interval_start %s is %v after the previous row, not a multiple of the %v interval", name, rows[i].line, rows[i].raw, d, best)
		}
	}
	return best, nil
}

func round6dp(x float64) float64 { return math.Round(x*1e6) / 1e6 }

func formatStaffFloat(x float64) string { return strconv.FormatFloat(round6dp(x), 'f', -1, 64) }

func ptrTo[T any](v T) *T { return &v }
