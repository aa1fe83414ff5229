package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/api/hours"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
	"github.com/shiftplan/shiftplan/store"
)

// hoursReport is GET /reports/hours?from=&to=&team=&site=&format=csv|xlsx|json
// (&detail=shifts for the per-shift CSV): every agent's paid hours by
// category, premiums and estimated gross over [from, to) under the site's
// pay rules, from published shifts only. Admins and HR see every team, a
// lead their own; agents none. Dates are local dates in the site's zone; a
// week either side is read so weekly overtime is exact.
func (s *Server) hoursReport(c echo.Context) error {
	p, err := requireRole(c, scheduling.RoleAdmin, scheduling.RoleHR, scheduling.RoleTeamLead)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	team := c.QueryParam("team")
	if p.is(scheduling.RoleTeamLead) && (team == "" || !p.leads(team)) {
		return forbid("team leads export their own team: pass ?team=")
	}
	var site scheduling.Site
	var teams []scheduling.Team
	switch {
	case team != "":
		t, st, err := s.siteOfTeam(c, team)
		if err != nil {
			return err
		}
		site, teams = st, []scheduling.Team{t}
	default:
		siteID := c.QueryParam("site")
		if siteID == "" {
			sites, err := s.db.FindSites(ctx)
			if err != nil {
				return err
			}
			if len(sites) != 1 {
				v := &scheduling.ValidationError{}
				v.Add("site", "is required when there is more than one site")
				return v
			}
			siteID = sites[0].ID
		}
		if site, err = s.db.FindSiteByID(ctx, siteID); err != nil {
			return err
		}
		if teams, err = s.db.FindTeams(ctx, site.ID); err != nil {
			return err
		}
	}
	loc, err := site.Location()
	if err != nil {
		return err
	}
	from, to, err := timeRange(c, loc)
	if err != nil {
		return err
	}
	if err := bothBounds(from, to); err != nil {
		return err
	}
	format := c.QueryParam("format")
	if format == "" {
		format = "json"
	}
	if format != "csv" && format != "xlsx" && format != "json" {
		v := &scheduling.ValidationError{}
		v.Add("format", "must be csv, xlsx or json")
		return v
	}
	// detail picks the rows: csv writes the agents' or (shifts) the
	// shifts', json both or (agents) the agents' only; xlsx has both
	// sheets.
	detail := c.QueryParam("detail")
	if allowed := map[string][]string{"csv": {"", "agents", "shifts"}, "json": {"", "agents", "shifts"}, "xlsx": {""}}[format]; !slices.Contains(allowed, detail) {
		return scheduling.Invalid("detail", "must be agents or shifts with format csv or json (xlsx has both sheets), got %q", detail)
	}
	rep, err := s.buildHours(ctx, site, teams, from, to, loc, "")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	name := fmt.Sprintf("hours_%s_%s", from.In(loc).Format(time.DateOnly), to.In(loc).Format(time.DateOnly))
	var ctype string
	switch format {
	case "csv":
		ctype = "text/csv; charset=utf-8"
		if detail == "shifts" {
			err, name = hours.WriteDetailCSV(&buf, rep), name+"_shifts"
		} else {
			err = hours.WriteCSV(&buf, rep)
		}
		name += ".csv"
	case "xlsx":
		ctype, name = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name+".xlsx"
		err = hours.WriteXLSX(&buf, rep)
	default:
		ctype = "application/json"
		if detail == "agents" {
			err = hours.WriteAgentsJSON(&buf, rep)
		} else {
			err = hours.WriteJSON(&buf, rep)
		}
	}
	if err != nil {
		return err
	}
	if format != "json" {
		c.Response().Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	}
	return c.Blob(http.StatusOK, ctype, buf.Bytes())
}

