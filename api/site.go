package api

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
	"github.com/shiftplan/shiftplan/scheduling/pay"
	"github.com/shiftplan/shiftplan/scheduling/roster"
)

type siteDTO struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	TimeZone      string `json:"time_zone"`
	HolidayRegion string `json:"holiday_region"`
}

func toSiteDTO(s scheduling.Site) siteDTO {
	return siteDTO{ID: s.ID, Name: s.Name, TimeZone: s.TimeZone, HolidayRegion: s.HolidayRegion}
}

func (s *Server) listSites(c echo.Context) error {
	sites, err := s.db.FindSites(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]siteDTO, len(sites))
	for i, x := range sites {
		out[i] = toSiteDTO(x)
	}
	return page(c, out)
}

// holidayRegionsDTO lists the codes a site's holiday_region accepts:
// countries ("DE") and their regions ("DE-BY").
type holidayRegionsDTO struct {
	Regions []string `json:"regions"`
}

func (s *Server) listHolidayRegions(c echo.Context) error {
	return c.JSON(http.StatusOK, holidayRegionsDTO{Regions: holiday.Codes()})
}

func (s *Server) getSite(c echo.Context) error {
	site, err := s.db.FindSiteByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toSiteDTO(site))
}

// getPayRules returns the site's pay rules (scheduling/pay JSON form):
// to admins and HR, and to leads for the sites of their teams. Agents may
// not read them.
func (s *Server) getPayRules(c echo.Context) error {
	p, err := requireRole(c, scheduling.RoleAdmin, scheduling.RoleHR, scheduling.RoleTeamLead)
	if err != nil {
		return err
	}
	pr, _, err := s.db.SiteRules(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if err := s.plansSite(c.Request().Context(), p, c.Param("id")); err != nil {
		return err
	}
	rules, err := decodePayRules(pr)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rules)
}

// putPayRules replaces the site's pay rules (admin and HR).
func (s *Server) putPayRules(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin, scheduling.RoleHR); err != nil {
		return err
	}
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxBody))
	if err != nil {
		return err
	}
	rules, err := decodePayRules(body)
	if err != nil {
		return err
	}
	if rules.NightPremium > 0 && rules.NightStart == rules.NightEnd {
		// Equal times are no night window (pay.Rules): the premium
		// would never be paid.
		return scheduling.Invalid("night_end", "a night premium needs a night window: give night_start and night_end, different times (22:00 and 06:00 for 22:00–06:00)")
	}
	if _, err := s.db.FindSiteByID(c.Request().Context(), c.Param("id")); err != nil {
		return err
	}
	enc, err := json.Marshal(rules)
	if err != nil {
		return err
	}
	if err := s.db.SetSiteRules(c.Request().Context(), c.Param("id"), enc, nil); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rules)
}

// decodePayRules reads pay rules; "{}" (never set) is the zero rules.
func decodePayRules(b []byte) (pay.Rules, error) {
	var r pay.Rules
	if len(b) == 0 || string(b) == "{}" {
		return r, nil
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, payError(err)
	}
	return r, nil
}

// payError turns the pay package's field errors into the API's.
func payError(err error) error {
	var pe *pay.ValidationError
	v := &scheduling.ValidationError{}
	if errorsAs(err, &pe) {
		for _, f := range pe.Fields {
			format, args := f.Source()
			v.Add(f.Field, format, args...)
		}
		return v
	}
	v.Add("body", "%v", err)
	return v
}

// labourRulesDTO is the JSON form of roster.LabourRules: durations in hours
// (rest, a day's work, night minimum) and clock times "HH:MM"; zero or absent fields take
// the defaults, negative ones switch the rule off.
type labourRulesDTO struct {
	MinDailyRestHours     float64 `json:"min_daily_rest_hours"`
	WeeklyRestHours       float64 `json:"weekly_rest_hours"`
	MaxDailyWorkHours     float64 `json:"max_daily_work_hours"`
	MaxConsecutiveDays    int     `json:"max_consecutive_days"`
	MaxConsecutiveNights  int     `json:"max_consecutive_nights"`
	MaxNightsPerPeriod    int     `json:"max_nights_per_period"`
	MinWeekendsOff        int     `json:"min_weekends_off"`
	MaxAverageWeeklyHours float64 `json:"max_average_weekly_hours"`
	NightStart            string  `json:"night_start"`
	NightEnd              string  `json:"night_end"`
	NightMinimumHours     float64 `json:"night_minimum_hours"`
}

