package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// zoneSite is a site in another zone beside the fixture's Berlin one: a
// team with one agent (40 contracted hours, 20 an hour), their login
// "agent-<zone><MMDD>", the night window 22:00–06:00 at a 25 % premium in
// the site's pay rules (the fixture's site's too, for Berlin), a night
// template N (22:00, 8 h on the clock, a 30-minute unpaid break 6 h to
// 7 h 30 after the start) and a draft roster of the team for the seven
// days from week.
type zoneSite struct {
	site   scheduling.Site
	loc    *time.Location
	team   scheduling.Team
	agent  scheduling.Agent
	night  scheduling.ShiftTemplate
	roster scheduling.Roster
	login  string
}

func (f *fixture) zoneSite(t *testing.T, zone, region string, week time.Time) zoneSite {
	t.Helper()
	ctx := context.Background()
	z := zoneSite{login: "agent-" + zone + week.Format("0102")}
	var err error
	z.loc, err = time.LoadLocation(zone)
	must(t, err)
	if zone == f.site.TimeZone {
		z.site = f.site
	} else {
		z.site = scheduling.Site{OrganisationID: f.site.OrganisationID, Name: zone + " " + week.Format("0102"), TimeZone: zone, HolidayRegion: region}
		must(t, f.db.CreateSite(ctx, &z.site))
	}
	z.team = scheduling.Team{SiteID: z.site.ID, Name: "Nights " + zone + week.Format("0102")}
	must(t, f.db.CreateTeam(ctx, &z.team))
	z.agent = scheduling.Agent{TeamID: z.team.ID, FirstName: "Nora", LastName: zone, EmployeeNo: "N-" + zone + week.Format("0102"),
		Contract: scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40, WeeklyMaxHours: 60}, HourlyRate: 20, Skills: []string{"phone"}}
	must(t, f.db.CreateAgent(ctx, &z.agent))
	must(t, f.db.SetSiteRules(ctx, z.site.ID, []byte(`{"night_start":"22:00","night_end":"06:00","night_premium":0.25}`), nil))
	z.night = scheduling.ShiftTemplate{SiteID: z.site.ID, Code: "N" + week.Format("0102"), Name: "Night", EarliestStart: 22 * time.Hour, LatestStart: 22 * time.Hour,
		Length: 8 * time.Hour, Night: true, Breaks: []scheduling.BreakRule{{Name: "Break", Length: 30 * time.Minute,
			EarliestAfter: 6 * time.Hour, LatestAfter: 7*time.Hour + 30*time.Minute}}}
	must(t, f.db.CreateShiftTemplate(ctx, &z.night))
	z.roster = scheduling.Roster{TeamID: z.team.ID, PeriodStart: week, PeriodEnd: week.AddDate(0, 0, 7)}
	must(t, f.db.CreateRoster(ctx, &z.roster))
	u := scheduling.User{Role: scheduling.RoleAgent, AgentID: z.agent.ID, Email: strings.ToLower(strings.ReplaceAll(z.login, "/", "-")) + "@example.com",
		Name: z.login, PasswordHash: f.users["agentA"].PasswordHash}
	must(t, f.db.CreateUser(ctx, &u))
	f.users[z.login] = u
	return z
}

// addNight adds, as admin, the night from local date (y, m, d) 22:00 to
// 06:00 the next morning with template N and no breaks of its own, and
// returns the shift as answered.
func (f *fixture) addNight(t *testing.T, admin *client, z zoneSite, y int, m time.Month, d int) (int, []byte) {
	t.Helper()
	start := time.Date(y, m, d, 22, 0, 0, 0, z.loc)
	end := time.Date(y, m, d+1, 6, 0, 0, 0, z.loc)
	res, body := admin.do("POST", "/api/v1/rosters/"+z.roster.ID+"/shifts?force=true",
		map[string]any{"agent_id": z.agent.ID, "template_id": z.night.ID, "start": start, "end": end}, nil)
	return res.StatusCode, body
}

