package api

import (
	"bytes"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/api/hours"
	"github.com/shiftplan/shiftplan/scheduling"
)

// maxMyHoursDays bounds the span of GET /me/hours: a year.
const maxMyHoursDays = 366

// myHours is GET /me/hours?from=&to=: the caller's own row and shifts of
// the paid-hours report over [from, to) (dates in their site's zone, both
// required), as HR's report of their team pays them: published shifts
// under the site's pay rules, weekly overtime over whole weeks. Not
// linked to an agent: 404.
func (s *Server) myHours(c echo.Context) error {
	m, err := s.myPlace(c)
	if err != nil {
		return err
	}
	a, from, to := m.agent, m.from, m.to
	if err := bothBounds(from, to); err != nil {
		return err
	}
	if to.After(from.AddDate(0, 0, maxMyHoursDays)) {
		return scheduling.Invalid("to", "must be at most %d days after from", maxMyHoursDays)
	}
	rep, err := s.buildHours(c.Request().Context(), m.site, []scheduling.Team{m.team}, from, to, m.loc, a.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := hours.WriteJSON(&buf, rep); err != nil {
		return err
	}
	return c.JSONBlob(http.StatusOK, buf.Bytes())
}
