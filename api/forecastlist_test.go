package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestListForecasts_LeadReadsTeamsOnce: a lead's GET /forecasts decides
// which queues they plan from their teams, read once per request however
// many queues the forecasts serve; the list holds the forecasts of the
// lead's site (the fixture's queue and 5 more) and not another site's.
func TestListForecasts_LeadReadsTeamsOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		forecastOf := func(q scheduling.Queue) {
			fc := store.Forecast{QueueID: q.ID, Model: "flat", Interval: 15 * time.Minute, Start: week, End: week.Add(15 * time.Minute),
				Points: []forecast.Point{{Start: week, Forecast: 10, P10: 8, P50: 10, P90: 12, AHT: 300 * time.Second}}}
			must(t, f.db.CreateForecast(ctx, &fc))
		}
		queue := func(siteID, name string) scheduling.Queue {
			q := scheduling.Queue{SiteID: siteID, Name: name, Channel: scheduling.Phone, RequiredSkills: []string{"phone"},
				Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}, AHT: 300 * time.Second}
			must(t, f.db.CreateQueue(ctx, &q))
			return q
		}
		hamburg := scheduling.Site{OrganisationID: f.site.OrganisationID, Name: "Hamburg", TimeZone: "Europe/Berlin", HolidayRegion: "DE-HH"}
		must(t, f.db.CreateSite(ctx, &hamburg))
		forecastOf(f.queue)
		forecastOf(queue(hamburg.ID, "Hamburg phone"))
		lead := f.login(t, "leadA")
		reads := countReads(t, db, "teams")

		list := func() (ids []string, teamReads int) {
			t.Helper()
			before := *reads
			res, body := lead.do("GET", "/api/v1/forecasts", nil, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET /forecasts: %d %s", res.StatusCode, body)
			}
			page := decode[struct {
				Items []struct {
					QueueID string `json:"queue_id"`
				}
			}](t, body)
			for _, it := range page.Items {
				ids = append(ids, it.QueueID)
			}
			return ids, *reads - before
		}
		_, one := list()
		if one == 0 {
			t.Fatalf("listing forecasts of 1 queue read teams %d times, want at least once", one)
		}
		for i := range 5 {
			forecastOf(queue(f.site.ID, fmt.Sprintf("Chat %d", i)))
		}
		queues, six := list()
		if six != one {
			t.Errorf("listing forecasts of 6 queues read teams %d times, of 1 queue %d times; want the same", six, one)
		}
		if len(queues) != 6 {
			t.Errorf("lead A sees forecasts of %d queues, want the 6 of Berlin: %v", len(queues), queues)
		}
	})
}
