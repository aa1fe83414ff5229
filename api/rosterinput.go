package api

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
	"github.com/shiftplan/shiftplan/scheduling/roster"
	"github.com/shiftplan/shiftplan/store"
)

// rosterContext is a roster with everything needed to check or solve it.
type rosterContext struct {
	roster scheduling.Roster
	team   scheduling.Team
	site   scheduling.Site
	loc    *time.Location
	hol    *holiday.Calendar
	in     roster.Input
	// names and templates index the team's agents and the site's templates.
	agents    map[string]scheduling.Agent
	templates map[string]scheduling.ShiftTemplate
	// unserved names the site's queues no agent of the team has the
	// skills for: another team's to cover, left out of the solve.
	unserved []string
}

// checkShift refuses an edited shift of an agent outside the roster's
// team, of a template or queue another site's (the store refuses only one
// that is nowhere), or one that starts outside the roster's period: moved to
// another week it would leave the period yet stay in the roster for pay,
// calendars and the next solve.
func (rc *rosterContext) checkShift(s scheduling.Shift) error {
	v := &scheduling.ValidationError{}
	if _, ok := rc.agents[s.AgentID]; !ok {
		v.Add("agent_id", "is not an agent of the roster's team")
	}
	if _, ok := rc.templates[s.TemplateID]; !ok && s.TemplateID != "" {
		v.Add("template_id", "is not a shift template of the roster's site")
	}
	// Another site's queue is as unknown here as a removed one.
	if s.QueueID != "" && !slices.ContainsFunc(rc.in.Queues, func(q scheduling.Queue) bool { return q.ID == s.QueueID }) {
		v.Add("queue_id", "unknown queue %q", s.QueueID)
	}
	from, to := localMidnight(rc.roster.PeriodStart, rc.loc), localMidnight(rc.roster.PeriodEnd, rc.loc)
	if s.Start.Before(from) || !s.Start.Before(to) {
		v.Add("start", "must be within the roster's period, %s to %s (%s), got %s", rc.roster.PeriodStart.Format(time.DateOnly),
			rc.roster.PeriodEnd.AddDate(0, 0, -1).Format(time.DateOnly), rc.loc, s.Start.In(rc.loc).Format("2006-01-02 15:04"))
	}
	return v.Err()
}

// localMidnight is the start of a civil date (stored at 00:00 UTC) in loc:
// its midnight, or its first instant where a clock change skips midnight.
func localMidnight(civil time.Time, loc *time.Location) time.Time {
	y, m, d := civil.Date()
	return scheduling.LocalTime(y, m, d, 0, loc)
}

