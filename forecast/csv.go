package forecast

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// TimeStyle is how a CSV writes interval starts.
type TimeStyle int

const (
	// StyleLocal is local wall-clock time without offset, "2006-01-02T15:04".
	StyleLocal TimeStyle = iota
	// StyleRFC3339 is RFC 3339 with the UTC offset, "2006-01-02T15:04:05-07:00".
	StyleRFC3339
)

const localLayout = "2006-01-02T15:04"

// SkipBOM drops the byte-order mark spreadsheets write before a CSV's
// first header (Excel's "CSV UTF-8"), so that a quoted first header still
// parses.
func SkipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		br.Discard(3)
	}
	return br
}

// LocalLayouts are the local wall-clock forms ParseCSV reads: localLayout,
// and the space and seconds that spreadsheets write.
var LocalLayouts = []string{localLayout, "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02 15:04:05"}

// Column names accepted by ParseCSV (case-insensitive).
var (
	startColumns  = []string{"interval_start"}
	volumeColumns = []string{"calls", "volume", "offered"}
	ahtColumns    = []string{"aht", "aht_seconds", "handle_time"}
	lengthColumns = []string{"interval_minutes"}
)

// ParseCSV reads an interval history: a header row, then one row per
// interval. Columns: interval_start (local "YYYY-MM-DDTHH:MM" in loc, also
// with a space for the T or with seconds, or RFC 3339 with an offset), a volume column named calls, volume or offered, and
// optionally the average handle time in seconds (aht, aht_seconds or
// handle_time; empty = unknown) and the interval's length (interval_minutes,
// a whole number from 1 to 1440). Other columns are ignored. Without
// interval_minutes each row's Length is the smallest gap between starts,
// or its day's own regular spacing where that is a multiple of it (see
// DayLengths). A history of several lengths is forecast through
// Series.OnFinestGrid.
//
// A local time that the clock shows twice (the hour repeated when DST ends)
// is read as its first occurrence, and as the second when it follows a row at
// or after the first occurrence, so a day of 25 hours of rows parses to 25
// distinct hours. A local time that does not exist (skipped when DST starts)
// is an error. Errors are *ValidationError naming the line and the column.
func ParseCSV(r io.Reader, loc *time.Location) (Series, error) {
	if loc == nil {
		loc = time.UTC
	}
	cr := csv.NewReader(SkipBOM(r))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	rec, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return Series{}, lineError(1, "", "missing header row")
	}
	if err != nil {
		return Series{}, csvError(err)
	}
	header := append([]string(nil), rec...) // the reader reuses rec
	startCol, volCol, ahtCol, lenCol := -1, -1, -1, -1
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		switch {
		case contains(startColumns, h) && startCol < 0:
			startCol = i
		case contains(volumeColumns, h) && volCol < 0:
			volCol = i
		case contains(ahtColumns, h) && ahtCol < 0:
			ahtCol = i
		case contains(lengthColumns, h) && lenCol < 0:
			lenCol = i
		}
	}
	if startCol < 0 {
		return Series{}, lineError(1, "interval_start", "header has no interval_start column")
	}
	if volCol < 0 {
		return Series{}, lineError(1, "calls", "header has no volume column (calls, volume or offered)")
	}
	s := Series{Location: loc, Style: StyleLocal}
	var prev time.Time
	seen := map[int64]int{} // instant → line
	for row := 0; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Series{}, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		need := max(startCol, volCol)
		if len(rec) <= need {
			return Series{}, lineError(line, header[need], "row has %d fields, want at least %d", len(rec), need+1)
		}
		raw := strings.TrimSpace(rec[startCol])
		t, style, err := parseStart(raw, loc, prev)
		if err != nil {
			return Series{}, lineError(line, "interval_start", "%v", err)
		}
		if row == 0 {
			s.Style = style
		}
		if first, dup := seen[t.Unix()]; dup {
			return Series{}, lineError(line, "interval_start", "%s repeats line %d", raw, first)
		}
		seen[t.Unix()] = line
		prev = t
		v, err := strconv.ParseFloat(strings.TrimSpace(rec[volCol]), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return Series{}, lineError(line, header[volCol], "want a number ≥ 0, got %q", rec[volCol])
		}
		o := Observation{Start: t, Volume: v}
		if ahtCol >= 0 && ahtCol < len(rec) {
			if a := strings.TrimSpace(rec[ahtCol]); a != "" {
				sec, err := strconv.ParseFloat(a, 64)
				if err != nil || !(sec >= 0) || sec > 1e7 {
					return Series{}, lineError(line, header[ahtCol], "want seconds ≥ 0, got %q", a)
				}
				o.AHT = time.Duration(sec * float64(time.Second))
			}
		}
		if lenCol >= 0 {
			m := ""
			if lenCol < len(rec) {
				m = strings.TrimSpace(rec[lenCol])
			}
			n, err := strconv.Atoi(m)
			if err != nil || n < 1 || n > 1440 {
				return Series{}, lineError(line, header[lenCol], "want a whole number of minutes from 1 to 1440, got %q", m)
			}
			o.Length = time.Duration(n) * time.Minute
		}
		s.Points = append(s.Points, o)
	}
	if len(s.Points) == 0 {
		return Series{}, lineError(2, "", "no data rows")
	}
	if lenCol < 0 {
		inferLengths(s.Points, loc)
	}
	return s, nil
}

