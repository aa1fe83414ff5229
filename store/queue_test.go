package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestQueue_KeepsAbandonAndGrowth: a queue's abandonment cap and its
// chats' handle-time growth (migration 10) are stored, read back and
// replaced like its other settings.
func TestQueue_KeepsAbandonAndGrowth(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := scheduling.Organisation{Name: "Test"}
		must(t, db.CreateOrganisation(ctx, &org))
		site := scheduling.Site{OrganisationID: org.ID, Name: "Berlin", TimeZone: "Europe/Berlin"}
		must(t, db.CreateSite(ctx, &site))
		q := scheduling.Queue{SiteID: site.ID, Name: "Chat", Channel: scheduling.Chat, RequiredSkills: []string{}, AHT: 300 * time.Second,
			Concurrency: 2, ConcurrencyGrowth: 0.25, Patience: 90 * time.Second,
			Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 60 * time.Second, MaxAbandon: 0.05}}
		must(t, db.CreateQueue(ctx, &q))
		got, err := db.FindQueueByID(ctx, q.ID)
		must(t, err)
		if !reflect.DeepEqual(got, q) {
			t.Errorf("stored %+v, read %+v", q, got)
		}
		q.ConcurrencyGrowth, q.Target.MaxAbandon = 0.5, 0.02
		must(t, db.UpdateQueue(ctx, q))
		got, err = db.FindQueueByID(ctx, q.ID)
		must(t, err)
		if !reflect.DeepEqual(got, q) {
			t.Errorf("updated to %+v, read %+v", q, got)
		}
	})
}
