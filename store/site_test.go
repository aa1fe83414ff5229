package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestSite_NameUniqueIgnoringCase: a site's name is one no other site of
// the organisation has, compared ignoring case and surrounding spaces. A
// new or changed name another site has is ErrConflict naming that site,
// and stores nothing; a site may change the case of its own name.
func TestSite_NameUniqueIgnoringCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		berlin, _, _ := fixture(t, db)
		for _, name := range []string{"Berlin", "berlin ", " BERLIN"} {
			s := scheduling.Site{OrganisationID: berlin.OrganisationID, Name: name, TimeZone: "Europe/Berlin"}
			if err := db.CreateSite(ctx, &s); !errors.Is(err, scheduling.ErrConflict) || !strings.Contains(err.Error(), `site "Berlin"`) {
				t.Errorf("create %q beside Berlin: %v, want ErrConflict naming Berlin", name, err)
			}
		}
		hamburg := scheduling.Site{OrganisationID: berlin.OrganisationID, Name: "Hamburg", TimeZone: "Europe/Berlin"}
		must(t, db.CreateSite(ctx, &hamburg))
		hamburg.Name = "BERLIN"
		if err := db.UpdateSite(ctx, hamburg); !errors.Is(err, scheduling.ErrConflict) {
			t.Errorf("Hamburg renamed BERLIN: %v, want ErrConflict", err)
		}
		if got, err := db.FindSites(ctx); err != nil || len(got) != 2 || got[0].Name != "Berlin" || got[1].Name != "Hamburg" {
			t.Errorf("after refusals: %+v, %v; want Berlin and Hamburg", got, err)
		}
		berlin.Name = "BERLIN"
		must(t, db.UpdateSite(ctx, berlin))
		if got, err := db.FindSiteByID(ctx, berlin.ID); err != nil || got.Name != "BERLIN" {
			t.Errorf("Berlin renamed BERLIN: read %q (%v), want BERLIN", got.Name, err)
		}
	})
}