// TestDST_NightShiftThroughTheAPI adds the 22:00–06:00 night of each
// clock change in Berlin and New York through POST /rosters/{id}/shifts,
// publishes the rosters and reads the nights back through every door a
// customer uses: the shift as stored, the agent's /me/shifts, the iCal
// feed (parsed with golang-ical) and HR's hours export.
//
// Expected figures, worked out by hand from the transition rules (EU: last
// Sunday of March and October at 01:00 UTC; US: second Sunday of March and
// first Sunday of November at 02:00 local):
//
//	Berlin  28→29 Mar 2026  22:00 CET (21:00Z) → 06:00 CEST (04:00Z) = 7 h
//	Berlin  24→25 Oct 2026  22:00 CEST (20:00Z) → 06:00 CET (05:00Z) = 9 h
//	NY       7→8 Mar 2026   22:00 EST (03:00Z) → 06:00 EDT (10:00Z) = 7 h
//	NY      31 Oct→1 Nov    22:00 EDT (02:00Z) → 06:00 EST (11:00Z) = 9 h
//
// The template's break (6 h to 7 h 30 after the start, placed in the
// middle of its window: 6 h 45) does not fit a 7-hour night; its window
// is cut to the shift, 6 h to 6 h 30, and it is placed in the middle of
// that, 6 h 15 after the start (03:15–03:45Z in Berlin, 09:15–09:45Z in
// New York). On the 9-hour nights it stays at 6 h 45. Paid time is elapsed time less the unpaid
// break: 6.5 h and 8.5 h; all of it lies in the night window 22:00–06:00,
// so night hours equal paid hours.
func TestDST_NightShiftThroughTheAPI(t *testing.T) {
	// The feed reaches from 60 days back to a year ahead of now: now is
	// the first of March 2026, before every night of the test.
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	f := newFixtureAt(t, dbtest.New(t, store.SQLite), func() time.Time { return now })
	admin, hr := f.login(t, "admin"), f.login(t, "hr")
	cases := []struct {
		name, zone string
		week       time.Time // Monday before the night
		y          int
		m          time.Month
		d          int
		start, end time.Time // UTC
		brk        time.Time // UTC start of the break
		paid       float64   // hours
	}{
		{"BerlinSpringForward", "Europe/Berlin", time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC), 2026, time.March, 28,
			time.Date(2026, 3, 28, 21, 0, 0, 0, time.UTC), time.Date(2026, 3, 29, 4, 0, 0, 0, time.UTC),
			time.Date(2026, 3, 29, 3, 15, 0, 0, time.UTC), 6.5},
		{"BerlinFallBack", "Europe/Berlin", time.Date(2026, 10, 19, 0, 0, 0, 0, time.UTC), 2026, time.October, 24,
			time.Date(2026, 10, 24, 20, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 5, 0, 0, 0, time.UTC),
			time.Date(2026, 10, 25, 2, 45, 0, 0, time.UTC), 8.5},
		{"NewYorkSpringForward", "America/New_York", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), 2026, time.March, 7,
			time.Date(2026, 3, 8, 3, 0, 0, 0, time.UTC), time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC),
			time.Date(2026, 3, 8, 9, 15, 0, 0, time.UTC), 6.5},
		{"NewYorkFallBack", "America/New_York", time.Date(2026, 10, 26, 0, 0, 0, 0, time.UTC), 2026, time.October, 31,
			time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 11, 0, 0, 0, time.UTC),
			time.Date(2026, 11, 1, 8, 45, 0, 0, time.UTC), 8.5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			z := f.zoneSite(t, tc.zone, map[string]string{"Europe/Berlin": "DE-BE", "America/New_York": "US"}[tc.zone], tc.week)
			status, body := f.addNight(t, admin, z, tc.y, tc.m, tc.d)
			if status != http.StatusCreated {
				t.Fatalf("add night: %d %s", status, body)
			}
			added := decode[struct {
				Shift struct {
					ID         string
					Start, End time.Time
					Breaks     []struct{ Start, End time.Time }
				}
			}](t, body).Shift
			if !added.Start.Equal(tc.start) || !added.End.Equal(tc.end) {
				t.Errorf("stored %v–%v, want %v–%v", added.Start.UTC(), added.End.UTC(), tc.start, tc.end)
			}
			if len(added.Breaks) != 1 || !added.Breaks[0].Start.Equal(tc.brk) || added.Breaks[0].End.After(tc.end) {
				t.Errorf("breaks %+v, want one from %v inside the shift", added.Breaks, tc.brk)
			}
			r, err := f.db.FindRosterByID(ctx, z.roster.ID)
			must(t, err)
			_, err = f.db.PublishRoster(ctx, r.ID, r.Version)
			must(t, err)

			// The agent's list: the same instants, and it is a night.
			agent := f.login(t, z.login)
			res, body := agent.do("GET", "/api/v1/me/shifts?from="+tc.week.Format(time.DateOnly)+"&to="+tc.week.AddDate(0, 0, 7).Format(time.DateOnly), nil, nil)
			mine := decode[struct {
				Items []struct {
					ID         string
					Start, End time.Time
					Night      bool
				}
			}](t, body).Items
			if res.StatusCode != http.StatusOK || len(mine) != 1 || !mine[0].Start.Equal(tc.start) || !mine[0].End.Equal(tc.end) || !mine[0].Night {
				t.Errorf("/me/shifts: %d %s", res.StatusCode, body)
			}

			// The iCal feed, parsed back: UTC instants of the stored shift.
			url := newFeed(t, agent)
			res, feed := f.anon(t).do("GET", url[strings.Index(url, "/ical/"):], nil, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("feed: %d %s", res.StatusCode, feed)
			}
			cal, err := ics.ParseCalendar(bytes.NewReader(feed))
			must(t, err)
			found := false
			for _, e := range cal.Events() {
				if !strings.Contains(e.Id(), added.ID) {
					continue
				}
				found = true
				s, err1 := e.GetStartAt()
				en, err2 := e.GetEndAt()
				if err1 != nil || err2 != nil || !s.Equal(tc.start) || !en.Equal(tc.end) {
					t.Errorf("feed event %v–%v (%v, %v), want %v–%v", s, en, err1, err2, tc.start, tc.end)
				}
			}
			if !found {
				t.Errorf("night %s not in the feed:\n%s", added.ID, feed)
			}

			// HR's export: paid hours are elapsed hours less the break, all
			// of them night hours.
			q := "/api/v1/reports/hours?from=" + tc.week.Format(time.DateOnly) + "&to=" + tc.week.AddDate(0, 0, 7).Format(time.DateOnly) + "&team=" + z.team.ID
			res, body = hr.do("GET", q+"&format=json", nil, nil)
			rep := decode[struct {
				Shifts []struct {
					Paid  float64 `json:"paid_hours"`
					Night float64 `json:"night_hours"`
				} `json:"shifts"`
			}](t, body)
			if res.StatusCode != http.StatusOK || len(rep.Shifts) != 1 || rep.Shifts[0].Paid != tc.paid || rep.Shifts[0].Night != tc.paid {
				t.Errorf("hours report %d %s, want %v paid, all night", res.StatusCode, body, tc.paid)
			}
			res, body = hr.do("GET", q+"&format=csv&detail=shifts", nil, nil)
			rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), "\ufeff"))).ReadAll()
			if res.StatusCode != http.StatusOK || err != nil || len(rows) < 2 {
				t.Fatalf("detail csv: %d %v %q", res.StatusCode, err, body)
			}
			col := map[string]int{}
			for i, h := range rows[0] {
				col[h] = i
			}
			want := strconv.FormatFloat(tc.paid, 'f', 2, 64)
			if got := rows[1][col["Paid hours"]]; got != want || rows[1][col["Night hours"]] != want || rows[1][col["Start"]] != fmt.Sprintf("%d-%02d-%02d 22:00", tc.y, tc.m, tc.d) {
				t.Errorf("detail csv row %q, want %s paid and night hours from 22:00", rows[1], want)
			}
		})
	}
}

