package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestShiftTemplate_CodeUniqueIgnoringCase: a site's template codes name
// one template each, compared ignoring case and surrounding spaces. A new
// or changed code another template of the site has is ErrConflict naming
// that template, and stores nothing; another site may have it, and a
// template may change the case of its own code.
func TestShiftTemplate_CodeUniqueIgnoringCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		site, _, _ := fixture(t, db)
		other := scheduling.Site{OrganisationID: site.OrganisationID, Name: "Hamburg", TimeZone: "Europe/Berlin"}
		must(t, db.CreateSite(ctx, &other))
		tmpl := func(siteID, code string) scheduling.ShiftTemplate {
			return scheduling.ShiftTemplate{SiteID: siteID, Code: code, Name: "Early", EarliestStart: 6 * time.Hour, LatestStart: 6 * time.Hour, Length: 8 * time.Hour}
		}
		early, late := tmpl(site.ID, "E"), tmpl(site.ID, "L")
		must(t, db.CreateShiftTemplate(ctx, &early))
		must(t, db.CreateShiftTemplate(ctx, &late))
		for _, code := range []string{"E", "e", " e "} {
			tp := tmpl(site.ID, code)
			if err := db.CreateShiftTemplate(ctx, &tp); !errors.Is(err, scheduling.ErrConflict) || !strings.Contains(err.Error(), `shift template "E" (Early)`) {
				t.Errorf("create %q beside E: %v, want ErrConflict naming E", code, err)
			}
		}
		late.Code = "e"
		if err := db.UpdateShiftTemplate(ctx, late); !errors.Is(err, scheduling.ErrConflict) {
			t.Errorf("L renamed e: %v, want ErrConflict", err)
		}
		if got, err := db.FindShiftTemplates(ctx, site.ID); err != nil || len(got) != 2 || got[0].Code != "E" || got[1].Code != "L" {
			t.Errorf("after refusals: %+v, %v; want E and L", got, err)
		}
		elsewhere := tmpl(other.ID, "e")
		must(t, db.CreateShiftTemplate(ctx, &elsewhere))
		early.Code = "e"
		must(t, db.UpdateShiftTemplate(ctx, early))
		if got, err := db.FindShiftTemplateByID(ctx, early.ID); err != nil || got.Code != "e" {
			t.Errorf("E recoded e: read %q (%v), want e", got.Code, err)
		}
	})
}
