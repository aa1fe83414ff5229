package api

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// Invitations: an admin makes agents' logins without passwords and hands
// each agent a secret link, /invite/{token}, where they choose their
// password and are signed in. Admin only, as POST /users is.

// invitationTTL is how long an invitation link works.
const invitationTTL = 14 * 24 * time.Hour

// errInvitationGone answers every token that cannot be accepted: unknown,
// used, expired or voided alike, so that the answer tells a guesser
// nothing.
var errInvitationGone = &Error{Status: http.StatusGone, Code: "invitation_gone",
	Message: "this invitation link is unknown, used or expired; ask for a new one"}

var errInviteRateLimited = &Error{Status: http.StatusTooManyRequests, Code: "rate_limited",
	Message: "too many unknown invitation links; try again later"}

type invitationRequest struct {
	// AgentIDs invites these agents; TeamID every agent of the team who
	// has an e-mail address and no login and has not left. One of the two.
	AgentIDs []string `json:"agent_ids"`
	TeamID   string   `json:"team_id"`
}

// invitedDTO is one agent invited: the link to hand them.
type invitedDTO struct {
	AgentID   string `json:"agent_id"`
	UserID    string `json:"user_id"`
	Name      string `json:"name"`
	Email     string `json:"email"`
	TeamID    string `json:"team_id"`
	Team      string `json:"team"`
	Link      string `json:"link"`
	ExpiresAt string `json:"expires_at"`
}

// notInvitedDTO is an agent left out, and why: no_email, email_taken
// (another login has the address), has_login (the agent logs in already),
// login_disabled (their login is switched off) or left (after the leave
// date).
type notInvitedDTO struct {
	AgentID string `json:"agent_id"`
	Name    string `json:"name"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

type invitationResult struct {
	Invited    []invitedDTO    `json:"invited"`
	NotInvited []notInvitedDTO `json:"not_invited"`
}

// createInvitations invites agents (admin): for each one without a login
// it makes one (role agent, the agent's e-mail, no password) and gives it
// a fresh link valid for invitationTTL; a login never activated gets a new
// link, the old one stops working. Agents who cannot be invited are left
// out and listed with the reason; the others are invited all the same. By
// team, agents who log in already or have left are skipped silently.
// ?format=csv (or Accept: text/csv) answers the links as a CSV file.
func (s *Server) createInvitations(c echo.Context) error {
	p, err := requireRole(c, scheduling.RoleAdmin)
	if err != nil {
		return err
	}
	var in invitationRequest
	if err := bind(c, &in); err != nil {
		return err
	}
	format, err := invitationFormat(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	agents, err := s.invitees(c, in)
	if err != nil {
		return err
	}
	teams, err := s.db.FindTeams(ctx, "")
	if err != nil {
		return err
	}
	teamName := map[string]string{}
	for _, t := range teams {
		teamName[t.ID] = t.Name
	}
	now := s.now()
	// An agent has left once their leave date is past at their site.
	zones, err := s.teamZones(ctx)
	if err != nil {
		return err
	}
	expires := now.Add(invitationTTL)
	res := invitationResult{Invited: []invitedDTO{}, NotInvited: []notInvitedDTO{}}
	err = s.db.Tx(ctx, func(tx *store.DB) error {
		users, err := tx.FindUsers(ctx)
		if err != nil {
			return err
		}
		byAgent, byEmail := map[string]scheduling.User{}, map[string]scheduling.User{}
		for _, u := range users {
			if u.AgentID != "" {
				byAgent[u.AgentID] = u
			}
			byEmail[u.Email] = u
		}
		for _, a := range agents {
			u, has := byAgent[a.ID]
			email := strings.ToLower(strings.TrimSpace(a.Email))
			skip := func(reason, format string, args ...any) {
				// By team, only the agents meant to get a login are
				// reported.
				if len(in.AgentIDs) > 0 || reason == "no_email" || reason == "email_taken" {
					res.NotInvited = append(res.NotInvited, notInvitedDTO{AgentID: a.ID, Name: a.Name(), Reason: reason,
						Message: fmt.Sprintf(format, args...)})
				}
			}
			switch {
			case !a.LeaveDate.IsZero() && a.LeaveDate.Before(civilOf(now.In(zones.of(a.TeamID)))):
				skip("left", "left on %s", a.LeaveDate.Format(time.DateOnly))
				continue
			case has && u.Disabled:
				skip("login_disabled", "their login %s is switched off", u.Email)
				continue
			case has && u.PasswordHash != "":
				skip("has_login", "logs in already as %s", u.Email)
				continue
			case !has && email == "":
				skip("no_email", "has no e-mail address")
				continue
			case !has && byEmail[email].ID != "":
				skip("email_taken", "another login uses %s", email)
				continue
			}
			if !has {
				u = scheduling.User{Email: email, Name: a.Name(), Role: scheduling.RoleAgent, AgentID: a.ID}
				if err := tx.CreateUser(ctx, &u); err != nil {
					return err
				}
				byEmail[u.Email] = u
			}
			token := randomToken(32)
			inv, err := tx.InviteUser(ctx, u.ID, p.user.ID, hashToken(token), expires)
			if err != nil {
				return err
			}
			res.Invited = append(res.Invited, invitedDTO{AgentID: a.ID, UserID: u.ID, Name: a.Name(), Email: u.Email,
				TeamID: a.TeamID, Team: teamName[a.TeamID], Link: s.publicURL(c) + "/invite/" + token, ExpiresAt: rfc(inv.ExpiresAt)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.log.Info("agents invited", "request_id", requestIDOf(c), "user_id", p.user.ID,
		"invited", len(res.Invited), "not_invited", len(res.NotInvited))
	if format == "csv" {
		return invitationCSV(c, res.Invited)
	}
	return c.JSON(http.StatusOK, res)
}

// invitationFormat is json or csv: ?format= if given, else the Accept
// header.
func invitationFormat(c echo.Context) (string, error) {
	switch f := c.QueryParam("format"); f {
	case "json", "csv":
		return f, nil
	case "":
		if strings.Contains(c.Request().Header.Get(echo.HeaderAccept), "text/csv") {
			return "csv", nil
		}
		return "json", nil
	}
	return "", scheduling.Invalid("format", "must be json or csv")
}

// invitees are the agents a request names: the listed ones (each once, in
// order) or the team's, by name.
func (s *Server) invitees(c echo.Context, in invitationRequest) ([]scheduling.Agent, error) {
	ctx := c.Request().Context()
	switch {
	case len(in.AgentIDs) > 0 && in.TeamID != "":
		return nil, scheduling.Invalid("team_id", "send agent_ids or team_id, not both")
	case in.TeamID != "":
		if _, err := s.db.FindTeamByID(ctx, in.TeamID); err != nil {
			return nil, unknownRef(err, "team_id", "team", in.TeamID)
		}
		return s.db.FindAgents(ctx, store.AgentFilter{TeamID: in.TeamID})
	case len(in.AgentIDs) == 0:
		return nil, scheduling.Invalid("agent_ids", "name the agents to invite, or send team_id")
	}
	var out []scheduling.Agent
	seen := map[string]bool{}
	for i, id := range in.AgentIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		a, err := s.db.FindAgentByID(ctx, id)
		if err != nil {
			return nil, unknownRef(err, fmt.Sprintf("agent_ids[%d]", i), "agent", id)
		}
		out = append(out, a)
	}
	return out, nil
}

// publicURL is the server's address as the people it serves reach it:
// the configured base URL, or the request's scheme and host.
func (s *Server) publicURL(c echo.Context) string {
	if base := strings.TrimSuffix(s.cfg.BaseURL, "/"); base != "" {
		return base
	}
	return c.Scheme() + "://" + c.Request().Host
}

// invitationCSV writes the links for a spreadsheet: UTF-8 with a byte
// order mark, CRLF, text that a spreadsheet would take for a formula
// quoted, as the hours export does.
func invitationCSV(c echo.Context, invited []invitedDTO) error {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write([]string{"name", "email", "team", "link", "expires_at"})
	for _, d := range invited {
		w.Write([]string{csvText(d.Name), csvText(d.Email), csvText(d.Team), d.Link, d.ExpiresAt})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("write invitations csv: %w", err)
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="invitations.csv"`)
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// csvText prefixes a single quote to a cell a spreadsheet would evaluate
// as a formula (OWASP, "CSV Injection").
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// invitationDTO tells the invite page whose invitation a link is.
type invitationDTO struct {
	Name      string `json:"name"`
	Email     string `json:"email"`
	ExpiresAt string `json:"expires_at"`
}