// TestMe_ShiftsDefaultFromTheSiteDay: without from, /me/shifts lists from
// the start of today in the site's zone, not in UTC. In Kolkata (UTC+05:30,
// no DST) at 03:00 on 10 March 2026 it is still 9 March in UTC (21:30Z);
// yesterday's 09:00–17:00 shift (03:30Z–11:30Z on 9 March) is over and not
// listed, today's 09:00 shift is.
func TestMe_ShiftsDefaultFromTheSiteDay(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	must(t, err)
	now := time.Date(2026, 3, 10, 3, 0, 0, 0, kolkata)
	f := newFixtureAt(t, dbtest.New(t, store.SQLite), func() time.Time { return now })
	ctx := context.Background()
	z := f.zoneSite(t, "Asia/Kolkata", "", time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC))
	var shifts []scheduling.Shift
	for _, d := range []int{9, 10} {
		start := time.Date(2026, 3, d, 9, 0, 0, 0, kolkata)
		shifts = append(shifts, scheduling.Shift{AgentID: z.agent.ID, Start: start, End: start.Add(8 * time.Hour), Activity: "work", Status: scheduling.ShiftActive})
	}
	v, err := f.db.ReplaceRosterShifts(ctx, z.roster.ID, 0, shifts)
	must(t, err)
	_, err = f.db.PublishRoster(ctx, z.roster.ID, v)
	must(t, err)
	res, body := f.login(t, z.login).do("GET", "/api/v1/me/shifts", nil, nil)
	items := decode[struct{ Items []struct{ Start time.Time } }](t, body).Items
	if res.StatusCode != http.StatusOK || len(items) != 1 || !items[0].Start.Equal(shifts[1].Start) {
		t.Errorf("/me/shifts at %v: %d %s, want only the shift of 10 March", now, res.StatusCode, body)
	}
}

