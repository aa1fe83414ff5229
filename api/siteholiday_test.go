package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

type siteYear struct {
	Year          int    `json:"year"`
	HolidayRegion string `json:"holiday_region"`
	Days          []struct {
		Date       string `json:"date"`
		Name       string `json:"name"`
		Holiday    bool   `json:"holiday"`
		PublicName string `json:"public_name"`
		Own        bool   `json:"own"`
		Working    bool   `json:"working"`
	} `json:"days"`
}

// holidayDates lists the dates of a year that count as holidays.
func (y siteYear) holidayDates() []string {
	var out []string
	for _, d := range y.Days {
		if d.Holiday {
			out = append(out, d.Date)
		}
	}
	return out
}

// TestSiteHolidays_Year: Berlin's public holidays of 2026 by the Berlin
// holiday law (Feiertagsgesetz, with Women's Day since 2019) and Easter on
// 5 April 2026: New Year, 8 March, Good Friday 3 April, Easter Monday 6
// April, 1 May, Ascension 14 May (Easter + 39), Whit Monday 25 May
// (Easter + 50), 3 October, 25 and 26 December. The site makes Christmas
// Eve a holiday of its own and works 3 October; bad input is refused on
// the field it concerns and changes nothing stored.
func TestSiteHolidays_Year(t *testing.T) {
	f := sqliteFixture(t)
	hr := f.login(t, "hr")
	path := "/api/v1/sites/" + f.site.ID + "/holidays"
	read := func() siteYear {
		t.Helper()
		res, body := hr.do("GET", path+"?year=2026", nil, nil)
		if res.StatusCode != 200 {
			t.Fatalf("GET holidays: %d %s", res.StatusCode, body)
		}
		return decode[siteYear](t, body)
	}
	berlin := []string{"2026-01-01", "2026-03-08", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25",
		"2026-10-03", "2026-12-25", "2026-12-26"}
	y := read()
	if y.Year != 2026 || y.HolidayRegion != "DE-BE" || strings.Join(y.holidayDates(), " ") != strings.Join(berlin, " ") {
		t.Fatalf("Berlin 2026: %+v, want holidays %v", y, berlin)
	}

	for _, put := range []struct {
		date string
		body map[string]any
	}{
		{"2026-12-24", map[string]any{"name": " Heiligabend "}},
		{"2026-10-03", map[string]any{"working": true}},
	} {
		if res, body := hr.do("PUT", path+"/"+put.date, put.body, nil); res.StatusCode != 200 {
			t.Fatalf("PUT %s: %d %s", put.date, res.StatusCode, body)
		}
	}
	want := []string{"2026-01-01", "2026-03-08", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25",
		"2026-12-24", "2026-12-25", "2026-12-26"}
	y = read()
	if strings.Join(y.holidayDates(), " ") != strings.Join(want, " ") || len(y.Days) != 11 {
		t.Fatalf("after the site's days: %+v, want holidays %v and 3 October listed", y, want)
	}
	for _, d := range y.Days {
		switch d.Date {
		case "2026-12-24":
			if d.Name != "Heiligabend" || !d.Own || d.PublicName != "" {
				t.Errorf("24 December: %+v", d)
			}
		case "2026-10-03":
			if !d.Own || !d.Working || d.PublicName == "" || d.Holiday {
				t.Errorf("3 October: %+v", d)
			}
		}
	}

	refused := []struct {
		method, path string
		body         map[string]any
		status       int
		field        string
	}{
		{"PUT", path + "/2026-12-23", map[string]any{"working": true}, 422, "working"},
		{"PUT", path + "/2026-12-25", map[string]any{"name": "Christmas"}, 422, "date"},
		{"PUT", path + "/2026-12-31", map[string]any{"name": "  "}, 422, "name"},
		{"PUT", path + "/2026-05-01", map[string]any{"working": true, "name": "Labour Day"}, 422, "name"},
		{"PUT", path + "/2026-12-31", map[string]any{"name": strings.Repeat("x", scheduling.MaxNameLength+1)}, 422, "name"},
		{"PUT", path + "/2026-13-01", map[string]any{"name": "X"}, 422, "date"},
		{"PUT", path + "/2026-12-31", map[string]any{"name": "Silvester", "from": "25:00"}, 422, "from"},
		{"PUT", path + "/2026-12-31", map[string]any{"name": "Silvester", "from": "2 pm"}, 422, "from"},
		{"PUT", path + "/2026-05-01", map[string]any{"working": true, "from": "14:00"}, 422, "from"},
		{"PUT", path + "/1900-01-02", map[string]any{"name": "X"}, 422, "date"},
		{"PUT", path + "/2026-12-31", map[string]any{"name": "X", "closed": true}, 422, "closed"},
		{"GET", path + "?year=twenty", nil, 422, "year"},
		{"GET", path + "?year=99999", nil, 422, "year"},
		{"DELETE", path + "/2026-12-31", nil, 404, ""},
		{"PUT", "/api/v1/sites/no-such-site/holidays/2026-12-31", map[string]any{"name": "X"}, 404, ""},
		{"GET", "/api/v1/sites/no-such-site/holidays", nil, 404, ""},
	}
	for _, r := range refused {
		res, body := hr.do(r.method, r.path, r.body, nil)
		if res.StatusCode != r.status {
			t.Errorf("%s %s %v: %d %s, want %d", r.method, r.path, r.body, res.StatusCode, body, r.status)
			continue
		}
		if r.field != "" {
			if got := fieldErrors(t, body); len(got) != 1 || !strings.HasPrefix(got[0], r.field+": ") {
				t.Errorf("%s %s %v: problems %v, want one on %s", r.method, r.path, r.body, got, r.field)
			}
		}
	}
	if y := read(); strings.Join(y.holidayDates(), " ") != strings.Join(want, " ") {
		t.Errorf("after refusals: holidays %v, want %v", y.holidayDates(), want)
	}

	for _, date := range []string{"2026-12-24", "2026-10-03"} {
		if res, body := hr.do("DELETE", path+"/"+date, nil, nil); res.StatusCode != http.StatusNoContent {
			t.Fatalf("DELETE %s: %d %s", date, res.StatusCode, body)
		}
	}
	if y := read(); strings.Join(y.holidayDates(), " ") != strings.Join(berlin, " ") || len(y.Days) != len(berlin) {
		t.Errorf("after removing the site's days: %+v, want Berlin's calendar", y)
	}
}