// hourFields names the rules' durations as this API gives them, in hours.
var hourFields = map[string]string{
	"min_daily_rest": "min_daily_rest_hours",
	"weekly_rest":    "weekly_rest_hours",
	"max_daily_work": "max_daily_work_hours",
	"night_minimum":  "night_minimum_hours",
}

// labourRulesOf reads a site's stored labour rules; a document that is
// not the DTO's JSON takes the defaults.
func labourRulesOf(doc []byte) (roster.LabourRules, error) {
	var lr labourRulesDTO
	if err := json.Unmarshal(doc, &lr); err != nil {
		return roster.LabourRules{}, nil
	}
	return lr.rules()
}

func (d labourRulesDTO) rules() (roster.LabourRules, error) {
	var v scheduling.ValidationError
	r := roster.LabourRules{MinDailyRest: hoursOf(d.MinDailyRestHours), WeeklyRest: hoursOf(d.WeeklyRestHours), MaxDailyWork: hoursOf(d.MaxDailyWorkHours),
		MaxConsecutiveDays: d.MaxConsecutiveDays, MaxConsecutiveNights: d.MaxConsecutiveNights, MaxNightsPerPeriod: d.MaxNightsPerPeriod,
		MinWeekendsOff: d.MinWeekendsOff, MaxAverageWeeklyHours: d.MaxAverageWeeklyHours, NightMinimum: hoursOf(d.NightMinimumHours)}
	r.NightStart = clock(&v, "night_start", d.NightStart)
	r.NightEnd = clock(&v, "night_end", d.NightEnd)
	if err := v.Err(); err != nil {
		return r, err
	}
	return r, apiFields(r.Validate(), hourFields)
}

// getLabourRules returns the site's working-time rules: to admins and
// HR, and to leads for the sites of their teams.
func (s *Server) getLabourRules(c echo.Context) error {
	p, err := requireRole(c, scheduling.RoleAdmin, scheduling.RoleHR, scheduling.RoleTeamLead)
	if err != nil {
		return err
	}
	_, lr, err := s.db.SiteRules(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if err := s.plansSite(c.Request().Context(), p, c.Param("id")); err != nil {
		return err
	}
	var d labourRulesDTO
	if err := json.Unmarshal(lr, &d); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

// putLabourRules replaces the site's working-time rules (admin).
func (s *Server) putLabourRules(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	var d labourRulesDTO
	if err := bind(c, &d); err != nil {
		return err
	}
	r, err := d.rules()
	if err != nil {
		return err
	}
	if r.NightStart == r.NightEnd && r.NightStart != 0 {
		// An empty night time would switch the night rules off unseen
		// (negative values switch a rule off).
		return scheduling.Invalid("night_end", "must differ from night_start %s: night time would be empty", d.NightStart)
	}
	if _, err := s.db.FindSiteByID(c.Request().Context(), c.Param("id")); err != nil {
		return err
	}
	// A day's work below a template's would leave it unusable.
	ts, err := s.db.FindShiftTemplates(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	for _, t := range ts {
		if mw := r.DailyWork(); mw > 0 && t.Work() > mw {
			return scheduling.Invalid("max_daily_work_hours", "template %s has %s of work a shift (its length less its breaks of 15 minutes or more), more than %s",
				t.Code, roster.Hours(t.Work()), roster.Hours(mw))
		}
	}
	enc, _ := json.Marshal(d)
	if err := s.db.SetSiteRules(c.Request().Context(), c.Param("id"), nil, enc); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}
