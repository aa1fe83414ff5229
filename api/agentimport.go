package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// agentImportResult answers POST /agents/import.
type agentImportResult struct {
	Created int `json:"created"`
	Updated int `json:"updated"`
	// Agents are the IDs of the file's agents, in the file's order.
	Agents []string `json:"agents"`
}

// importAgents adds and changes agents from a CSV file (see readAgentFile
// and planAgents), all or nothing: one bad line and nothing is stored,
// the 422 listing every problem as {"field":"line N","message":"column: …"}.
// Admins import into any team, leads into their own teams only: a line
// adding or changing an agent of another team refuses the file (403), as
// POST and PATCH /agents refuse the agent.
func (s *Server) importAgents(c echo.Context) error {
	p, err := requireRole(c, scheduling.RoleAdmin, scheduling.RoleTeamLead)
	if err != nil {
		return err
	}
	body, err := csvBody(c)
	if err != nil {
		return err
	}
	defer body.Close()
	f, err := readAgentFile(body)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	// Changes ahead that are due become contracts first, so that the
	// file's follow them.
	if _, err := applyDueContracts(ctx, s.db, s.now(), nil); err != nil {
		return err
	}
	res := agentImportResult{Agents: []string{}}
	err = s.db.Tx(ctx, func(tx *store.DB) error {
		// A second import at once waits, then finds this one's numbers.
		if err := tx.LockAgentNumbers(ctx); err != nil {
			return err
		}
		agents, froms, err := planAgents(ctx, tx, p, f)
		if err != nil {
			return err
		}
		var errs lineErrors
		today := map[string]time.Time{} // team ID → today at its site
		for i, a := range agents {
			line := f.lines[i].no
			if a.ID == "" {
				err = tx.CreateAgent(ctx, &a)
				res.Created++
			} else {
				// A changed contract or rate holds from the line's
				// contract_from, or today at the agent's site, as on
				// PATCH /agents; one from a later day waits for it.
				now, ok := today[a.TeamID]
				if !ok {
					now, err = s.todayAt(ctx, tx, a.TeamID)
					today[a.TeamID] = now
				}
				from := froms[i]
				switch {
				case err != nil:
				case from.IsZero():
					err = tx.UpdateAgentFrom(ctx, a, now)
				case from.After(now):
					if err = withinContractLead(from, now); err == nil {
						err = tx.ScheduleContract(ctx, a, from)
					}
				default:
					err = tx.UpdateAgentFrom(ctx, a, from)
				}
				res.Updated++
			}
			if err != nil {
				// A team or skill removed since planAgents looked.
				if err := errs.addInvalid(f, line, err); err != nil {
					return err
				}
				return errs.err()
			}
			res.Agents = append(res.Agents, a.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

// planAgents turns each line of f into the agent it adds (ID "") or
// changes, checked as POST and PATCH /agents check them.
//
// A line whose employee_no an agent has changes that agent: the columns
// the file has and the line fills replace the agent's values, the others
// stay. A line with an employee_no no agent has adds an agent, or gives
// the number to the one agent of the same name in the team without one.
// A line without employee_no adds an agent unless the team has one of
// that name already (refused: the line would add a second). An
// employee_no or a name without one repeated in the file is refused.
// froms holds each line's contract_from (zero: none), which only a line
// changing an agent may have.
func planAgents(ctx context.Context, tx *store.DB, p *principal, f *agentFile) ([]scheduling.Agent, []time.Time, error) {
	teams, err := tx.FindTeams(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	skills, err := tx.FindSkills(ctx)
	if err != nil {
		return nil, nil, err
	}
	existing, err := tx.FindAgents(ctx, store.AgentFilter{})
	if err != nil {
		return nil, nil, err
	}
	known := map[string]bool{}
	for _, sk := range skills {
		known[sk.Code] = true
	}
	teamName := map[string]string{}
	for _, t := range teams {
		teamName[t.ID] = t.Name
	}
	nameKey := func(team, first, last string) string {
		return team + "\x00" + strings.ToLower(first) + "\x00" + strings.ToLower(last)
	}
	byNo, byName := map[string][]scheduling.Agent{}, map[string][]scheduling.Agent{}
	for _, a := range existing {
		if a.EmployeeNo != "" {
			byNo[a.EmployeeNo] = append(byNo[a.EmployeeNo], a)
		}
		k := nameKey(a.TeamID, a.FirstName, a.LastName)
		byName[k] = append(byName[k], a)
	}
	var errs lineErrors
	var forbidden []string
	seenNo, seenName, seenAgent := map[string]int{}, map[string]int{}, map[string]int{}
	out, froms := make([]scheduling.Agent, 0, len(f.lines)), make([]time.Time, 0, len(f.lines))
	for _, l := range f.lines {
		no, first, last := f.cell(l, "employee_no"), f.cell(l, "first_name"), f.cell(l, "last_name")
		teamID := ""
		if ref := f.cell(l, "team"); ref != "" {
			if teamID, err = findTeam(teams, p, ref); err != nil {
				errs.add(l.no, f.column("team"), "%v", err)
			}
		}
		var old scheduling.Agent
		switch same := byNo[no]; {
		case no == "":
			k := nameKey(teamID, first, last)
			if n := len(byName[k]); n > 0 && teamID != "" {
				errs.add(l.no, f.column("last_name"), "%s is in team %s already; to change them, give the agent an employee_no and add that column",
					scheduling.Agent{FirstName: first, LastName: last}.Name(), teamName[teamID])
			} else if line, dup := seenName[k]; dup && teamID != "" {
				errs.add(l.no, f.column("last_name"), "repeats the agent of line %d; give them an employee_no if they are two", line)
			} else {
				seenName[k] = l.no
			}
		case len(same) > 0 && !slices.ContainsFunc(same, func(a scheduling.Agent) bool { return p.seesTeam(a.TeamID) }):
			// Held only by agents the caller may not see: the number is
			// taken, by whom and in which team is not theirs to learn.
			errs.add(l.no, f.column("employee_no"), "another agent has %q already", no)
			continue
		case len(same) == 1:
			old = same[0]
		case len(same) > 1 && slices.ContainsFunc(same, func(a scheduling.Agent) bool { return !p.seesTeam(a.TeamID) }):
			// How many have it would tell of agents the caller may not see.
			errs.add(l.no, f.column("employee_no"), "another agent has %q already", no)
		case len(same) > 1:
			errs.add(l.no, f.column("employee_no"), "%d agents have %q; give them different numbers first", len(same), no)
		default:
			var unnumbered []scheduling.Agent
			for _, a := range byName[nameKey(teamID, first, last)] {
				if a.EmployeeNo == "" {
					unnumbered = append(unnumbered, a)
				}
			}
			switch len(unnumbered) {
			case 1:
				old = unnumbered[0]
			case 0:
			default:
				errs.add(l.no, f.column("employee_no"), "%d agents of team %s are named %s and have no employee_no; give them theirs first",
					len(unnumbered), teamName[teamID], unnumbered[0].Name())
			}
		}
		if line, dup := seenNo[no]; dup && no != "" {
			errs.add(l.no, f.column("employee_no"), "%q repeats line %d", no, line)
		} else {
			seenNo[no] = l.no
		}
		if line, dup := seenAgent[old.ID]; dup && old.ID != "" {
			errs.add(l.no, "", "changes the same agent as line %d", line)
		} else {
			seenAgent[old.ID] = l.no
		}

		a := old
		in := f.input(l, old, &errs)
		var from time.Time
		if in.ContractFrom != nil {
			if old.ID == "" {
				errs.add(l.no, f.column("contract_from"), "is for lines that change an agent: a new agent's contract holds from their first day")
			} else if from, err = time.Parse(time.DateOnly, *in.ContractFrom); err != nil {
				errs.add(l.no, f.column("contract_from"), "%q is not a date YYYY-MM-DD or DD.MM.YYYY", *in.ContractFrom)
			}
		}
		if teamID != "" {
			in.TeamID = &teamID
		}
		if err := in.apply(&a); err != nil {
			if err := errs.addInvalid(f, l.no, err); err != nil {
				return nil, nil, err
			}
		}
		if old.ID != "" && !p.editsTeam(old.TeamID) || a.TeamID != "" && !p.editsTeam(a.TeamID) {
			team := a.TeamID
			if old.ID != "" && !p.editsTeam(old.TeamID) {
				team = old.TeamID
			}
			forbidden = append(forbidden, fmt.Sprintf("line %d (team %s)", l.no, teamName[team]))
			continue
		}
		if err := errs.addInvalid(f, l.no, a.Validate()); err != nil {
			return nil, nil, err
		}
		for _, code := range a.Skills {
			if !known[code] {
				errs.add(l.no, f.column("skills"), "unknown skill %q", code)
			}
		}
		out, froms = append(out, a), append(froms, from)
	}
	if len(forbidden) > 10 {
		forbidden = append(forbidden[:10], fmt.Sprintf("%d more", len(forbidden)-10))
	}
	if len(forbidden) > 0 {
		return nil, nil, forbid("you may add and change agents of your own teams only: %s", strings.Join(forbidden, ", "))
	}
	return out, froms, errs.err()
}

// findTeam returns the ID of the team ref names: its ID or its name (in
// any case). Names repeat only across sites; then the one of them the
// caller edits, if only one, is meant.
func findTeam(teams []scheduling.Team, p *principal, ref string) (string, error) {
	var named, mine []string
	for _, t := range teams {
		if t.ID == ref {
			return t.ID, nil
		}
		if strings.EqualFold(strings.TrimSpace(t.Name), ref) {
			named = append(named, t.ID)
			if p.editsTeam(t.ID) {
				mine = append(mine, t.ID)
			}
		}
	}
	switch {
	case len(named) == 1:
		return named[0], nil
	case len(named) == 0:
		return "", fmt.Errorf("unknown team %q", ref)
	case len(mine) == 1:
		return mine[0], nil
	}
	return "", fmt.Errorf("%q names %d teams (IDs %s); give the team's ID", ref, len(named), strings.Join(named, ", "))
}