// buildHours is the paid-hours report of the teams of site over [from,
// to): their agents' published shifts under the site's pay rules and
// holidays, with the weeks either side for weekly overtime. A non-empty
// only keeps the report to that agent's row and shifts, paying no one
// else.
func (s *Server) buildHours(ctx context.Context, site scheduling.Site, teams []scheduling.Team, from, to time.Time, loc *time.Location, only string) (hours.Report, error) {
	payDoc, _, err := s.db.SiteRules(ctx, site.ID)
	if err != nil {
		return hours.Report{}, err
	}
	rules, err := decodePayRules(payDoc)
	if err != nil {
		return hours.Report{}, err
	}
	cal, err := siteCalendar(ctx, s.db, site)
	if err != nil {
		return hours.Report{}, err
	}
	hol := pay.Memo(cal)
	// The report pays the shifts of the reported teams' rosters, whichever
	// team their agent is in now: an agent who changed team or site is
	// paid in each team's report for the shifts worked there, in that
	// site's zone and under its rules, and nowhere for the others. An
	// agent is named with their current team when it is reported, else
	// with the team of their last shift reported. Weekly overtime counts
	// all of an agent's published shifts of the weeks.
	lo, hi := from.AddDate(0, 0, -7), to.AddDate(0, 0, 7)
	var agents []scheduling.Agent
	teamOf := map[string]string{} // agent id → team name in the report
	for _, t := range teams {
		as, err := s.db.FindAgents(ctx, store.AgentFilter{TeamID: t.ID})
		if err != nil {
			return hours.Report{}, err
		}
		for _, a := range as {
			agents, teamOf[a.ID] = append(agents, a), t.Name
		}
	}
	reported := map[string]bool{}  // ids of the shifts the report pays
	last := map[string]time.Time{} // start of a moved agent's last one
	var moved []string
	for _, t := range teams {
		shifts, err := s.db.FindShifts(ctx, store.ShiftFilter{TeamID: t.ID, PublishedOnly: true, From: lo, To: hi})
		if err != nil {
			return hours.Report{}, err
		}
		for _, sh := range shifts {
			reported[sh.ID] = true
			l, seen := last[sh.AgentID]
			if _, member := teamOf[sh.AgentID]; member && !seen {
				continue
			}
			if !seen {
				moved = append(moved, sh.AgentID)
			}
			if !seen || sh.Start.After(l) {
				last[sh.AgentID], teamOf[sh.AgentID] = sh.Start, t.Name
			}
		}
	}
	if len(moved) > 0 {
		as, err := s.db.FindAgents(ctx, store.AgentFilter{IDs: moved})
		if err != nil {
			return hours.Report{}, err
		}
		agents = append(agents, as...)
	}
	// Every agent's published shifts of the weeks, read a team's agents
	// at a time, and those of the agents who moved away together.
	ofAgent := map[string][]scheduling.Shift{}
	var reads []store.ShiftFilter
	if only != "" {
		agents = slices.DeleteFunc(agents, func(a scheduling.Agent) bool { return a.ID != only })
		reads = append(reads, store.ShiftFilter{AgentIDs: []string{only}, PublishedOnly: true, From: lo, To: hi})
	} else {
		for _, t := range teams {
			reads = append(reads, store.ShiftFilter{AgentTeamID: t.ID, PublishedOnly: true, From: lo, To: hi})
		}
		if len(moved) > 0 {
			reads = append(reads, store.ShiftFilter{AgentIDs: moved, PublishedOnly: true, From: lo, To: hi})
		}
	}
	for _, f := range reads {
		shifts, err := s.db.FindShifts(ctx, f)
		if err != nil {
			return hours.Report{}, err
		}
		for _, sh := range shifts {
			ofAgent[sh.AgentID] = append(ofAgent[sh.AgentID], sh)
		}
	}
	ids := make([]string, len(agents))
	for i, a := range agents {
		ids[i] = a.ID
	}
	past, err := s.db.FindPastContracts(ctx, ids)
	if err != nil {
		return hours.Report{}, err
	}
	scheduled, err := s.db.FindScheduledContracts(ctx, ids, time.Time{})
	if err != nil {
		return hours.Report{}, err
	}
	// The contract columns are those of the period's last day; each
	// shift is paid at its own day's rate.
	lastDay := pay.DateOf(to.In(loc).Add(-time.Nanosecond))
	var in []hours.Input
	for _, a := range agents {
		contracts := hours.ContractsOf(a, past[a.ID], scheduled[a.ID])
		sum, err := pay.SummarizeOver(hours.PayShifts(ofAgent[a.ID]), contracts, rules, loc, hol)
		if errors.Is(err, pay.ErrOverlap) {
			// Published shifts of two rosters (a team the agent left and
			// the one they joined) that overlap would pay the same time
			// twice: a conflict for a lead to resolve, named here.
			return hours.Report{}, scheduling.Conflict("agent %s: %v", a.Name(), err)
		}
		if err != nil {
			return hours.Report{}, fmt.Errorf("pay of agent %s: %w", a.Name(), err)
		}
		sum.Shifts = slices.DeleteFunc(sum.Shifts, func(sp pay.ShiftPay) bool { return !reported[sp.ID] })
		sum.Contract = contracts.At(lastDay)
		in = append(in, hours.Input{Agent: hours.AgentOf(a, teamOf[a.ID]), Summary: sum})
	}
	return hours.Build(from, to, loc, in)
}

// bothBounds refuses a range without from or to.
func bothBounds(from, to time.Time) error {
	if from.IsZero() || to.IsZero() {
		return scheduling.Invalid("from", "from and to are required")
	}
	return nil
}
