package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
	"github.com/shiftplan/shiftplan/store"
)

// A site's holidays are its region's public holidays with the site's own
// changes applied (holiday.Calendar.With): days the company treats as
// holidays (Christmas Eve), and public holidays it works as ordinary days
// (Columbus Day at a bank). Pay, rosters, the shift lists' holiday marks
// and forecasts all read this one calendar (siteCalendar).

// siteCalendar is the holiday calendar of site: its region's, with the
// site's own days.
func siteCalendar(ctx context.Context, db *store.DB, site scheduling.Site) (*holiday.Calendar, error) {
	cal, err := holiday.For(site.HolidayRegion)
	if err != nil {
		return nil, err
	}
	own, err := db.FindSiteHolidays(ctx, site.ID)
	if err != nil {
		return nil, err
	}
	return cal.With(own), nil
}

// siteHolidayDTO is one date of a site's year: a public holiday of its
// region (public_name), a day the site changed (own), or both. holiday
// tells whether the date counts as a holiday at the site.
type siteHolidayDTO struct {
	Date string `json:"date"`
	// From is the local time a holiday of the site's own begins, "HH:MM";
	// empty for the whole day.
	From       string `json:"from,omitempty"`
	Name       string `json:"name"`
	Holiday    bool   `json:"holiday"`
	PublicName string `json:"public_name"`
	Own        bool   `json:"own"`
	Working    bool   `json:"working"`
}

func toSiteHolidayDTO(e holiday.Entry) siteHolidayDTO {
	d := siteHolidayDTO{Date: e.Date().Format(time.DateOnly), Name: e.Name, Holiday: e.Holiday(), PublicName: e.Public,
		Own: e.Own, Working: e.Working}
	if e.Own && !e.Working && e.From > 0 {
		d.From = clockString(e.From)
	}
	return d
}

type siteHolidaysDTO struct {
	Year          int              `json:"year"`
	HolidayRegion string           `json:"holiday_region"`
	Days          []siteHolidayDTO `json:"days"`
}

// siteHolidayInput is a site's own day: a holiday of its own (a name,
// working false; from "HH:MM" where it begins during the day, such as
// Christmas Eve from 14:00) or a public holiday it works (working true,
// no name).
type siteHolidayInput struct {
	Name    string `json:"name"`
	Working bool   `json:"working"`
	From    string `json:"from"`
}

// Years a site's calendar can be read and changed for.
const minHolidayYear, maxHolidayYear = 1970, 2199

// listSiteHolidays lists the dates of a year (?year=, else this year at
// the site) that are public holidays of the site's region or that the
// site changed.
func (s *Server) listSiteHolidays(c echo.Context) error {
	ctx := c.Request().Context()
	site, err := s.db.FindSiteByID(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	_, year, cal, err := s.siteYear(c, site)
	if err != nil {
		return err
	}
	out := siteHolidaysDTO{Year: year, HolidayRegion: site.HolidayRegion, Days: []siteHolidayDTO{}}
	for _, e := range cal.Year(year) {
		out.Days = append(out.Days, toSiteHolidayDTO(e))
	}
	return c.JSON(http.StatusOK, out)
}

// putSiteHoliday makes a date a holiday of the site's own, or has the
// site work a public holiday (admin, HR). Pay and the holiday marks of
// shifts on that date follow at once, forecasts and rosters when next
// made.
func (s *Server) putSiteHoliday(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin, scheduling.RoleHR); err != nil {
		return err
	}
	ctx := c.Request().Context()
	site, err := s.db.FindSiteByID(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	var in siteHolidayInput
	if err := bind(c, &in); err != nil {
		return err
	}
	day, err := holidayDate(c.Param("date"))
	if err != nil {
		return err
	}
	region, err := holiday.For(site.HolidayRegion)
	if err != nil {
		return err
	}
	var v scheduling.ValidationError
	from := clock(&v, "from", in.From)
	if err := v.Err(); err != nil {
		return err
	}
	d := holiday.Day{Year: day.Year(), Month: day.Month(), Day: day.Day(), Name: strings.TrimSpace(in.Name), Working: in.Working,
		From: from}
	if err := checkSiteHoliday(d, region, site.HolidayRegion); err != nil {
		return err
	}
	if err := s.db.PutSiteHoliday(ctx, site.ID, d); err != nil {
		return err
	}
	public, _ := region.Public(d.Year, d.Month, d.Day)
	return c.JSON(http.StatusOK, toSiteHolidayDTO(holiday.Entry{Day: d, Public: public, Own: true}))
}

// checkSiteHoliday refuses a day that would change nothing or say nothing:
// a worked day that is no public holiday of the region, a named one, a
// holiday of the site's own without a name, or on a public holiday.
func checkSiteHoliday(d holiday.Day, region *holiday.Calendar, code string) error {
	date := d.Date().Format(time.DateOnly)
	public, isPublic := region.Public(d.Year, d.Month, d.Day)
	var v scheduling.ValidationError
	switch {
	case d.Working && !isPublic:
		v.Add("working", "%s is no public holiday in %q: only a public holiday can be worked as an ordinary day", date, code)
	case d.Working && d.Name != "":
		v.Add("name", "a worked public holiday takes no name (it is %s)", public)
	case !d.Working && d.Name == "":
		v.Add("name", "is required for a holiday of the site's own")
	case !d.Working && isPublic:
		v.Add("date", "%s is already a public holiday in %q (%s)", date, code, public)
	case d.Working && d.From > 0:
		v.Add("from", "a worked public holiday has no time it begins")
	}
	v.Text("name", d.Name, scheduling.MaxNameLength)
	return v.Err()
}

// deleteSiteHoliday removes the site's own day on a date (admin, HR): the
// region's calendar holds there again.
func (s *Server) deleteSiteHoliday(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin, scheduling.RoleHR); err != nil {
		return err
	}
	day, err := holidayDate(c.Param("date"))
	if err != nil {
		return err
	}
	if err := s.db.DeleteSiteHoliday(c.Request().Context(), c.Param("id"), day); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// holidayDate reads the date of a site's own day from the path.
func holidayDate(s string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return d, scheduling.Invalid("date", "must be a date YYYY-MM-DD, got %q", s)
	}
	if d.Year() < minHolidayYear || d.Year() > maxHolidayYear {
		return d, scheduling.Invalid("date", "must be a date from %d to %d, got %q", minHolidayYear, maxHolidayYear, s)
	}
	return d, nil
}

// queryYear reads ?year= (def when absent), a year the calendars hold.
func queryYear(c echo.Context, def int) (int, error) {
	q := c.QueryParam("year")
	if q == "" {
		return def, nil
	}
	year, err := strconv.Atoi(q)
	if err != nil || year < minHolidayYear || year > maxHolidayYear {
		return 0, scheduling.Invalid("year", "must be a year from %d to %d, got %q", minHolidayYear, maxHolidayYear, q)
	}
	return year, nil
}

// siteYear is the site's zone, the year the request asks for (?year=,
// else this year there) and the site's holiday calendar.
func (s *Server) siteYear(c echo.Context, site scheduling.Site) (*time.Location, int, *holiday.Calendar, error) {
	loc, err := site.Location()
	if err != nil {
		return nil, 0, nil, err
	}
	year, err := queryYear(c, s.now().In(loc).Year())
	if err != nil {
		return nil, 0, nil, err
	}
	cal, err := siteCalendar(c.Request().Context(), s.db, site)
	return loc, year, cal, err
}
