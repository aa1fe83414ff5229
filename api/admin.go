package api

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/api/password"
	"github.com/shiftplan/shiftplan/scheduling"
)

// Setting a centre up: sites, teams, skills and users (admin). A fresh
// database gets its first admin from `shiftplan adduser`.

type siteInput struct {
	Name          string `json:"name" required:"true"`
	TimeZone      string `json:"time_zone" required:"true"`
	HolidayRegion string `json:"holiday_region"`
}

// createSite adds a site to the organisation (admin). Its name, trimmed,
// is one no other site has in any case (409 naming that site).
func (s *Server) createSite(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	var in siteInput
	if err := bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	org, err := s.db.Organisation(ctx, in.Name)
	if err != nil {
		return err
	}
	site := scheduling.Site{OrganisationID: org.ID, Name: strings.TrimSpace(in.Name), TimeZone: in.TimeZone, HolidayRegion: in.HolidayRegion}
	if err := s.db.CreateSite(ctx, &site); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toSiteDTO(site))
}

type teamInput struct {
	SiteID string `json:"site_id" required:"true"`
	Name   string `json:"name" required:"true"`
}

// createTeam adds a team to a site (admin).
func (s *Server) createTeam(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	var in teamInput
	if err := bind(c, &in); err != nil {
		return err
	}
	// The store refuses a site_id no site has (422 on site_id), also one
	// removed while the team is being added.
	t := scheduling.Team{SiteID: in.SiteID, Name: strings.TrimSpace(in.Name)}
	if err := s.db.CreateTeam(c.Request().Context(), &t); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toTeamDTO(t))
}

type skillInput struct {
	Kind string `json:"kind" required:"true"`
	Name string `json:"name"`
}

// putSkill adds a skill or renames it (admin): agents and queues name
// skills by code.
func (s *Server) putSkill(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	var in skillInput
	if err := bind(c, &in); err != nil {
		return err
	}
	code, err := pathParam(c, "code")
	if err != nil {
		return err
	}
	sk := scheduling.Skill{Code: code, Kind: scheduling.SkillKind(in.Kind), Name: in.Name}
	if err := s.db.UpsertSkill(c.Request().Context(), sk); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, skillDTO{Code: sk.Code, Kind: string(sk.Kind), Name: sk.Name})
}

type userInput struct {
	Email    string   `json:"email"`
	Name     *string  `json:"name"`
	Role     *string  `json:"role"`
	AgentID  *string  `json:"agent_id"`
	TeamIDs  []string `json:"team_ids"`
	Locale   *string  `json:"locale"`
	Password string   `json:"password"`
	// Disabled false switches a disabled login back on (PATCH only).
	Disabled *bool `json:"disabled"`
}

// applyUser sets the fields the input gives on u and checks what the
// domain cannot: the teams and the agent exist and the agent has no other
// login.
func (s *Server) applyUser(c echo.Context, in userInput, u *scheduling.User) error {
	setIf(&u.Name, in.Name)
	if in.Role != nil {
		u.Role = scheduling.Role(*in.Role)
	}
	setIf(&u.AgentID, in.AgentID)
	if in.TeamIDs != nil {
		u.TeamIDs = in.TeamIDs
	}
	setIf(&u.Locale, in.Locale)
	ctx := c.Request().Context()
	v := &scheduling.ValidationError{}
	for i, t := range u.TeamIDs {
		if _, err := s.db.FindTeamByID(ctx, t); errors.Is(err, scheduling.ErrNotFound) {
			v.Add("team_ids["+itoa(i)+"]", "unknown team %q", t)
		} else if err != nil {
			return err
		}
	}
	if u.AgentID != "" {
		if _, err := s.db.FindAgentByID(ctx, u.AgentID); errors.Is(err, scheduling.ErrNotFound) {
			v.Add("agent_id", "no agent %q", u.AgentID)
		} else if err != nil {
			return err
		}
		users, err := s.db.FindUsers(ctx)
		if err != nil {
			return err
		}
		for _, o := range users {
			if o.AgentID == u.AgentID && o.ID != u.ID {
				v.Add("agent_id", "the agent already logs in as %s", o.Email)
			}
		}
	}
	var uv *scheduling.ValidationError
	if errors.As(u.Validate(), &uv) {
		v.Fields = append(v.Fields, uv.Fields...)
	}
	return v.Err()
}

// listedUserDTO is a login in the users list, with its pending invitation.
type listedUserDTO struct {
	userDTO
	// Invitation is the login's invitation not yet accepted, while it has
	// no password and is switched on; null otherwise.
	Invitation *pendingInvitationDTO `json:"invitation"`
}

// pendingInvitationDTO is an invitation not yet accepted: Expired once
// ExpiresAt has passed, when only a new invitation lets the agent in.
type pendingInvitationDTO struct {
	ExpiresAt string `json:"expires_at"`
	Expired   bool   `json:"expired"`
}

// listUsers lists every user (admin), each with its pending invitation.
func (s *Server) listUsers(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	ctx := c.Request().Context()
	us, err := s.db.FindUsers(ctx)
	if err != nil {
		return err
	}
	pending, err := s.db.PendingInvitations(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	out := make([]listedUserDTO, len(us))
	for i, u := range us {
		out[i] = listedUserDTO{userDTO: toUserDTO(u)}
		if inv, ok := pending[u.ID]; ok {
			out[i].Invitation = &pendingInvitationDTO{ExpiresAt: rfc(inv.ExpiresAt), Expired: !inv.ExpiresAt.After(now)}
		}
	}
	return page(c, out)
}

// createUser adds a login (admin): a lead with their teams, an agent with
// their agent record, HR or another admin.
func (s *Server) createUser(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	var in userInput
	if err := bind(c, &in); err != nil {
		return err
	}
	u := scheduling.User{Email: in.Email}
	if err := s.applyUser(c, in, &u); err != nil {
		return err
	}
	hash, err := hashPassword(in.Password)
	if err != nil {
		return err
	}
	u.PasswordHash = hash
	if err := s.db.CreateUser(c.Request().Context(), &u); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toUserDTO(u))
}

