package holiday

import (
	"errors"
	"testing"
	"time"
)

func TestFor_KnownDates(t *testing.T) {
	// Dates from the German and US public-holiday laws (Christmas Day, Epiphany
	// only in Bavaria, Independence Day), not from the library under test.
	tests := []struct {
		code string
		y    int
		m    time.Month
		d    int
		want bool
	}{
		{"DE", 2026, time.December, 25, true},
		{"DE", 2026, time.December, 23, false},
		{"DE", 2026, time.January, 6, false},
		{"DE-BY", 2026, time.January, 6, true},
		{"DE-BY", 2026, time.December, 25, true},
		{"US", 2026, time.July, 4, true},
		{"US", 2026, time.July, 6, false},
		{"", 2026, time.December, 25, false},
	}
	for _, tt := range tests {
		c, err := For(tt.code)
		if err != nil {
			t.Fatalf("For(%q): %v", tt.code, err)
		}
		if _, got := c.On(tt.y, tt.m, tt.d); got != tt.want {
			t.Errorf("%s %d-%02d-%02d holiday = %v, want %v", tt.code, tt.y, tt.m, tt.d, got, tt.want)
		}
	}
}

func TestFor_Unknown(t *testing.T) {
	for _, code := range []string{"XX", "DE-ZZ", "AU"} {
		if _, err := For(code); !errors.Is(err, ErrUnknownRegion) {
			t.Errorf("For(%q) err = %v, want ErrUnknownRegion", code, err)
		}
	}
}

func TestWith_SiteDays(t *testing.T) {
	// Columbus Day 2026 is the second Monday of October (5 U.S.C. 6103):
	// 12 October. The bank works it; Christmas Eve is its own holiday.
	us, err := For("US")
	if err != nil {
		t.Fatal(err)
	}
	site := us.With([]Day{
		{Year: 2026, Month: time.October, Day: 12, Working: true},
		{Year: 2026, Month: time.December, Day: 24, Name: "Christmas Eve"},
	})
	if _, ok := site.On(2026, time.October, 12); ok {
		t.Error("a worked public holiday is still a holiday")
	}
	if name, ok := site.Public(2026, time.October, 12); !ok || name == "" {
		t.Errorf("Public(12 Oct) = %q, %v; want the region's holiday", name, ok)
	}
	if name, ok := site.On(2026, time.December, 24); !ok || name != "Christmas Eve" {
		t.Errorf("On(24 Dec) = %q, %v; want the site's own holiday", name, ok)
	}
	if _, ok := site.On(2026, time.December, 25); !ok {
		t.Error("a public holiday the site did not change is no longer one")
	}
	if _, ok := us.On(2026, time.October, 12); !ok {
		t.Error("With changed the calendar it was called on")
	}
	if _, ok := us.On(2026, time.December, 24); ok {
		t.Error("With changed the calendar it was called on")
	}
	again := site.With([]Day{{Year: 2026, Month: time.October, Day: 12, Name: "Columbus Day"}})
	if _, ok := again.On(2026, time.October, 12); !ok {
		t.Error("a later day of the same date does not replace the earlier one")
	}
	if _, ok := again.On(2026, time.December, 24); !ok {
		t.Error("With on a changed calendar dropped its earlier days")
	}

	var none *Calendar
	if _, ok := none.With([]Day{{Year: 2026, Month: time.May, Day: 4, Name: "Company day"}}).On(2026, time.May, 4); !ok {
		t.Error("a nil calendar's With lost the site's day")
	}
}

func TestYear_ListsPublicAndOwnDays(t *testing.T) {
	us, err := For("US")
	if err != nil {
		t.Fatal(err)
	}
	plain := us.Year(2026)
	site := us.With([]Day{
		{Year: 2026, Month: time.October, Day: 12, Working: true},
		{Year: 2026, Month: time.December, Day: 24, Name: "Christmas Eve"},
		{Year: 2027, Month: time.December, Day: 24, Name: "Christmas Eve"},
	}).Year(2026)
	// The site's year holds the region's dates plus its one new date.
	if len(site) != len(plain)+1 {
		t.Fatalf("site year has %d dates, region's %d; want one more", len(site), len(plain))
	}
	holidays := 0
	for i, e := range site {
		if i > 0 && !site[i-1].Date().Before(e.Date()) {
			t.Errorf("dates out of order at %v", e.Date())
		}
		if e.Holiday() {
			holidays++
		}
		switch e.Date() {
		case time.Date(2026, time.October, 12, 0, 0, 0, 0, time.UTC):
			if !e.Own || !e.Working || e.Public == "" || e.Holiday() {
				t.Errorf("12 Oct = %+v; want a worked public holiday", e)
			}
		case time.Date(2026, time.December, 24, 0, 0, 0, 0, time.UTC):
			if !e.Own || e.Public != "" || !e.Holiday() || e.Name != "Christmas Eve" {
				t.Errorf("24 Dec = %+v; want the site's own holiday", e)
			}
		default:
			if e.Own || !e.Holiday() || e.Public == "" || e.Name != e.Public {
				t.Errorf("%v = %+v; want an unchanged public holiday", e.Date(), e)
			}
		}
	}
	// One worked, one added: as many holidays as the region has.
	if holidays != len(plain) {
		t.Errorf("%d holidays, want %d", holidays, len(plain))
	}
}
