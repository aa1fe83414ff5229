// Package holiday answers "is this local date a public holiday here?" for a
// site's country and region, from the calendars maintained in
// github.com/rickar/cal/v2.
package holiday

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/pt"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/us"
)

// ErrUnknownRegion is returned for a country or region code without a calendar.
var ErrUnknownRegion = errors.New("no holiday calendar for this country/region")

// country lists the national holidays of a country and those of its regions
// (ISO 3166-2 subdivision codes without the country prefix).
type country struct {
	national []*cal.Holiday
	regions  map[string][]*cal.Holiday
}

var countries = map[string]country{
	"AT": {national: at.Holidays},
	"AU": {regions: map[string][]*cal.Holiday{
		"ACT": au.HolidaysACT, "NSW": au.HolidaysNSW, "NT": au.HolidaysNT, "QLD": au.HolidaysQLD,
		"SA": au.HolidaysSA, "TAS": au.HolidaysTAS, "VIC": au.HolidaysVIC, "WA": au.HolidaysWA,
	}},
	"BE": {national: be.Holidays},
	"CA": {national: ca.Holidays},
	"CH": {national: ch.Holidays, regions: map[string][]*cal.Holiday{
		"ZH": ch.HolidaysZH, "BE": ch.HolidaysBE, "LU": ch.HolidaysLU, "UR": ch.HolidaysUR,
		"SZ": ch.HolidaysSZ, "OW": ch.HolidaysOW, "NW": ch.HolidaysNW, "GL": ch.HolidaysGL,
		"ZG": ch.HolidaysZG, "FR": ch.HolidaysFR, "SO": ch.HolidaysSO, "BS": ch.HolidaysBS,
		"BL": ch.HolidaysBL, "SH": ch.HolidaysSH, "AR": ch.HolidaysAR, "AI": ch.HolidaysAI,
		"SG": ch.HolidaysSG, "GR": ch.HolidaysGR, "AG": ch.HolidaysAG, "TG": ch.HolidaysTG,
		"VD": ch.HolidaysVD, "TI": ch.HolidaysTI, "VS": ch.HolidaysVS, "NE": ch.HolidaysNE,
		"GE": ch.HolidaysGE, "JU": ch.HolidaysJU,
	}},
	"DE": {national: de.Holidays, regions: map[string][]*cal.Holiday{
		"BW": de.HolidaysBW, "BY": de.HolidaysBY, "BE": de.HolidaysBE, "BB": de.HolidaysBB,
		"HB": de.HolidaysHB, "HH": de.HolidaysHH, "HE": de.HolidaysHE, "MV": de.HolidaysMV,
		"NI": de.HolidaysNI, "NW": de.HolidaysNW, "RP": de.HolidaysRP, "SL": de.HolidaysSL,
		"SN": de.HolidaysSN, "ST": de.HolidaysST, "SH": de.HolidaysSH, "TH": de.HolidaysTH,
	}},
	"DK": {national: dk.Holidays},
	"ES": {national: es.Holidays},
	"FR": {national: fr.Holidays},
	"GB": {national: gb.Holidays},
	"IE": {national: ie.Holidays},
	"IT": {national: it.Holidays},
	"NL": {national: nl.Holidays},
	"PL": {national: pl.Holidays},
	"PT": {national: pt.Holidays},
	"SE": {national: se.Holidays},
	"US": {national: us.Holidays},
}

// Codes lists the accepted codes ("DE", "DE-BY", …), sorted.
func Codes() []string {
	var out []string
	for c, k := range countries {
		if k.national != nil {
			out = append(out, c)
		}
		for r := range k.regions {
			out = append(out, c+"-"+r)
		}
	}
	sort.Strings(out)
	return out
}

// Calendar tells public holidays of one country or region. The zero value and
// a nil *Calendar know no holidays.
type Calendar struct {
	code string
	cal  *cal.Calendar
}

// For returns the calendar for code: an ISO 3166-1 alpha-2 country ("DE") or a
// country and subdivision ("DE-BY", "AU-NSW"). A region's calendar holds the
// national holidays too. An empty code gives a calendar without holidays.
func For(code string) (*Calendar, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return &Calendar{}, nil
	}
	cc, region, _ := strings.Cut(code, "-")
	k, ok := countries[cc]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownRegion, code)
	}
	c := &cal.Calendar{}
	switch {
	case region == "" && k.national == nil:
		return nil, fmt.Errorf("%w: %q needs a region (e.g. %s-%s)", ErrUnknownRegion, code, cc, firstRegion(k))
	case region == "":
		c.AddHoliday(k.national...)
	default:
		hs, ok := k.regions[region]
		if !ok {
			return nil, fmt.Errorf("%w: %q", ErrUnknownRegion, code)
		}
		c.AddHoliday(k.national...)
		c.AddHoliday(hs...)
	}
	return &Calendar{code: code, cal: c}, nil
}

func firstRegion(k country) string {
	var rs []string
	for r := range k.regions {
		rs = append(rs, r)
	}
	sort.Strings(rs)
	return rs[0]
}

// Code is the country/region code the calendar was made for.
func (c *Calendar) Code() string {
	if c == nil {
		return ""
	}
	return c.code
}

// On reports whether the civil date year-month-day is a public holiday (the
// day itself or the day it is observed on), and its name.
func (c *Calendar) On(year int, month time.Month, day int) (string, bool) {
	if c == nil || c.cal == nil {
		return "", false
	}
	actual, observed, h := c.cal.IsHoliday(time.Date(year, month, day, 12, 0, 0, 0, time.UTC))
	if !(actual || observed) || h == nil {
		return "", false
	}
	return h.Name, true
}

// IsHoliday reports whether the local date of t (in t's location) is a
// holiday, and its name.
func (c *Calendar) IsHoliday(t time.Time) (string, bool) {
	y, m, d := t.Date()
	return c.On(y, m, d)
}
