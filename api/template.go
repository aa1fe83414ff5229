package api

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/roster"
	"github.com/shiftplan/shiftplan/store"
)

type breakRuleDTO struct {
	Name                 string  `json:"name"`
	LengthMinutes        float64 `json:"length_minutes"`
	Paid                 bool    `json:"paid"`
	EarliestAfterMinutes float64 `json:"earliest_after_minutes"`
	LatestAfterMinutes   float64 `json:"latest_after_minutes"`
}

// templateDTO is a shift template: start window as local clock times
// "HH:MM", lengths in minutes.
type templateDTO struct {
	ID               string         `json:"id"`
	SiteID           string         `json:"site_id" required:"true"`
	Code             string         `json:"code" required:"true"`
	Name             string         `json:"name"`
	EarliestStart    string         `json:"earliest_start" required:"true"`
	LatestStart      string         `json:"latest_start" required:"true"`
	StartStepMinutes float64        `json:"start_step_minutes"`
	LengthMinutes    float64        `json:"length_minutes" required:"true"`
	Breaks           []breakRuleDTO `json:"breaks"`
	Night            bool           `json:"night"`
	Color            string         `json:"color"`
}

// templateFields are a template's durations as this API spells them.
var templateFields = map[string]string{
	"start_step":     "start_step_minutes",
	"length":         "length_minutes",
	"earliest_after": "earliest_after_minutes",
	"latest_after":   "latest_after_minutes",
}

func toTemplateDTO(t scheduling.ShiftTemplate) templateDTO {
	d := templateDTO{ID: t.ID, SiteID: t.SiteID, Code: t.Code, Name: t.Name, EarliestStart: clockString(t.EarliestStart),
		LatestStart: clockString(t.LatestStart), StartStepMinutes: t.StartStep.Minutes(), LengthMinutes: t.Length.Minutes(),
		Night: t.Night, Color: t.Color, Breaks: []breakRuleDTO{}}
	for _, b := range t.Breaks {
		d.Breaks = append(d.Breaks, breakRuleDTO{Name: b.Name, LengthMinutes: b.Length.Minutes(), Paid: b.Paid,
			EarliestAfterMinutes: b.EarliestAfter.Minutes(), LatestAfterMinutes: b.LatestAfter.Minutes()})
	}
	return d
}

func (d templateDTO) domain() (scheduling.ShiftTemplate, error) {
	var v scheduling.ValidationError
	t := scheduling.ShiftTemplate{SiteID: d.SiteID, Code: strings.TrimSpace(d.Code), Name: d.Name, StartStep: minutes(d.StartStepMinutes),
		Length: minutes(d.LengthMinutes), Night: d.Night, Color: d.Color}
	t.EarliestStart = clock(&v, "earliest_start", d.EarliestStart)
	t.LatestStart = clock(&v, "latest_start", d.LatestStart)
	for _, b := range d.Breaks {
		t.Breaks = append(t.Breaks, scheduling.BreakRule{Name: b.Name, Length: minutes(b.LengthMinutes), Paid: b.Paid,
			EarliestAfter: minutes(b.EarliestAfterMinutes), LatestAfter: minutes(b.LatestAfterMinutes)})
	}
	if err := v.Err(); err != nil {
		return t, err
	}
	return t, t.Validate()
}

func (s *Server) listTemplates(c echo.Context) error {
	ts, err := s.db.FindShiftTemplates(c.Request().Context(), c.QueryParam("site"))
	if err != nil {
		return err
	}
	out := make([]templateDTO, len(ts))
	for i, t := range ts {
		out[i] = toTemplateDTO(t)
	}
	return page(c, out)
}

// createTemplate adds a shift template to a site (admin). Its code,
// trimmed, is one no other template of the site has in any case (409
// naming that template).
func (s *Server) createTemplate(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	var d templateDTO
	if err := bind(c, &d); err != nil {
		return err
	}
	t, err := d.domain()
	if err != nil {
		return apiFields(err, templateFields)
	}
	if err := workWithinRules(c.Request().Context(), s.db, t); err != nil {
		return err
	}
	// The store refuses a site_id no site has (422 on site_id), also one
	// removed while the template is being added.
	if err := s.db.CreateShiftTemplate(c.Request().Context(), &t); err != nil {
		return apiFields(err, templateFields)
	}
	return c.JSON(http.StatusCreated, toTemplateDTO(t))
}

// putTemplate replaces a shift template's code, name, start window, length,
// breaks, night flag and colour (admin); its site stays. Shifts already
// rostered keep their times.
func (s *Server) putTemplate(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	var d templateDTO
	if err := bind(c, &d); err != nil {
		return err
	}
	cur, err := s.db.FindShiftTemplateByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if d.SiteID != "" && d.SiteID != cur.SiteID {
		return scheduling.Invalid("site_id", "a template stays at its site; add one at the other")
	}
	d.SiteID = cur.SiteID
	t, err := d.domain()
	if err != nil {
		return apiFields(err, templateFields)
	}
	t.ID = cur.ID
	if err := workWithinRules(c.Request().Context(), s.db, t); err != nil {
		return err
	}
	if err := s.db.UpdateShiftTemplate(c.Request().Context(), t); err != nil {
		return apiFields(err, templateFields)
	}
	return c.JSON(http.StatusOK, toTemplateDTO(t))
}

// workWithinRules refuses a template whose shifts hold more work than its
// site's labour rules allow a day (max_daily_work_hours): no roster could
// use it. A site that does not exist is left to the store to refuse.
func workWithinRules(ctx context.Context, db *store.DB, t scheduling.ShiftTemplate) error {
	_, doc, err := db.SiteRules(ctx, t.SiteID)
	if errors.Is(err, scheduling.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	rules, err := labourRulesOf(doc)
	if err != nil {
		return err
	}
	if mw := rules.DailyWork(); mw > 0 && t.Work() > mw {
		return scheduling.Invalid("length_minutes", "%s of work a shift (its length less its breaks of 15 minutes or more), more than the %s a day of the site's labour rules (max_daily_work_hours)",
			roster.Hours(t.Work()), roster.Hours(mw))
	}
	return nil
}