// TestSiteHolidays_PayAndMarks: the fixture's published shifts of 2 March
// 2026 (Monday, 07:00–15:00 in Berlin, no public holiday) are holiday
// hours once the site makes the day a holiday of its own: 8 per agent in
// the hours report, and marked holiday in the shift list; from 12:00, 3
// each (12:00–15:00); from 15:00, when they end, none. A shift on
// Good Friday (3 April 2026) is 8 holiday hours until the site works the
// day, then regular.
func TestSiteHolidays_PayAndMarks(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	easter := scheduling.Roster{TeamID: f.teamB.ID, PeriodStart: time.Date(2026, 3, 30, 0, 0, 0, 0, berlin),
		PeriodEnd: time.Date(2026, 4, 6, 0, 0, 0, 0, berlin)}
	must(t, f.db.CreateRoster(ctx, &easter))
	start := time.Date(2026, 4, 3, 9, 0, 0, 0, berlin)
	v, err := f.db.ReplaceRosterShifts(ctx, easter.ID, 0, []scheduling.Shift{{AgentID: f.agentB.ID, TemplateID: f.tmpl.ID,
		Start: start, End: start.Add(8 * time.Hour), Activity: "work", Status: scheduling.ShiftActive}})
	must(t, err)
	_, err = f.db.PublishRoster(ctx, easter.ID, v)
	must(t, err)

	hr := f.login(t, "hr")
	holidayHours := func(team, from, to string) map[string]float64 {
		t.Helper()
		res, body := hr.do("GET", "/api/v1/reports/hours?format=json&detail=agents&team="+team+"&from="+from+"&to="+to, nil, nil)
		if res.StatusCode != 200 {
			t.Fatalf("report: %d %s", res.StatusCode, body)
		}
		out := map[string]float64{}
		for _, a := range decode[struct {
			Agents []struct {
				AgentID string  `json:"agent_id"`
				Holiday float64 `json:"holiday_hours"`
			} `json:"agents"`
		}](t, body).Agents {
			out[a.AgentID] = a.Holiday
		}
		return out
	}
	marked := func(team, from, to string) int {
		t.Helper()
		res, body := hr.do("GET", "/api/v1/shifts?team="+team+"&from="+from+"&to="+to, nil, nil)
		if res.StatusCode != 200 {
			t.Fatalf("shifts: %d %s", res.StatusCode, body)
		}
		n := 0
		for _, s := range decode[struct {
			Items []struct {
				Holiday bool `json:"holiday"`
			} `json:"items"`
		}](t, body).Items {
			if s.Holiday {
				n++
			}
		}
		return n
	}
	site := "/api/v1/sites/" + f.site.ID + "/holidays/"

	if h := holidayHours(f.teamA.ID, "2026-03-02", "2026-03-09"); h[f.agentA.ID] != 0 || h[f.agentA2.ID] != 0 {
		t.Fatalf("before: holiday hours %v, want none", h)
	}
	if res, body := hr.do("PUT", site+"2026-03-02", map[string]any{"name": "Firmenjubiläum"}, nil); res.StatusCode != 200 {
		t.Fatalf("PUT: %d %s", res.StatusCode, body)
	}
	if h := holidayHours(f.teamA.ID, "2026-03-02", "2026-03-09"); h[f.agentA.ID] != 8 || h[f.agentA2.ID] != 8 {
		t.Errorf("site holiday on 2 March: holiday hours %v, want 8 each", h)
	}
	if n := marked(f.teamA.ID, "2026-03-02", "2026-03-09"); n != 2 {
		t.Errorf("%d shifts marked holiday, want the two of 2 March", n)
	}
	// From 12:00 the 07:00–15:00 shifts have 3 holiday hours; from 15:00,
	// when they end, none, and they are not marked.
	for _, c := range []struct {
		from   string
		hours  float64
		marked int
	}{{"12:00", 3, 2}, {"15:00", 0, 0}} {
		res, body := hr.do("PUT", site+"2026-03-02", map[string]any{"name": "Firmenjubiläum", "from": c.from}, nil)
		if res.StatusCode != 200 || decode[map[string]any](t, body)["from"] != c.from {
			t.Fatalf("PUT from %s: %d %s", c.from, res.StatusCode, body)
		}
		if h := holidayHours(f.teamA.ID, "2026-03-02", "2026-03-09"); h[f.agentA.ID] != c.hours || h[f.agentA2.ID] != c.hours {
			t.Errorf("site holiday from %s on 2 March: holiday hours %v, want %v each", c.from, h, c.hours)
		}
		if n := marked(f.teamA.ID, "2026-03-02", "2026-03-09"); n != c.marked {
			t.Errorf("site holiday from %s: %d shifts marked holiday, want %d", c.from, n, c.marked)
		}
	}

	if h := holidayHours(f.teamB.ID, "2026-03-30", "2026-04-06"); h[f.agentB.ID] != 8 {
		t.Fatalf("Good Friday: holiday hours %v, want 8", h)
	}
	if res, body := hr.do("PUT", site+"2026-04-03", map[string]any{"working": true}, nil); res.StatusCode != 200 {
		t.Fatalf("PUT: %d %s", res.StatusCode, body)
	}
	if h := holidayHours(f.teamB.ID, "2026-03-30", "2026-04-06"); h[f.agentB.ID] != 0 {
		t.Errorf("Good Friday worked: holiday hours %v, want 0", h)
	}
	if n := marked(f.teamB.ID, "2026-03-30", "2026-04-06"); n != 0 {
		t.Errorf("%d shifts marked holiday on a worked Good Friday, want 0", n)
	}
}
