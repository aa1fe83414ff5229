package api

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestRunForecast_HistoryAtTwoLengths: history in 30-minute intervals
// until Tuesday 24 February 2026, in 15-minute intervals from the next day
// (a new telephony system), all at one rate of 10
// contacts per quarter hour (20 per half hour), Monday to Friday 08:00–12:00
// in Berlin. The forecast is in quarter hours, each of them 10: the rate
// the history shows whichever length it was kept in.
func TestRunForecast_HistoryAtTwoLengths(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		site, q := berlinPhone(t, db)
		loc, err := site.Location()
		mustNil(t, err)
		var vs []scheduling.IntervalVolume
		for d := 0; d < 26; d++ { // Monday 2 February to Friday 27 February 2026
			day := time.Date(2026, 2, 2+d, 8, 0, 0, 0, loc)
			if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			length := 30 * time.Minute
			if d >= 23 { // from Wednesday 25 February
				length = 15 * time.Minute
			}
			for t := day; t.Hour() < 12; t = t.Add(length) {
				vs = append(vs, scheduling.IntervalVolume{Start: t.UTC(), Length: length, Offered: 10 * length.Minutes() / 15})
			}
		}
		_, err = db.ImportHistory(ctx, q.ID, vs)
		mustNil(t, err)
		f, err := runForecast(ctx, db, q, site, time.Date(2026, 3, 2, 0, 0, 0, 0, loc), 5*24*time.Hour)
		mustNil(t, err)
		if f.Interval != 15*time.Minute {
			t.Fatalf("forecast interval %v, want 15m", f.Interval)
		}
		// tolerance: the models' weighting of equal days leaves rounding only.
		const tol = 1e-6
		open := 0
		for _, p := range f.Points {
			lt := p.Start.In(loc)
			if lt.Hour() < 8 || lt.Hour() >= 12 {
				continue
			}
			open++
			if math.Abs(p.Forecast-10) > tol {
				t.Errorf("%s: forecast %.3f, want 10", lt.Format("Mon 15:04"), p.Forecast)
			}
		}
		if open != 5*16 { // five days of 16 quarter hours
			t.Errorf("%d open intervals forecast, want 80", open)
		}
	})
}

// The site calendar runForecast passes as forecast.Options.Holidays tells
// when a holiday begins.
var _ forecast.HolidaysFrom = (*holiday.Calendar)(nil)

// TestRunForecast_PartDaySiteHoliday: the site's own holiday from 14:00
// on Wednesday 4 March 2026 reaches the forecast with its start. History:
// 10 contacts per quarter hour, Monday to Friday 08:00–18:00 in Berlin,
// 2 to 27 February 2026, without holidays (Berlin has none in February).
// Wednesday is forecast at 10 before 14:00 and, from 14:00, as a holiday
// the history holds none of: the site's rest day, closed (forecast
// package doc). A whole-day holiday would close all of it
// (TestForecast_SiteHoliday).
func TestRunForecast_PartDaySiteHoliday(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		site, q := berlinPhone(t, db)
		mustNil(t, db.PutSiteHoliday(ctx, site.ID, holiday.Day{Year: 2026, Month: time.March, Day: 4, Name: "Betriebsfeier", From: 14 * time.Hour}))
		loc, err := site.Location()
		mustNil(t, err)
		var vs []scheduling.IntervalVolume
		for d := 0; d < 26; d++ { // Monday 2 February to Friday 27 February 2026
			day := time.Date(2026, 2, 2+d, 8, 0, 0, 0, loc)
			if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			for t := day; t.Hour() < 18; t = t.Add(15 * time.Minute) {
				vs = append(vs, scheduling.IntervalVolume{Start: t.UTC(), Length: 15 * time.Minute, Offered: 10})
			}
		}
		_, err = db.ImportHistory(ctx, q.ID, vs)
		mustNil(t, err)
		f, err := runForecast(ctx, db, q, site, time.Date(2026, 3, 2, 0, 0, 0, 0, loc), 5*24*time.Hour)
		mustNil(t, err)
		// tolerance: the models' weighting of equal days leaves rounding only.
		const tol = 1e-6
		for _, p := range f.Points {
			lt := p.Start.In(loc)
			want := 0.0
			if lt.Hour() >= 8 && lt.Hour() < 18 && !(lt.Day() == 4 && lt.Hour() >= 14) {
				want = 10
			}
			if math.Abs(p.Forecast-want) > tol {
				t.Errorf("%s: forecast %.3f, want %v", lt.Format("Mon 15:04"), p.Forecast, want)
			}
		}
	})
}

// berlinPhone stores a site in Berlin (holidays of DE-BE) with one phone
// queue of 5-minute contacts.
func berlinPhone(t *testing.T, db *store.DB) (scheduling.Site, scheduling.Queue) {
	t.Helper()
	ctx := context.Background()
	org := scheduling.Organisation{Name: "Test"}
	mustNil(t, db.CreateOrganisation(ctx, &org))
	site := scheduling.Site{OrganisationID: org.ID, Name: "Berlin", TimeZone: "Europe/Berlin", HolidayRegion: "DE-BE"}
	mustNil(t, db.CreateSite(ctx, &site))
	mustNil(t, db.UpsertSkill(ctx, scheduling.Skill{Code: "phone", Kind: scheduling.SkillChannel, Name: "Phone"}))
	q := scheduling.Queue{SiteID: site.ID, Name: "Phone", Channel: scheduling.Phone, RequiredSkills: []string{"phone"},
		Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, MaxOccupancy: 0.85}, AHT: 300 * time.Second}
	mustNil(t, db.CreateQueue(ctx, &q))
	return site, q
}

func mustNil(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