// TestReport_HoursNewYorkNights prices New York nights through GET
// /reports/hours with the night window 22:00–06:00 (from zoneSite) and
// the US holiday calendar. Expected figures, by hand (EDT = UTC−4 until
// 02:00 on Sunday 1 November 2026, EST = UTC−5 after; weeks start on
// Monday; 40 contracted hours):
//
//   - Mon 26 – Fri 30 Oct 09:00–17:00: 5 × 8 h = 40 h, the week is full.
//   - Sat 31 Oct 22:00 EDT → Sun 06:00 EST: 9 h, all overtime, all
//     night; 7 h of it on Sunday (00:00 EDT → 06:00 EST).
//   - Sun 1 Nov 22:00 → Mon 2 Nov 06:00 EST: 8 h night; the 2 h on
//     Sunday are overtime of the full week, the 6 h on Monday start the
//     next week.
//
// The report runs from Wednesday 28 October to Monday 2 November: it
// lists the shifts starting Wed–Sun (3 × 8 + 9 + 8 = 41 h paid, 17 h
// night, 9 h Sunday) yet counts Monday's and Tuesday's hours towards the
// week, so overtime is 9 + 2 = 11 h.
//
// Christmas Day begins at local midnight: the night of 24 December
// 22:00–06:00 EST has 6 holiday hours (a UTC day would give 11).
func TestReport_HoursNewYorkNights(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	z := f.zoneSite(t, "America/New_York", "US", time.Date(2026, 10, 26, 0, 0, 0, 0, time.UTC))
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, z.loc) }
	var shifts []scheduling.Shift
	add := func(start, end time.Time) {
		shifts = append(shifts, scheduling.Shift{AgentID: z.agent.ID, Start: start, End: end, Activity: "work", Status: scheduling.ShiftActive})
	}
	for d := 26; d <= 30; d++ {
		add(at(time.October, d, 9), at(time.October, d, 17))
	}
	add(at(time.October, 31, 22), at(time.November, 1, 6))
	add(at(time.November, 1, 22), at(time.November, 2, 6))
	v, err := f.db.ReplaceRosterShifts(ctx, z.roster.ID, 0, shifts)
	must(t, err)
	_, err = f.db.PublishRoster(ctx, z.roster.ID, v)
	must(t, err)
	xmas := scheduling.Roster{TeamID: z.team.ID, PeriodStart: time.Date(2026, 12, 21, 0, 0, 0, 0, time.UTC), PeriodEnd: time.Date(2026, 12, 28, 0, 0, 0, 0, time.UTC)}
	must(t, f.db.CreateRoster(ctx, &xmas))
	v, err = f.db.ReplaceRosterShifts(ctx, xmas.ID, 0, []scheduling.Shift{{AgentID: z.agent.ID, Start: at(time.December, 24, 22),
		End: at(time.December, 25, 6), Activity: "work", Status: scheduling.ShiftActive}})
	must(t, err)
	_, err = f.db.PublishRoster(ctx, xmas.ID, v)
	must(t, err)

	hr := f.login(t, "hr")
	type figures struct {
		Paid     float64 `json:"paid_hours"`
		Night    float64 `json:"night_hours"`
		Sunday   float64 `json:"sunday_hours"`
		Holiday  float64 `json:"holiday_hours"`
		Overtime float64 `json:"overtime_hours"`
	}
	report := func(from, to string) figures {
		res, body := hr.do("GET", "/api/v1/reports/hours?format=json&team="+z.team.ID+"&from="+from+"&to="+to, nil, nil)
		rep := decode[struct{ Agents []figures }](t, body)
		if res.StatusCode != http.StatusOK || len(rep.Agents) != 1 {
			t.Fatalf("report %s–%s: %d %s", from, to, res.StatusCode, body)
		}
		return rep.Agents[0]
	}
	if got, want := report("2026-10-28", "2026-11-02"), (figures{Paid: 41, Night: 17, Sunday: 9, Overtime: 11}); got != want {
		t.Errorf("28 Oct – 1 Nov: %+v, want %+v", got, want)
	}
	if got, want := report("2026-12-21", "2026-12-28"), (figures{Paid: 8, Night: 8, Holiday: 6}); got != want {
		t.Errorf("Christmas week: %+v, want %+v", got, want)
	}
}

