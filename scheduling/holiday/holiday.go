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
	// own holds a site's changes to the region's calendar by civil date.
	own map[date]Day
}

type date struct {
	y int
	m time.Month
	d int
}

// Day is a site's own change to its region's calendar on one civil date:
// a holiday of the site's own (Working false, Name given), such as
// Christmas Eve where the company treats it as a holiday, or a public
// holiday the site works as an ordinary day (Working true), such as
// Columbus Day at a bank that opens on it.
type Day struct {
	Year  int
	Month time.Month
	Day   int
	// Name names a holiday of the site's own; a worked public holiday
	// needs none.
	Name    string
	Working bool
	// From is the local wall-clock time a holiday of the site's own
	// begins on its date (Christmas Eve from 14:00 under § 3b EStG); zero
	// is the whole day.
	From time.Duration
}

// Date is the day's civil date at midnight UTC.
func (d Day) Date() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// With returns c with a site's days applied: on each of their dates, what
// the day says replaces what the region's calendar says. c itself is
// unchanged. A later day of the same date replaces an earlier one.
func (c *Calendar) With(days []Day) *Calendar {
	out := &Calendar{}
	if c != nil {
		*out = *c
	}
	out.own = make(map[date]Day, len(c.ownDays())+len(days))
	for k, v := range c.ownDays() {
		out.own[k] = v
	}
	for _, d := range days {
		out.own[date{d.Year, d.Month, d.Day}] = d
	}
	return out
}

func (c *Calendar) ownDays() map[date]Day {
	if c == nil {
		return nil
	}
	return c.own
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

// On reports whether the civil date year-month-day is a holiday here, and
// its name: a public holiday of the region (the day itself or the day it
// is observed on) that the site does not work, or a holiday of the
// site's own (With).
func (c *Calendar) On(year int, month time.Month, day int) (string, bool) {
	if d, ok := c.ownDays()[date{year, month, day}]; ok {
		return d.Name, !d.Working
	}
	return c.Public(year, month, day)
}

// From returns the local wall-clock time the holiday on the civil date
// begins: zero for a whole day (every public holiday), or the From of a
// holiday of the site's own. Pay counts holiday hours from then on.
func (c *Calendar) From(year int, month time.Month, day int) time.Duration {
	if d, ok := c.ownDays()[date{year, month, day}]; ok && !d.Working {
		return d.From
	}
	return 0
}

// Public reports whether the civil date is a public holiday of the
// region, whatever the site's own days say, and its name.
func (c *Calendar) Public(year int, month time.Month, day int) (string, bool) {
	if c == nil || c.cal == nil {
		return "", false
	}
	actual, observed, h := c.cal.IsHoliday(time.Date(year, month, day, 12, 0, 0, 0, time.UTC))
	if !(actual || observed) || h == nil {
		return "", false
	}
	return h.Name, true
}

// Entry is one date of a year's calendar (Year): a public holiday of the
// region, a site's own day, or both.
type Entry struct {
	Day
	// Public names the region's public holiday on the date; empty if none.
	Public string
	// Own tells that the site changed the date (With).
	Own bool
}

// Holiday tells whether the date is a holiday here.
func (e Entry) Holiday() bool { return e.Public != "" && !e.Own || e.Own && !e.Working }

// Year lists, in date order, the dates of the year that are public
// holidays of the region or that the site changed.
func (c *Calendar) Year(year int) []Entry {
	var out []Entry
	for t := time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC); t.Year() == year; t = t.AddDate(0, 0, 1) {
		y, m, d := t.Date()
		public, isPublic := c.Public(y, m, d)
		own, isOwn := c.ownDays()[date{y, m, d}]
		switch {
		case isOwn:
			out = append(out, Entry{Day: own, Public: public, Own: true})
		case isPublic:
			out = append(out, Entry{Day: Day{Year: y, Month: m, Day: d, Name: public}, Public: public})
		}
	}
	return out
}

// IsHoliday reports whether the local date of t (in t's location) is a
// holiday, and its name.
func (c *Calendar) IsHoliday(t time.Time) (string, bool) {
	y, m, d := t.Date()
	return c.On(y, m, d)
}
