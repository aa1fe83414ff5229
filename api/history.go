package api

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/scheduling"
)

// maxCSV bounds an uploaded history file (a year of 15-minute intervals is
// about 2 MB).
const maxCSV = 32 << 20

// maxLineErrors bounds the errors listed for one bad file.
const maxLineErrors = 100

type importResult struct {
	QueueID   string `json:"queue_id"`
	Intervals int    `json:"intervals"`
	From      string `json:"from"`
	To        string `json:"to"`
}

// importHistory stores a CSV of interval history for one queue (admin and
// the leads of teams at its site). Every row is checked; one bad row rejects the whole file and
// nothing is stored. The 422 lists each bad row as {"field":"line N",…}.
func (s *Server) importHistory(c echo.Context) error {
	p, err := requireRole(c, scheduling.RoleAdmin, scheduling.RoleTeamLead)
	if err != nil {
		return err
	}
	q, site, loc, err := s.queueSite(c, c.Param("id"))
	if err != nil {
		return err
	}
	if err := s.plansSite(c.Request().Context(), p, site.ID); err != nil {
		return err
	}
	body, err := csvBody(c)
	if err != nil {
		return err
	}
	defer body.Close()
	vs, err := parseHistory(http.MaxBytesReader(c.Response(), body, maxCSV), q.ID, loc, s.now())
	if err != nil {
		return err
	}
	n, err := s.db.ImportHistory(c.Request().Context(), q.ID, vs)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, importResult{QueueID: q.ID, Intervals: n, From: rfc(vs[0].Start), To: rfc(vs[len(vs)-1].Start.Add(vs[len(vs)-1].Length))})
}

// csvBody returns the uploaded file: the multipart part "file", or the raw
// body (text/csv).
func csvBody(c echo.Context) (io.ReadCloser, error) {
	if strings.HasPrefix(c.Request().Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm) {
		fh, err := c.FormFile("file")
		if err != nil {
			v := &scheduling.ValidationError{}
			v.Add("file", "a multipart part named \"file\" is required")
			return nil, v
		}
		return fh.Open()
	}
	return c.Request().Body, nil
}

// historyYears is how far back an imported interval may lie.
const historyYears = 20

// Limits of one imported row: an interval is at most a day, and its
// volume at most what a forecast may be adjusted to (forecast.MaxAdjustVolume),
// more than any contact centre takes; 1e308 calls would make every sum
// over the history infinite.
const (
	maxInterval       = 24 * time.Hour
	maxIntervalVolume = forecast.MaxAdjustVolume
)