// TestShifts_ListFlagsInEachSitesZone: GET /shifts across two sites marks
// weekends and holidays in each shift's own site zone. A New York shift
// on Friday 30 October 2026 20:00 EDT starts on Saturday 00:00 UTC: not a
// weekend shift. One on Friday 1 January 2027 (New Year's Day, a US
// holiday) 09:00 EST is a holiday shift. Berlin's shift of Monday 2 March
// 07:00 CET (from the fixture) is neither.
func TestShifts_ListFlagsInEachSitesZone(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	z := f.zoneSite(t, "America/New_York", "US", time.Date(2026, 10, 26, 0, 0, 0, 0, time.UTC))
	fri := time.Date(2026, 10, 30, 20, 0, 0, 0, z.loc)
	v, err := f.db.ReplaceRosterShifts(ctx, z.roster.ID, 0, []scheduling.Shift{{AgentID: z.agent.ID, Start: fri, End: fri.Add(8 * time.Hour),
		Activity: "work", Status: scheduling.ShiftActive}})
	must(t, err)
	_, err = f.db.PublishRoster(ctx, z.roster.ID, v)
	must(t, err)
	ny := scheduling.Roster{TeamID: z.team.ID, PeriodStart: time.Date(2026, 12, 28, 0, 0, 0, 0, time.UTC), PeriodEnd: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}
	must(t, f.db.CreateRoster(ctx, &ny))
	jan1 := time.Date(2027, 1, 1, 9, 0, 0, 0, z.loc)
	_, err = f.db.ReplaceRosterShifts(ctx, ny.ID, 0, []scheduling.Shift{{AgentID: z.agent.ID, Start: jan1, End: jan1.Add(8 * time.Hour),
		Activity: "work", Status: scheduling.ShiftActive}})
	must(t, err)

	res, body := f.login(t, "admin").do("GET", "/api/v1/shifts?limit=100", nil, nil)
	items := decode[struct {
		Items []struct {
			Start            time.Time
			Weekend, Holiday bool
		}
	}](t, body).Items
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /shifts: %d %s", res.StatusCode, body)
	}
	want := map[time.Time][2]bool{fri.UTC(): {false, false}, jan1.UTC(): {false, true}, f.shifts[0].Start.UTC(): {false, false}}
	for _, it := range items {
		if w, ok := want[it.Start.UTC()]; ok {
			if [2]bool{it.Weekend, it.Holiday} != w {
				t.Errorf("shift at %v: weekend %v holiday %v, want %v %v", it.Start, it.Weekend, it.Holiday, w[0], w[1])
			}
			delete(want, it.Start.UTC())
		}
	}
	if len(want) != 0 {
		t.Errorf("shifts missing from the list: %v\n%s", want, body)
	}
}

