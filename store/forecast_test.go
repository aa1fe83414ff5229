package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestForecast_RemoveAdjustment: an adjustment is removed by its ID and
// the others and the model's points stay; adjustments stored without an
// ID (before they could be removed) are named by their content, the same
// name on every read, and can be removed too.
func TestForecast_RemoveAdjustment(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		site, _, _ := fixture(t, db)
		q := scheduling.Queue{SiteID: site.ID, Name: "Phone", Channel: scheduling.Phone, RequiredSkills: []string{"phone"},
			Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}, AHT: 300 * time.Second}
		must(t, db.CreateQueue(ctx, &q))
		start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
		fc := store.Forecast{QueueID: q.ID, Model: "flat", Interval: 15 * time.Minute, Start: start, End: start.Add(time.Hour)}
		for i := range 4 {
			fc.Points = append(fc.Points, forecast.Point{Start: start.Add(time.Duration(i) * 15 * time.Minute), Forecast: 10, P10: 8, P50: 10, P90: 12})
		}
		must(t, db.CreateForecast(ctx, &fc))
		plus := forecast.Adjustment{Start: start, End: start.Add(time.Hour), Percent: 20}
		set := forecast.Adjustment{Start: start, End: start.Add(15 * time.Minute), Set: true, Volume: 3}
		_, err := db.AddForecastAdjustment(ctx, fc.ID, plus)
		must(t, err)
		got, err := db.AddForecastAdjustment(ctx, fc.ID, set)
		must(t, err)
		if len(got.Adjustments) != 2 || got.Adjustments[0].ID == "" || got.Adjustments[0].ID == got.Adjustments[1].ID {
			t.Fatalf("adjustments = %+v, want two with IDs of their own", got.Adjustments)
		}
		got, err = db.RemoveForecastAdjustment(ctx, fc.ID, got.Adjustments[0].ID)
		must(t, err)
		stored, err := db.FindForecastByID(ctx, fc.ID)
		must(t, err)
		for _, f := range []store.Forecast{got, stored} {
			if len(f.Adjustments) != 1 || f.Adjustments[0].Adjustment != set || len(f.Points) != 4 || f.Points[0].Forecast != 10 {
				t.Errorf("after removing +20 %%: adjustments %+v, %d points, want the set one and the 4 model points", f.Adjustments, len(f.Points))
			}
		}
		if _, err := db.RemoveForecastAdjustment(ctx, fc.ID, "no-such-adjustment"); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("removing an unknown adjustment: %v, want ErrNotFound", err)
		}

		t.Run("StoredWithoutID", func(t *testing.T) {
			legacy := `[{"start":"2026-03-02T08:00:00Z","end":"2026-03-02T09:00:00Z","percent":20,"set":false,"volume":0},` +
				`{"start":"2026-03-02T08:00:00Z","end":"2026-03-02T08:15:00Z","percent":0,"set":true,"volume":3}]`
			must(t, db.Gorm().Table("forecasts").Where("id = ?", fc.ID).Update("adjustments", legacy).Error)
			a, err := db.FindForecastByID(ctx, fc.ID)
			must(t, err)
			b, err := db.FindForecastByID(ctx, fc.ID)
			must(t, err)
			if len(a.Adjustments) != 2 || a.Adjustments[0].ID == "" || a.Adjustments[0].ID == a.Adjustments[1].ID ||
				a.Adjustments[0].ID != b.Adjustments[0].ID || a.Adjustments[1].ID != b.Adjustments[1].ID {
				t.Fatalf("adjustments stored without ID read as %+v, then %+v: want two distinct IDs, the same on each read", a.Adjustments, b.Adjustments)
			}
			got, err := db.RemoveForecastAdjustment(ctx, fc.ID, a.Adjustments[0].ID)
			must(t, err)
			if len(got.Adjustments) != 1 || got.Adjustments[0] != a.Adjustments[1] {
				t.Errorf("after removing the first: %+v, want %+v", got.Adjustments, a.Adjustments[1])
			}
		})
	})
}
