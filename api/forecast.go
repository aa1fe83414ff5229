package api

import (
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

type forecastRequest struct {
	QueueID string `json:"queue_id" required:"true"`
	// Horizon is "14d", "48h" or a Go duration; default 14 days.
	Horizon string `json:"horizon"`
	// Start is the first interval (default: the end of the history).
	Start *time.Time `json:"start"`
}

// parseHorizon reads "14d", "36h" or "90m".
func parseHorizon(s string) (time.Duration, error) {
	if s == "" {
		return 14 * 24 * time.Hour, nil
	}
	if d, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		if _, err := fmtSscan(d, &n); err == nil && n > 0 && n <= 92 {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	} else if d, err := time.ParseDuration(s); err == nil && d > 0 && d <= 92*24*time.Hour {
		return d, nil
	}
	v := &scheduling.ValidationError{}
	v.Add("horizon", "must be like \"14d\" or \"48h\", at most 92 days")
	return 0, v
}

// createForecast queues a forecast run for a queue (admin, team leads).
func (s *Server) createForecast(c echo.Context) error {
	p, err := requireRole(c, scheduling.RoleAdmin, scheduling.RoleTeamLead)
	if err != nil {
		return err
	}
	var req forecastRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	h, err := parseHorizon(req.Horizon)
	if err != nil {
		return err
	}
	if _, err := s.plansQueue(c.Request().Context(), p, req.QueueID); err != nil {
		return unknownRef(err, "queue_id", "queue", req.QueueID)
	}
	pl := forecastPayload{QueueID: req.QueueID, HorizonHours: h.Hours(), UserID: p.user.ID}
	if req.Start != nil {
		pl.Start = req.Start.UTC()
	}
	b, _ := json.Marshal(pl)
	j := store.Job{Kind: jobForecast, Payload: b, CreatedBy: p.user.ID, MaxAttempts: 2}
	if err := s.db.EnqueueJob(c.Request().Context(), &j); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/jobs/"+j.ID)
	return c.JSON(http.StatusAccepted, jobAccepted{JobID: j.ID})
}

type backtestDTO struct {
	WAPE    *float64 `json:"wape"`
	MAE     *float64 `json:"mae"`
	Origins int      `json:"origins"`
}

type pointDTO struct {
	Start time.Time `json:"start"`
	// Forecast and its quantiles are after the adjustments.
	Forecast float64 `json:"forecast"`
	P10      float64 `json:"p10"`
	P50      float64 `json:"p50"`
	P90      float64 `json:"p90"`
	// Base is the model's forecast where an adjustment changed it, so
	// that a planner sees both; absent elsewhere.
	Base       *float64 `json:"base,omitempty"`
	AHTSeconds float64  `json:"aht_seconds"`
}

type adjustmentDTO struct {
	// ID names a stored adjustment for DELETE; ignored when adding one.
	ID       string    `json:"id,omitempty"`
	From     time.Time `json:"from"`
	To       time.Time `json:"to"`
	Percent  *float64  `json:"percent,omitempty"`
	Absolute *float64  `json:"absolute,omitempty"`
}

type forecastDTO struct {
	ID              string          `json:"id"`
	QueueID         string          `json:"queue_id"`
	Model           string          `json:"model"`
	Backtest        backtestDTO     `json:"backtest"`
	IntervalMinutes float64         `json:"interval_minutes"`
	Start           time.Time       `json:"start"`
	End             time.Time       `json:"end"`
	CreatedAt       time.Time       `json:"created_at"`
	Points          []pointDTO      `json:"points,omitempty"`
	Days            []dayDTO        `json:"days,omitempty"`
	Adjustments     []adjustmentDTO `json:"adjustments"`
}

func finiteOrNil(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

func toForecastDTO(f store.Forecast) forecastDTO {
	d := forecastDTO{ID: f.ID, QueueID: f.QueueID, Model: f.Model, IntervalMinutes: f.Interval.Minutes(), Start: f.Start, End: f.End,
		CreatedAt: f.CreatedAt, Backtest: backtestDTO{WAPE: finiteOrNil(f.Backtest.WAPE), MAE: finiteOrNil(f.Backtest.MAE), Origins: f.Backtest.Origins},
		Adjustments: []adjustmentDTO{}}
	for _, a := range f.Adjustments {
		ad := adjustmentDTO{ID: a.ID, From: a.Start, To: a.End}
		if a.Set {
			v := a.Volume
			ad.Absolute = &v
		} else {
			v := a.Percent
			ad.Percent = &v
		}
		d.Adjustments = append(d.Adjustments, ad)
	}
	return d
}

// forecastDetail answers with a forecast, its points (adjustments applied)
// and day totals, the days in the zone of the queue's site.
func (s *Server) forecastDetail(c echo.Context, f store.Forecast) error {
	_, _, loc, err := s.queueSite(c, f.QueueID)
	if err != nil {
		return err
	}
	d := toForecastDTO(f)
	pts := adjusted(f)
	d.Points = make([]pointDTO, len(pts))
	for i, p := range pts {
		d.Points[i] = pointDTO{Start: p.Start, Forecast: p.Forecast, P10: p.P10, P50: p.P50, P90: p.P90, AHTSeconds: p.AHT.Seconds()}
		if b := f.Points[i].Forecast; b != p.Forecast {
			d.Points[i].Base = &b
		}
	}
	d.Days = forecastDays(f, pts, loc)
	return c.JSON(http.StatusOK, d)
}

// forecast reading and adjusting is for admins, team leads and HR.
var plannerRoles = []scheduling.Role{scheduling.RoleAdmin, scheduling.RoleTeamLead, scheduling.RoleHR}

func (s *Server) listForecasts(c echo.Context) error {
	p, err := requireRole(c, plannerRoles...)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	queue := c.QueryParam("queue")
	if queue != "" {
		if _, err := s.plansQueue(ctx, p, queue); err != nil && !errors.Is(err, scheduling.ErrNotFound) {
			return err
		}
	}
	fs, err := s.db.FindForecasts(ctx, queue)
	if err != nil {
		return err
	}
	// A lead sees the forecasts of the queues of their teams' sites.
	planned := map[string]bool{}
	out := make([]forecastDTO, 0, len(fs))
	for _, f := range fs {
		ok, seen := planned[f.QueueID]
		if !seen {
			_, err := s.plansQueue(ctx, p, f.QueueID)
			if err != nil && !errors.Is(err, scheduling.ErrForbidden) {
				return err
			}
			ok = err == nil
			planned[f.QueueID] = ok
		}
		if ok {
			out = append(out, toForecastDTO(f))
		}
	}
	return page(c, out)
}

// plansForecast refuses a lead a forecast of a queue at a site where they
// lead no team: GET /forecasts does not list it to them, so it is 404 as
// a missing one.
func (s *Server) plansForecast(c echo.Context, p *principal, f store.Forecast) error {
	_, err := s.plansQueue(c.Request().Context(), p, f.QueueID)
	if errors.Is(err, scheduling.ErrForbidden) {
		return hidden("forecast", c.Param("id"))
	}
	return err
}

func (s *Server) getForecast(c echo.Context) error {
	p, err := requireRole(c, plannerRoles...)
	if err != nil {
		return err
	}
	f, err := s.db.FindForecastByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if err := s.plansForecast(c, p, f); err != nil {
		return err
	}
	return s.forecastDetail(c, f)
}

// adjustmentFields are an adjustment's fields as this API spells them.
var adjustmentFields = map[string]string{
	"adjustment.start":   "from",
	"adjustment.end":     "to",
	"adjustment.percent": "percent",
	"adjustment.volume":  "absolute",
}

// forecastToPlan loads the forecast of the path's id for a planner about
// to change it: an admin, or a lead at the queue's site (plansForecast).
func (s *Server) forecastToPlan(c echo.Context) (store.Forecast, error) {
	p, err := requireRole(c, scheduling.RoleAdmin, scheduling.RoleTeamLead)
	if err != nil {
		return store.Forecast{}, err
	}
	f, err := s.db.FindForecastByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return store.Forecast{}, err
	}
	return f, s.plansForecast(c, p, f)
}

// adjustForecast adds a planner's override: percent (+20 = ×1.2) or an
// absolute volume per interval over [from, to).
func (s *Server) adjustForecast(c echo.Context) error {
	if _, err := s.forecastToPlan(c); err != nil {
		return err
	}
	var d adjustmentDTO
	if err := bind(c, &d); err != nil {
		return err
	}
	var v scheduling.ValidationError
	if (d.Percent == nil) == (d.Absolute == nil) {
		v.Add("percent", "give exactly one of percent and absolute")
	}
	if !d.To.After(d.From) {
		v.Add("to", "must be after from")
	}
	if err := v.Err(); err != nil {
		return err
	}
	a := forecast.Adjustment{Start: d.From.UTC(), End: d.To.UTC()}
	if d.Percent != nil {
		a.Percent = *d.Percent
	} else {
		a.Set, a.Volume = true, *d.Absolute
	}
	f, err := s.db.AddForecastAdjustment(c.Request().Context(), c.Param("id"), a)
	if err != nil {
		return apiFields(err, adjustmentFields)
	}
	return s.forecastDetail(c, f)
}

// removeAdjustment takes one adjustment off a forecast (admin, team leads
// at the queue's site); the model's points come back where it applied.
func (s *Server) removeAdjustment(c echo.Context) error {
	cur, err := s.forecastToPlan(c)
	if err != nil {
		return err
	}
	f, err := s.db.RemoveForecastAdjustment(c.Request().Context(), cur.ID, c.Param("adjustmentId"))
	if err != nil {
		return err
	}
	return s.forecastDetail(c, f)
}

type requirementDTO struct {
	Start        time.Time `json:"start"`
	QueueID      string    `json:"queue_id"`
	Volume       float64   `json:"volume"`
	AHTSeconds   float64   `json:"aht_seconds"`
	Erlangs      float64   `json:"erlangs"`
	Agents       int       `json:"agents"`
	Model        string    `json:"model"`
	Binding      string    `json:"binding"`
	ServiceLevel float64   `json:"service_level"`
	ASASeconds   *float64  `json:"asa_seconds"`
	Occupancy    float64   `json:"occupancy"`
}

// listRequirements gives the agents needed per interval of a queue over
// [from, to) from its newest forecast (adjusted).
func (s *Server) listRequirements(c echo.Context) error {
	p, err := requireRole(c, plannerRoles...)
	if err != nil {
		return err
	}
	q, site, loc, err := s.queueSite(c, c.QueryParam("queue"))
	if err != nil {
		return err
	}
	if err := s.plansSite(c.Request().Context(), p, site.ID); err != nil {
		return err
	}
	from, to, err := timeRange(c, loc)
	if err != nil {
		return err
	}
	if from.IsZero() || to.IsZero() {
		f, err := s.db.LatestForecast(c.Request().Context(), q.ID, time.Time{})
		if err != nil {
			return err
		}
		if from.IsZero() {
			from = f.Start
		}
		if to.IsZero() {
			to = f.End
		}
	}
	reqs, _, err := requirements(c.Request().Context(), s.db, q, site, from, to, false)
	if err != nil {
		return err
	}
	out := make([]requirementDTO, len(reqs))
	for i, r := range reqs {
		out[i] = requirementDTO{Start: r.Start.UTC(), QueueID: q.ID, Volume: r.Volume, AHTSeconds: r.AHT.Seconds(), Erlangs: r.Erlangs,
			Agents: r.Agents, Model: r.Model, Binding: r.Binding, ServiceLevel: r.ServiceLevel, ASASeconds: finiteOrNil(r.ASA.Seconds()),
			Occupancy: r.Occupancy}
		if r.ASA >= time.Duration(math.MaxInt64/2) {
			out[i].ASASeconds = nil
		}
	}
	return page(c, out)
}

// history returns a queue's stored interval history over [from, to).
func (s *Server) getHistory(c echo.Context) error {
	p, err := requireRole(c, plannerRoles...)
	if err != nil {
		return err
	}
	q, site, loc, err := s.queueSite(c, c.Param("id"))
	if err != nil {
		return err
	}
	if err := s.plansSite(c.Request().Context(), p, site.ID); err != nil {
		return err
	}
	from, to, err := timeRange(c, loc)
	if err != nil {
		return err
	}
	hs, err := s.db.FindHistory(c.Request().Context(), q.ID, from, to)
	if err != nil {
		return err
	}
	type row struct {
		Start         time.Time `json:"start"`
		LengthMinutes float64   `json:"length_minutes"`
		Offered       float64   `json:"offered"`
		Handled       float64   `json:"handled"`
		AHTSeconds    float64   `json:"aht_seconds"`
	}
	out := make([]row, len(hs))
	for i, h := range hs {
		out[i] = row{Start: h.Start, LengthMinutes: h.Length.Minutes(), Offered: h.Offered, Handled: h.Handled, AHTSeconds: h.AHT.Seconds()}
	}
	return page(c, out)
}
