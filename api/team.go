package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
)

type teamDTO struct {
	ID     string `json:"id"`
	SiteID string `json:"site_id"`
	Name   string `json:"name"`
}

func toTeamDTO(t scheduling.Team) teamDTO { return teamDTO{ID: t.ID, SiteID: t.SiteID, Name: t.Name} }

// listTeams lists every team: team names are not private.
func (s *Server) listTeams(c echo.Context) error {
	teams, err := s.db.FindTeams(c.Request().Context(), c.QueryParam("site"))
	if err != nil {
		return err
	}
	out := make([]teamDTO, len(teams))
	for i, t := range teams {
		out[i] = toTeamDTO(t)
	}
	return page(c, out)
}

func (s *Server) getTeam(c echo.Context) error {
	t, err := s.db.FindTeamByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toTeamDTO(t))
}

type skillDTO struct {
	Code string `json:"code"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

func (s *Server) listSkills(c echo.Context) error {
	skills, err := s.db.FindSkills(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]skillDTO, len(skills))
	for i, k := range skills {
		out[i] = skillDTO{Code: k.Code, Kind: string(k.Kind), Name: k.Name}
	}
	return page(c, out)
}

// siteOfTeam loads a team's site and its zone.
func (s *Server) siteOfTeam(c echo.Context, teamID string) (scheduling.Team, scheduling.Site, error) {
	t, err := s.db.FindTeamByID(c.Request().Context(), teamID)
	if err != nil {
		return t, scheduling.Site{}, err
	}
	site, err := s.db.FindSiteByID(c.Request().Context(), t.SiteID)
	return t, site, err
}
