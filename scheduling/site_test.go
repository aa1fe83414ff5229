package scheduling

import (
	"errors"
	"testing"
)

// TestSiteValidate_TimeZone: a site's zone is an IANA zone name; "Local",
// which Go reads as the server's own zone, is not one.
func TestSiteValidate_TimeZone(t *testing.T) {
	for _, c := range []struct {
		zone string
		ok   bool
	}{
		{"Europe/Berlin", true},
		{"UTC", true},
		{"America/Argentina/Buenos_Aires", true},
		{"Local", false},
		{"Mars/Olympus", false},
		{"", false},
	} {
		err := Site{Name: "S", TimeZone: c.zone}.Validate()
		var v *ValidationError
		switch {
		case c.ok && err != nil:
			t.Errorf("zone %q: %v, want valid", c.zone, err)
		case !c.ok && (!errors.As(err, &v) || len(v.Fields) != 1 || v.Fields[0].Field != "time_zone"):
			t.Errorf("zone %q: %v, want one problem, on time_zone", c.zone, err)
		}
	}
}