// inferLengths sets the Length of observations read without
// interval_minutes (see DayLengths); a single row, or rows more than a day
// apart, say nothing of it.
func inferLengths(obs []Observation, loc *time.Location) {
	idx := make([]int, len(obs))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return obs[idx[a]].Start.Before(obs[idx[b]].Start) })
	starts := make([]time.Time, len(idx))
	for k, i := range idx {
		starts[k] = obs[i].Start
	}
	if len(starts) < 2 {
		return
	}
	gap := starts[1].Sub(starts[0])
	for k := 2; k < len(starts); k++ {
		gap = min(gap, starts[k].Sub(starts[k-1]))
	}
	if gap > 24*time.Hour {
		return
	}
	for k, l := range DayLengths(starts, loc, gap) {
		obs[idx[k]].Length = l
	}
}

// parseStart reads one interval_start cell; prev is the previous row's
// instant, used to place the repeated hour of a DST fall-back day.
func parseStart(raw string, loc *time.Location, prev time.Time) (time.Time, TimeStyle, error) {
	if t, err := time.Parse(time.RFC3339, raw); err == nil {
		return t.In(loc), StyleRFC3339, nil
	}
	var t time.Time
	var err error
	layout := ""
	for _, layout = range LocalLayouts {
		if t, err = time.ParseInLocation(layout, raw, loc); err == nil {
			break
		}
	}
	if err != nil {
		return time.Time{}, 0, fmt.Errorf("want YYYY-MM-DDTHH:MM or RFC 3339, got %q", raw)
	}
	if t.Format(layout) != raw {
		return time.Time{}, 0, fmt.Errorf("%q does not exist in %s (clocks skip it)", raw, loc)
	}
	// A repeated wall time: the first occurrence, or the second when the
	// previous row is already at or after the first.
	if earlier := t.Add(-time.Hour); earlier.Format(layout) == raw {
		t = earlier
	}
	if later := t.Add(time.Hour); later.Format(layout) == raw && !prev.IsZero() && !prev.Before(t) {
		t = later
	}
	return t, StyleLocal, nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return lineError(pe.Line, "", "%v", pe.Err)
	}
	return err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// WriteCSV writes points as "interval_start,forecast,p10,p90" (plus
// aht_seconds when any point has a handle time) with starts in style. In
// StyleLocal an instant whose wall time occurs twice (the repeated hour of a
// DST fall-back day) is written in RFC 3339 with its offset, so no two rows
// share a timestamp; ParseCSV reads both forms.
func WriteCSV(w io.Writer, points []Point, style TimeStyle) error {
	withAHT := false
	for _, p := range points {
		if p.AHT > 0 {
			withAHT = true
			break
		}
	}
	cw := csv.NewWriter(w)
	head := []string{"interval_start", "forecast", "p10", "p90"}
	if withAHT {
		head = append(head, "aht_seconds")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(head))
	for _, p := range points {
		rec[0] = formatStart(p.Start, style)
		rec[1] = formatVolume(p.Forecast)
		rec[2] = formatVolume(p.P10)
		rec[3] = formatVolume(p.P90)
		if withAHT {
			rec[4] = strconv.FormatFloat(p.AHT.Seconds(), 'f', 1, 64)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func formatStart(t time.Time, style TimeStyle) string {
	if style == StyleRFC3339 {
		return t.Format(time.RFC3339)
	}
	label := t.Format(localLayout)
	if t.Add(-time.Hour).Format(localLayout) == label || t.Add(time.Hour).Format(localLayout) == label {
		return t.Format(time.RFC3339)
	}
	return label
}

func formatVolume(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
