package scheduling

import (
	"time"

	"github.com/shiftplan/shiftplan/scheduling/holiday"
)

// Organisation is the tenant: one contact-centre operator.
type Organisation struct {
	ID   string
	Name string
}

// Site is one contact-centre location. Its time zone governs local clock
// times, labour rules and pay; its holiday region decides public holidays.
type Site struct {
	ID             string
	OrganisationID string
	Name           string
	// TimeZone is an IANA zone name such as "Europe/Berlin".
	TimeZone string
	// HolidayRegion is a country or country-region code such as "DE" or "DE-BE".
	HolidayRegion string
}

// Location loads the site's time zone.
func (s Site) Location() (*time.Location, error) { return time.LoadLocation(s.TimeZone) }

// Validate checks the site's fields.
func (s Site) Validate() error {
	var v ValidationError
	if s.Name == "" {
		v.Add("name", "is required")
	}
	v.Text("name", s.Name, MaxNameLength)
	if s.TimeZone == "" {
		v.Add("time_zone", "is required")
	} else if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "Local" {
		// "Local" is the server's own zone, which differs between hosts.
		v.Add("time_zone", "unknown IANA time zone %q", s.TimeZone)
	}
	if _, err := holiday.For(s.HolidayRegion); err != nil {
		v.Add("holiday_region", "%v", err)
	}
	return v.Err()
}

// Team is a group of agents led by one or more team leads.
type Team struct {
	ID     string
	SiteID string
	Name   string
}

// Validate checks the team's fields.
func (t Team) Validate() error {
	var v ValidationError
	if t.Name == "" {
		v.Add("name", "is required")
	}
	v.Text("name", t.Name, MaxNameLength)
	if t.SiteID == "" {
		v.Add("site_id", "is required")
	}
	return v.Err()
}