// parseHistory reads interval history: a header, then one row per interval.
// Columns (by header name): interval_start (RFC 3339, or local
// "YYYY-MM-DDTHH:MM" / "YYYY-MM-DD HH:MM" in loc), offered (or calls,
// volume), optionally handled and aht_seconds (or aht), and interval_minutes
// (else the smallest gap between starts, or a day's own regular spacing
// when it is a multiple of that, see forecast.DayLengths; either at most a day),
// each column once. A local time repeated when DST
// ends is its first occurrence unless the previous row is already at or past
// it; a local time skipped when DST starts is an error. An interval must
// have begun by now and not before historyYears earlier: one row typed in
// the wrong century would move the end of the history, and every forecast
// starts there. Every bad row is listed by line number.
func parseHistory(r io.Reader, queueID string, loc *time.Location, now time.Time) ([]scheduling.IntervalVolume, error) {
	oldest := now.AddDate(-historyYears, 0, 0)
	cr := csv.NewReader(forecast.SkipBOM(r))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var v scheduling.ValidationError
	add := func(line int, format string, args ...any) {
		if len(v.Fields) < maxLineErrors {
			v.Add(fmt.Sprintf("line %d", line), format, args...)
		}
	}
	header, err := cr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			add(1, "header row: %v", pe.Err)
		} else {
			add(1, "a header row is required (interval_start, offered, …)")
		}
		return nil, &v
	}
	col := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if j, dup := col[name]; dup && name != "" {
			// Which of the two holds the figures is anyone's guess.
			add(1, "column %d repeats column %d (%s)", i+1, j+1, name)
		}
		col[name] = i
	}
	pick := func(names ...string) int {
		for _, n := range names {
			if i, ok := col[n]; ok {
				return i
			}
		}
		return -1
	}
	cStart, cOffered := pick("interval_start", "start"), pick("offered", "calls", "volume")
	cHandled, cAHT, cLen := pick("handled"), pick("aht_seconds", "aht", "handle_time"), pick("interval_minutes")
	if cStart < 0 {
		add(1, "missing column interval_start")
	}
	if cOffered < 0 {
		add(1, "missing column offered (or calls, volume)")
	}
	if len(v.Fields) > 0 {
		return nil, &v
	}
	var out []scheduling.IntervalVolume
	seen := map[time.Time]int{}
	var prev time.Time
	line := 1 // of the last record read
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				// Every row up to here parsed, but the rest of the file
				// was never read: storing a part would lose it silently.
				return nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge,
					fmt.Sprintf("the file is larger than %d MiB; split it into smaller files, each imported on its own", maxCSV>>20))
			}
			// FieldPos panics after a failed Read: the error has the line.
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				add(pe.Line, "%v", pe.Err)
				continue
			}
			add(line+1, "%v", err)
			break
		}
		line, _ = cr.FieldPos(0)
		field := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		start, err := parseLocal(field(cStart), loc, prev)
		if err != nil {
			add(line, "interval_start: %v", err)
			continue
		}
		if start.After(now) || start.Before(oldest) {
			add(line, "interval_start: %s is not between %s and now (%s)", field(cStart),
				oldest.In(loc).Format(time.DateOnly), now.In(loc).Format("2006-01-02 15:04"))
			continue
		}
		num := func(name string, i int, required bool) float64 {
			s := field(i)
			if s == "" {
				if required {
					add(line, "%s: is empty", name)
				}
				return 0
			}
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
				add(line, "%s: %q is not a non-negative number", name, s)
				return 0
			}
			return f
		}
		before := len(v.Fields)
		vol := scheduling.IntervalVolume{QueueID: queueID, Start: start.UTC(), Offered: num("offered", cOffered, true),
			Handled: num("handled", cHandled, false), AHT: seconds(num("aht_seconds", cAHT, false))}
		if cLen >= 0 {
			m := num("interval_minutes", cLen, true)
			if m < 1 || m > 1440 || m != math.Trunc(m) {
				add(line, "interval_minutes: must be a whole number from 1 to 1440")
			}
			vol.Length = minutes(m)
		}
		for _, n := range []struct {
			name string
			i    int
			v    float64
		}{{"offered", cOffered, vol.Offered}, {"handled", cHandled, vol.Handled}} {
			if n.v > maxIntervalVolume {
				add(line, "%s: %s is more than %.0f contacts in one interval", n.name, field(n.i), maxIntervalVolume)
			}
		}
		if vol.AHT > scheduling.MaxWait {
			add(line, "aht_seconds: %s is more than a day (%g s)", field(cAHT), scheduling.MaxWait.Seconds())
		}
		if vol.Handled > vol.Offered {
			add(line, "handled: %g is more than offered %g", vol.Handled, vol.Offered)
		}
		if first, dup := seen[vol.Start]; dup {
			add(line, "interval_start: %s repeats line %d", field(cStart), first)
		}
		if len(v.Fields) > before {
			continue
		}
		seen[vol.Start] = line
		out = append(out, vol)
		prev = start
	}
	if len(out) == 0 && len(v.Fields) == 0 {
		add(2, "the file has no data rows")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b scheduling.IntervalVolume) int { return a.Start.Compare(b.Start) })
	if cLen < 0 {
		starts := make([]time.Time, len(out))
		for i, o := range out {
			starts[i] = o.Start
		}
		if grid, i := forecast.OffGrid(starts); i >= 0 {
			add(seen[out[i].Start], "interval_start: %s is off the %v grid of the other rows (or add an interval_minutes column)",
				out[i].Start.In(loc).Format("2006-01-02 15:04"), grid)
			return nil, &v
		}
	}
	gap := 15 * time.Minute
	for i := 1; i < len(out); i++ {
		if d := out[i].Start.Sub(out[i-1].Start); i == 1 || d < gap {
			gap = d
		}
	}
	if cLen < 0 && gap > maxInterval {
		// Rows days apart (a year typed wrong, or a sample of a file) give
		// no interval length: one row would stand for the weeks until the
		// next.
		add(seen[out[1].Start], "interval_start: the rows are at least %v apart, more than a day; add an interval_minutes column",
			gap)
		return nil, &v
	}
	if cLen < 0 {
		starts := make([]time.Time, len(out))
		for i, o := range out {
			starts[i] = o.Start
		}
		for i, l := range forecast.DayLengths(starts, loc, gap) {
			out[i].Length = l
		}
	}
	return out, nil
}

// parseLocal reads RFC 3339 or a local wall-clock time in loc (see
// parseHistory for DST handling).
func parseLocal(s string, loc *time.Location, prev time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, errors.New("is empty")
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	var t time.Time
	var err error
	layout := ""
	for _, layout = range []string{"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err = time.ParseInLocation(layout, s, loc); err == nil {
			break
		}
	}
	if err != nil {
		return t, fmt.Errorf("%q is not RFC 3339 or YYYY-MM-DDTHH:MM", s)
	}
	if t.Format(layout) != s {
		return t, fmt.Errorf("%s does not exist in %s (clocks skip it)", s, loc)
	}
	// The hour repeated when DST ends: which occurrence time.ParseInLocation
	// returns depends on the zone (the second in Europe/Berlin, the first in
	// America/New_York), so start from the first, and take the second when
	// the previous row is already at or past the first.
	if earlier := t.Add(-time.Hour); earlier.Format(layout) == s {
		t = earlier
	}
	if later := t.Add(time.Hour); !prev.IsZero() && !t.After(prev) && later.Format(layout) == s {
		return later, nil
	}
	return t, nil
}