type acceptRequest struct {
	Password string `json:"password" required:"true"`
}

// inviteKey is the rate limiter's key of a client trying invitation
// tokens: failures count per address, as a guesser tries many tokens.
func inviteKey(c echo.Context) string { return "invitation|" + c.RealIP() }

// findInvitation looks the path's token up by its hash, counting a miss
// against the client; too many misses are refused (429) before the look-up.
func (s *Server) findInvitation(c echo.Context) (store.Invitation, scheduling.User, error) {
	key, now := inviteKey(c), s.now()
	if !s.limiter.allowed(key, now) {
		s.log.Warn("invitation rate-limited", "request_id", requestIDOf(c), "client", c.RealIP())
		return store.Invitation{}, scheduling.User{}, errInviteRateLimited
	}
	ctx := c.Request().Context()
	inv, err := s.db.FindInvitation(ctx, hashToken(c.Param("token")))
	var u scheduling.User
	if err == nil {
		u, err = s.db.FindUserByID(ctx, inv.UserID)
	}
	if errors.Is(err, scheduling.ErrNotFound) {
		s.limiter.fail(key, now)
		return store.Invitation{}, scheduling.User{}, errInvitationGone
	}
	return inv, u, err
}

// getInvitation tells the invite page whose invitation the link is (no
// login needed).
func (s *Server) getInvitation(c echo.Context) error {
	inv, u, err := s.findInvitation(c)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, invitationDTO{Name: u.Name, Email: u.Email, ExpiresAt: rfc(inv.ExpiresAt)})
}

// acceptInvitation sets the invited login's first password (the rules of
// every password), uses the link up and signs the agent in as login does.
func (s *Server) acceptInvitation(c echo.Context) error {
	var in acceptRequest
	if err := bind(c, &in); err != nil {
		return err
	}
	_, u, err := s.findInvitation(c)
	if err != nil {
		return err
	}
	hash, err := hashPassword(in.Password)
	if err != nil {
		return err
	}
	if _, err := s.db.AcceptInvitation(c.Request().Context(), hashToken(c.Param("token")), hash); errors.Is(err, scheduling.ErrNotFound) {
		// Accepted, voided or expired since findInvitation looked.
		return errInvitationGone
	} else if err != nil {
		return err
	}
	s.log.Info("invitation accepted", "request_id", requestIDOf(c), "user_id", u.ID)
	u.PasswordHash = hash
	csrf, err := s.startSession(c, u)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, loginResponse{User: toUserDTO(u), CSRFToken: csrf})
}
