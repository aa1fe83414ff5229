package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// vacationDTO is an agent's paid vacation in a calendar year, in working
// days (scheduling.VacationOf): the entitlement of the year's contracts
// and employment, the days approved and asked for, and what remains.
// Requests lists each vacation of the year (any status) with the days it
// takes of the year.
type vacationDTO struct {
	Year        int                  `json:"year"`
	Entitlement float64              `json:"entitlement"`
	Approved    float64              `json:"approved"`
	Requested   float64              `json:"requested"`
	Remaining   float64              `json:"remaining"`
	Requests    []vacationRequestDTO `json:"requests"`
}

type vacationRequestDTO struct {
	ID     string  `json:"id"`
	Status string  `json:"status"`
	Days   float64 `json:"days"`
}

// agentVacation is GET /agents/{id}/vacation?year= (default: this year at
// the agent's site): to whoever sees the agent.
func (s *Server) agentVacation(c echo.Context) error {
	a, err := s.visibleAgent(c)
	if err != nil {
		return err
	}
	return s.vacation(c, a)
}

// myVacation is GET /me/vacation?year=: the caller's own.
func (s *Server) myVacation(c echo.Context) error {
	a, err := s.myAgent(c)
	if err != nil {
		return err
	}
	return s.vacation(c, a)
}

func (s *Server) vacation(c echo.Context, a scheduling.Agent) error {
	ctx := c.Request().Context()
	_, site, err := s.siteOfTeam(c, a.TeamID)
	if err != nil {
		return err
	}
	loc, year, cal, err := s.siteYear(c, site)
	if err != nil {
		return err
	}
	past, err := s.db.FindPastContracts(ctx, []string{a.ID})
	if err != nil {
		return err
	}
	scheduled, err := s.db.FindScheduledContracts(ctx, []string{a.ID}, time.Time{})
	if err != nil {
		return err
	}
	first := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	offs, err := s.db.FindTimeOff(ctx, store.TimeOffFilter{AgentIDs: []string{a.ID}, From: first.AddDate(0, 0, -1), To: first.AddDate(1, 0, 1)})
	if err != nil {
		return err
	}
	v := scheduling.VacationOf(a, scheduling.ContractSpells(a, past[a.ID], scheduled[a.ID]), offs, year, loc, cal)
	out := vacationDTO{Year: year, Entitlement: v.Entitlement, Approved: v.Approved, Requested: v.Requested, Remaining: v.Remaining,
		Requests: []vacationRequestDTO{}}
	for _, t := range offs {
		if n, ok := v.Days[t.ID]; ok {
			out.Requests = append(out.Requests, vacationRequestDTO{ID: t.ID, Status: string(t.Status), Days: n})
		}
	}
	return c.JSON(http.StatusOK, out)
}