// TestSolve_NewYorkSpringForwardWeek solves, through the API and the
// background worker, the week of Monday 2 March 2026 for a New York team
// whose queue has three weeks of flat, round-the-clock hourly history. The
// week holds Sunday 8 March, when 02:00 EST jumps to 03:00 EDT: a day of
// 23 hours. The forecast's intervals and the roster's coverage must both
// be the 23 local hours 00, 01, 03 … 23 of that day, at the same instants,
// one hour apart; every night shift ends at 06:00 local, so the one from
// Saturday 7 March lasts 7 h (22:00 EST = 03:00Z → 06:00 EDT = 10:00Z).
func TestSolve_NewYorkSpringForwardWeek(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	z := f.zoneSite(t, "America/New_York", "US", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
	q := scheduling.Queue{SiteID: z.site.ID, Name: "Phone US", Channel: scheduling.Phone, RequiredSkills: []string{"phone"},
		Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}, AHT: 300 * time.Second}
	must(t, f.db.CreateQueue(ctx, &q))
	var csv strings.Builder
	csv.WriteString("interval_start,offered\n")
	for d := 0; d < 21; d++ { // 8 to 28 February 2026, every local hour
		day := time.Date(2026, 2, 8+d, 0, 0, 0, 0, time.UTC)
		for h := 0; h < 24; h++ {
			fmt.Fprintf(&csv, "%sT%02d:00,6\n", day.Format(time.DateOnly), h)
		}
	}
	admin := f.login(t, "admin")
	if res, body := admin.do("POST", "/api/v1/queues/"+q.ID+"/history", csv.String(), nil); res.StatusCode != http.StatusOK {
		t.Fatalf("history: %d %s", res.StatusCode, body)
	}
	res, body := admin.do("POST", "/api/v1/rosters/"+z.roster.ID+"/solve", map[string]any{"time_limit_seconds": 0.5, "seed": 1}, nil)
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("solve: %d %s", res.StatusCode, body)
	}
	w := api.NewWorker(f.db, quietLog(), api.WorkerConfig{Now: func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }})
	_, err := w.RunOnce(ctx)
	must(t, err)
	_, body = admin.do("GET", "/api/v1/jobs/"+decode[map[string]string](t, body)["job_id"], nil, nil)
	if job := decode[struct{ Status string }](t, body); job.Status != "succeeded" {
		t.Fatalf("job %s", body)
	}

	// The 23 local hours of 8 March, as instants.
	var want []time.Time
	for h := 0; h < 24; h++ {
		if h != 2 {
			want = append(want, time.Date(2026, 3, 8, h, 0, 0, 0, z.loc))
		}
	}
	sunday := func(starts []time.Time) []time.Time {
		var out []time.Time
		for _, s := range starts {
			if s.In(z.loc).Format(time.DateOnly) == "2026-03-08" {
				out = append(out, s)
			}
		}
		return out
	}
	same := func(what string, got []time.Time) {
		t.Helper()
		ok := len(got) == len(want)
		for i := 0; ok && i < len(got); i++ {
			ok = got[i].Equal(want[i])
		}
		if !ok {
			t.Errorf("%s on 8 March: %d intervals %v, want the 23 local hours %v", what, len(got), got, want)
		}
	}
	_, body = admin.do("GET", "/api/v1/requirements?limit=100&queue="+q.ID+"&from=2026-03-08&to=2026-03-09", nil, nil)
	var reqStarts []time.Time
	for _, r := range decode[struct{ Items []struct{ Start time.Time } }](t, body).Items {
		reqStarts = append(reqStarts, r.Start)
	}
	same("requirements", sunday(reqStarts))

	_, body = admin.do("GET", "/api/v1/rosters/"+z.roster.ID, nil, nil)
	detail := decode[struct {
		Shifts []struct {
			TemplateID string `json:"template_id"`
			Start, End time.Time
		}
		Coverage []struct {
			Start   time.Time
			QueueID string `json:"queue_id"`
		}
	}](t, body)
	var covStarts []time.Time
	for _, c := range detail.Coverage {
		if c.QueueID == q.ID {
			covStarts = append(covStarts, c.Start)
		}
	}
	same("coverage", sunday(covStarts))
	nights := 0
	for _, s := range detail.Shifts {
		if s.TemplateID != z.night.ID {
			continue
		}
		nights++
		if got := s.End.In(z.loc).Format("15:04"); got != "06:00" || s.Start.In(z.loc).Format("15:04") != "22:00" {
			t.Errorf("night %v–%v, want 22:00–06:00 local", s.Start.In(z.loc), s.End.In(z.loc))
		}
		if s.Start.In(z.loc).Day() == 7 && s.End.Sub(s.Start) != 7*time.Hour {
			t.Errorf("night from 7 March lasts %v, want 7h", s.End.Sub(s.Start))
		}
	}
	if nights == 0 {
		t.Errorf("no night shifts in the roster: %s", body)
	}
}