// patchUser changes a user's name, role, agent, teams or locale (admin).
// An admin cannot take away their own admin role: the centre would be
// left without one.
func (s *Server) patchUser(c echo.Context) error {
	p, err := requireRole(c, scheduling.RoleAdmin)
	if err != nil {
		return err
	}
	var in userInput
	if err := bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	u, err := s.db.FindUserByID(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	if e := strings.TrimSpace(in.Email); e != "" && !strings.EqualFold(e, u.Email) {
		return scheduling.Invalid("email", "cannot be changed; create a user with the new address")
	}
	if err := s.applyUser(c, in, &u); err != nil {
		return err
	}
	if u.ID == p.user.ID && u.Role != scheduling.RoleAdmin {
		return scheduling.Invalid("role", "you cannot take your own admin role away")
	}
	if in.Password != "" {
		return scheduling.Invalid("password", "is set with POST /users/{id}/password")
	}
	if in.Disabled != nil && *in.Disabled && !u.Disabled {
		return scheduling.Invalid("disabled", "is set with DELETE /users/{id}")
	}
	if err := s.db.UpdateUser(ctx, u); err != nil {
		return err
	}
	if in.Disabled != nil && !*in.Disabled && u.Disabled {
		if err := s.db.EnableUser(ctx, u.ID); err != nil {
			return err
		}
		u.Disabled = false
	}
	return c.JSON(http.StatusOK, toUserDTO(u))
}

// disableUser switches a login off (admin): the person left or lost
// access. Their sessions, API tokens and calendar feed stop at once; what
// they did stays attributed to them. An admin cannot disable themselves.
func (s *Server) disableUser(c echo.Context) error {
	p, err := requireRole(c, scheduling.RoleAdmin)
	if err != nil {
		return err
	}
	id := c.Param("id")
	if id == p.user.ID {
		return scheduling.Invalid("id", "you cannot switch your own login off")
	}
	if err := s.db.DisableUser(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type passwordInput struct {
	CurrentPassword string `json:"current_password"`
	Password        string `json:"password" required:"true"`
}

// setUserPassword sets another user's password (admin) and ends their
// sessions.
func (s *Server) setUserPassword(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	var in passwordInput
	if err := bind(c, &in); err != nil {
		return err
	}
	return s.setPassword(c, c.Param("id"), in.Password)
}

// changeMyPassword changes the caller's own password, given the current
// one; every session of the user ends, this one too.
func (s *Server) changeMyPassword(c echo.Context) error {
	u := principalOf(c).user // read afresh by authenticate
	var in passwordInput
	if err := bind(c, &in); err != nil {
		return err
	}
	if password.Verify(u.PasswordHash, in.CurrentPassword) != nil {
		return scheduling.Invalid("current_password", "is not your password")
	}
	return s.setPassword(c, u.ID, in.Password)
}

// hashPassword hashes a new password; a too short one is refused on
// password.
func hashPassword(pw string) (string, error) {
	hash, err := password.Hash(pw)
	if err != nil {
		return "", scheduling.Invalid("password", "%v", err)
	}
	return hash, nil
}

func (s *Server) setPassword(c echo.Context, userID, pw string) error {
	hash, err := hashPassword(pw)
	if err != nil {
		return err
	}
	if err := s.db.SetPassword(c.Request().Context(), userID, hash); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type sitePatch struct {
	Name          *string `json:"name"`
	TimeZone      *string `json:"time_zone"`
	HolidayRegion *string `json:"holiday_region"`
}

// patchSite renames a site or changes its holiday region (admin); its time
// zone changes only while it has no roster (409 otherwise).
func (s *Server) patchSite(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	var in sitePatch
	if err := bind(c, &in); err != nil {
		return err
	}
	site, err := s.db.FindSiteByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if in.Name != nil {
		site.Name = strings.TrimSpace(*in.Name)
	}
	setIf(&site.TimeZone, in.TimeZone)
	setIf(&site.HolidayRegion, in.HolidayRegion)
	if err := s.db.UpdateSite(c.Request().Context(), site); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toSiteDTO(site))
}

type teamPatch struct {
	Name string `json:"name" required:"true"`
}

// patchTeam renames a team (admin).
func (s *Server) patchTeam(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	var in teamPatch
	if err := bind(c, &in); err != nil {
		return err
	}
	t, err := s.db.FindTeamByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	t.Name = strings.TrimSpace(in.Name)
	if err := s.db.UpdateTeam(c.Request().Context(), t); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toTeamDTO(t))
}

// adminDelete is the handler of an admin's DELETE of what del removes by
// the path parameter param: a site, team, skill, queue or shift template
// added by mistake, which the store refuses (409) once something uses it.
func adminDelete(param string, del func(ctx context.Context, key string) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
			return err
		}
		key, err := pathParam(c, param)
		if err != nil {
			return err
		}
		if err := del(c.Request().Context(), key); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
}

// pathParam is the path parameter name as meant: a client may send it
// percent-encoded (a skill's code as lang%3Afr), and the router leaves
// path parameters as they came.
func pathParam(c echo.Context, name string) (string, error) {
	v, err := url.PathUnescape(c.Param(name))
	if err != nil {
		return "", scheduling.Invalid(name, "is not a valid path segment: %v", err)
	}
	return v, nil
}