// loadRosterContext gathers a roster's team, site, agents, templates,
// queues, approved time off, availability, preferences, the previous
// week's published shifts and the site's rules: roster.Input without demand.
func loadRosterContext(ctx context.Context, db *store.DB, r scheduling.Roster) (*rosterContext, error) {
	rc := &rosterContext{roster: r, agents: map[string]scheduling.Agent{}, templates: map[string]scheduling.ShiftTemplate{}}
	var err error
	if rc.team, err = db.FindTeamByID(ctx, r.TeamID); err != nil {
		return nil, err
	}
	if rc.site, err = db.FindSiteByID(ctx, rc.team.SiteID); err != nil {
		return nil, err
	}
	if rc.loc, err = rc.site.Location(); err != nil {
		return nil, err
	}
	if rc.hol, err = siteCalendar(ctx, db, rc.site); err != nil {
		return nil, err
	}
	in := roster.Input{Site: rc.site, Location: rc.loc, Holidays: rc.hol, PeriodStart: localMidnight(r.PeriodStart, rc.loc),
		Days: r.Days(), Interval: 15 * time.Minute}
	start, end := in.PeriodStart, localMidnight(r.PeriodEnd, rc.loc)
	if in.Agents, err = db.FindAgents(ctx, store.AgentFilter{TeamID: r.TeamID}); err != nil {
		return nil, err
	}
	ids := make([]string, len(in.Agents))
	for i, a := range in.Agents {
		ids[i] = a.ID
	}
	// An agent holds the contract of the roster's first day, a past one
	// for a roster begun before a change, until a change starts within
	// the period (roster.Input's ContractChanges).
	past, err := db.FindPastContracts(ctx, ids)
	if err != nil {
		return nil, err
	}
	scheduled, err := db.FindScheduledContracts(ctx, ids, time.Time{})
	if err != nil {
		return nil, err
	}
	first := time.Date(in.PeriodStart.Year(), in.PeriodStart.Month(), in.PeriodStart.Day(), 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 0, in.Days-1)
	in.ContractChanges = map[string][]scheduling.ScheduledContract{}
	for i, a := range in.Agents {
		var changes []scheduling.ScheduledContract
		a.Contract, a.HourlyRate, changes = scheduling.ContractsOver(scheduling.ContractSpells(a, past[a.ID], scheduled[a.ID]), first, last)
		if len(changes) > 0 {
			in.ContractChanges[a.ID] = changes
		}
		in.Agents[i] = a
		rc.agents[a.ID] = a
	}
	if in.Templates, err = db.FindShiftTemplates(ctx, rc.site.ID); err != nil {
		return nil, err
	}
	for _, t := range in.Templates {
		rc.templates[t.ID] = t
	}
	if in.Queues, err = db.FindQueues(ctx, rc.site.ID); err != nil {
		return nil, err
	}
	if len(ids) > 0 {
		if in.TimeOff, err = db.FindTimeOff(ctx, store.TimeOffFilter{AgentIDs: ids, Status: scheduling.TimeOffApproved, From: start, To: end}); err != nil {
			return nil, err
		}
	}
	prev, err := db.FindShifts(ctx, store.ShiftFilter{TeamID: r.TeamID, PublishedOnly: true, From: start.AddDate(0, 0, -7), To: start})
	if err != nil {
		return nil, err
	}
	for _, s := range prev {
		if s.RosterID != r.ID && s.Start.Before(start) {
			in.Previous = append(in.Previous, s)
		}
	}
	payDoc, labourDoc, err := db.SiteRules(ctx, rc.site.ID)
	if err != nil {
		return nil, err
	}
	if in.Pay, err = decodePayRules(payDoc); err != nil {
		return nil, err
	}
	if in.Rules, err = labourRulesOf(labourDoc); err != nil {
		return nil, err
	}
	avail, err := db.AgentDocuments(ctx, ids, docAvailability)
	if err != nil {
		return nil, err
	}
	prefs, err := db.AgentDocuments(ctx, ids, docPreferences)
	if err != nil {
		return nil, err
	}
	for _, a := range in.Agents {
		w, p := agentWishes(a.ID, avail[a.ID], prefs[a.ID], start, end)
		in.Unavailable = append(in.Unavailable, w...)
		in.Unavailable = append(in.Unavailable, employment(a, rc.loc, start, end)...)
		for _, x := range p {
			// A wish for a template the site no longer has (or never had:
			// the agent moved sites) is dropped, not a failed solve.
			if _, ok := rc.templates[x.TemplateID]; ok || x.TemplateID == "" {
				in.Preferences = append(in.Preferences, x)
			}
		}
	}
	rc.in = in
	return rc, nil
}

// employment returns hard windows over the part of [from, to) before the
// agent's hire date and after their leave date (local midnights in loc),
// so that no roster schedules them there and an edit that does is a
// broken rule. A shift must start on or after the hire date's midnight,
// and on or before the last working day: a night that begins on the last
// day may end the next morning.
func employment(a scheduling.Agent, loc *time.Location, from, to time.Time) []roster.Window {
	var ws []roster.Window
	if !a.HireDate.IsZero() {
		if hire := localMidnight(a.HireDate, loc); hire.After(from) {
			if hire.After(to) {
				hire = to
			}
			ws = append(ws, roster.Window{AgentID: a.ID, Start: from, End: hire,
				Reason: "before the first working day, " + a.HireDate.Format("2 Jan 2006")})
		}
	}
	if !a.LeaveDate.IsZero() {
		if gone := localMidnight(a.LeaveDate.AddDate(0, 0, 1), loc); gone.Before(to) {
			if gone.Before(from) {
				gone = from
			}
			ws = append(ws, roster.Window{AgentID: a.ID, Start: gone, End: to, StartsOnly: true,
				Reason: "after the last working day, " + a.LeaveDate.Format("2 Jan 2006")})
		}
	}
	return ws
}

// agentWishes reads an agent's availability and preferences inside [from,
// to) from their stored documents (nil: none).
func agentWishes(agentID string, availDoc, prefDoc json.RawMessage, from, to time.Time) ([]roster.Window, []roster.Preference) {
	var ws []roster.Window
	var ps []roster.Preference
	if availDoc != nil {
		var av availabilityDTO
		if json.Unmarshal(availDoc, &av) == nil {
			for _, w := range av.Windows {
				if w.End.After(from) && w.Start.Before(to) {
					rw := roster.Window{AgentID: agentID, Start: w.Start, End: w.End}
					if !w.Hard {
						rw.Weight = 10
					}
					ws = append(ws, rw)
				}
			}
		}
	}
	if prefDoc != nil {
		var pr preferencesDTO
		if json.Unmarshal(prefDoc, &pr) == nil {
			for _, p := range pr.Items {
				d, err := time.Parse(time.DateOnly, p.Date)
				if err != nil || d.Before(civilOf(from)) || !d.Before(civilOf(to)) {
					continue
				}
				ps = append(ps, roster.Preference{AgentID: agentID, Date: d, TemplateID: p.TemplateID, Off: p.Off, Weight: p.Weight})
			}
		}
	}
	return ws, ps
}

// civilOf returns t's local date at 00:00 UTC.
func civilOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
