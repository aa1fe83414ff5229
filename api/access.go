package api

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
)

// principal is the authenticated caller.
type principal struct {
	user scheduling.User
	// agentTeam is the team of an agent user's agent record.
	agentTeam string
	// csrf is the session's CSRF token ("" for bearer tokens).
	csrf string
	// cookie says the caller authenticated with the session cookie, so
	// unsafe methods need the CSRF header.
	cookie bool
	// leadSites holds, once read, the sites of a team lead's teams.
	leadSites map[string]bool
}

const principalKey = "principal"

func principalOf(c echo.Context) *principal {
	p, _ := c.Get(principalKey).(*principal)
	return p
}

func (p *principal) role() scheduling.Role { return p.user.Role }

func (p *principal) is(roles ...scheduling.Role) bool { return slices.Contains(roles, p.user.Role) }

// leads reports whether the caller is a team lead of team.
func (p *principal) leads(team string) bool {
	return p.user.Role == scheduling.RoleTeamLead && slices.Contains(p.user.TeamIDs, team)
}

// seesTeam reports whether the caller may read the team's data in full:
// admin, HR and the team's leads.
func (p *principal) seesTeam(team string) bool {
	return p.is(scheduling.RoleAdmin, scheduling.RoleHR) || p.leads(team)
}

// editsTeam reports whether the caller may change the team's rosters,
// agents and requests: admin and the team's leads.
func (p *principal) editsTeam(team string) bool {
	return p.is(scheduling.RoleAdmin) || p.leads(team)
}

// member reports whether the caller is an agent of team.
func (p *principal) member(team string) bool {
	return p.user.Role == scheduling.RoleAgent && p.agentTeam == team
}

// self reports whether agentID is the caller's own agent record.
func (p *principal) self(agentID string) bool {
	return p.user.AgentID != "" && p.user.AgentID == agentID
}

// seesAgent reports whether the caller may know that agent a exists:
// whoever sees its team in full, the agent, and the agent's colleagues,
// who find each other in their team's published rosters.
func (p *principal) seesAgent(a scheduling.Agent) bool {
	return p.seesTeam(a.TeamID) || p.self(a.ID) || p.member(a.TeamID)
}

// seesRoster reports whether the caller may read roster r: in full (admin,
// HR, the team's leads) or, once published, as an agent of the team.
func (p *principal) seesRoster(r scheduling.Roster) bool {
	return p.seesTeam(r.TeamID) || (p.member(r.TeamID) && r.Status == scheduling.Published)
}

// teams returns the teams the caller sees in full (nil = all).
func (p *principal) teams() []string {
	switch p.user.Role {
	case scheduling.RoleAdmin, scheduling.RoleHR:
		return nil
	case scheduling.RoleTeamLead:
		return append([]string{}, p.user.TeamIDs...)
	}
	return []string{}
}

// forbid is the error for a caller lacking a right.
func forbid(format string, args ...any) error {
	return &forbidden{format: format, args: args}
}

// forbidden is a 403 that keeps the format and arguments of its reason,
// so that the answer can say it in the request's language.
type forbidden struct {
	format string
	args   []any
}

func (f *forbidden) Error() string {
	return fmt.Sprintf(f.format, f.args...) + ": " + scheduling.ErrForbidden.Error()
}

func (f *forbidden) Unwrap() error { return scheduling.ErrForbidden }

// notAllowed is "forbidden" in each language the API speaks.
var notAllowed = map[string]string{"en": "forbidden", "de": "nicht erlaubt"}

// say is the 403's message in lang: its reason from the language's
// catalogue (English where it has none), then "forbidden".
func (f *forbidden) say(lang string) string {
	if said, ok := sayIn(lang, f.format, f.args); ok {
		return said + ": " + notAllowed[lang]
	}
	return fmt.Sprintf(f.format, f.args...) + ": " + notAllowed["en"]
}

// hidden is the error for the what ("roster", "agent", "time off", …)
// with id that the caller may not see: the 404 of one that does not
// exist, worded as the store words it, so that a caller cannot tell
// another team's IDs from unused ones. Where the caller sees the thing
// but may not do what they ask, the answer is forbid's 403.
func hidden(what, id string) error {
	return fmt.Errorf("find %s %s: %w", what, id, scheduling.ErrNotFound)
}

// requireRole refuses callers without one of roles.
func requireRole(c echo.Context, roles ...scheduling.Role) (*principal, error) {
	p := principalOf(c)
	if p == nil {
		return nil, errUnauthenticated
	}
	if !p.is(roles...) {
		return nil, forbid("your role (%s) may not do this", p.role())
	}
	return p, nil
}

// plansSite refuses a team lead who leads no team at the site: a queue,
// its history, forecasts and requirements are planned by the leads of
// the site's teams (and admins; HR reads every site's), and the site's
// pay and labour rules are theirs to read.
func (s *Server) plansSite(ctx context.Context, p *principal, siteID string) error {
	if !p.is(scheduling.RoleTeamLead) {
		return nil
	}
	if p.leadSites == nil {
		sites := map[string]bool{}
		for _, id := range p.user.TeamIDs {
			t, err := s.db.FindTeamByID(ctx, id)
			if errors.Is(err, scheduling.ErrNotFound) {
				continue
			} else if err != nil {
				return err
			}
			sites[t.SiteID] = true
		}
		p.leadSites = sites
	}
	if p.leadSites[siteID] {
		return nil
	}
	return forbid("you lead no team at this site")
}

// plansQueue loads a queue the caller may plan (see plansSite).
func (s *Server) plansQueue(ctx context.Context, p *principal, queueID string) (scheduling.Queue, error) {
	q, err := s.db.FindQueueByID(ctx, queueID)
	if err != nil {
		return q, err
	}
	return q, s.plansSite(ctx, p, q.SiteID)
}
