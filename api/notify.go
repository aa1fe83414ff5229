package api

import (
	"context"
	"fmt"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// Notification kinds: what happened. The web app words each from its
// params (frontend/static/js/pages/inbox.js, catalogue keys inbox.*);
// message is the English text for API clients.
const (
	kindTimeOffRequested  = "time_off_requested"
	kindTimeOffApproved   = "time_off_approved"
	kindTimeOffDeclined   = "time_off_declined"
	kindTimeOffWithdrawn  = "time_off_withdrawn"
	kindTimeOffCancelled  = "time_off_cancelled_shifts" // approved time off cancelled a team's shifts
	kindSwapProposed      = "swap_proposed"
	kindSwapAccepted      = "swap_accepted"
	kindSwapApproved      = "swap_approved"
	kindSwapDeclined      = "swap_declined"
	kindRosterPublished   = "roster_published"
	kindRosterResolved    = "roster_resolved"
	kindShiftChanged      = "shift_changed"
	kindRosterUnpublished = "roster_unpublished"
)

// notice is a notification about to be addressed to some logins.
type notice struct {
	kind   string
	teamID string
	// subject names the occurrence (a request, a swap, a shift at a
	// version): with the kind and the recipient it is the notification's
	// key, so an occurrence reaches each recipient once.
	subject string
	params  map[string]any
	message string
}

// send stores n for each login of to but the actor's, on db: the
// transaction of the action it tells of, so that both or neither are
// stored.
func send(ctx context.Context, db *store.DB, actor string, to []string, n notice) error {
	seen := map[string]bool{actor: true}
	for _, u := range to {
		if seen[u] {
			continue
		}
		seen[u] = true
		x := store.Notification{Kind: n.kind, UserID: u, TeamID: n.teamID, Params: n.params, Message: n.message,
			Key: n.kind + ":" + n.subject + ":" + u}
		if _, err := db.CreateNotification(ctx, &x); err != nil {
			return err
		}
	}
	return nil
}

// loginsOf returns the logins of the agents, in the agents' order.
func loginsOf(ctx context.Context, db *store.DB, agentIDs ...string) ([]string, error) {
	m, err := db.AgentLogins(ctx, agentIDs)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, a := range agentIDs {
		out = append(out, m[a]...)
	}
	return out, nil
}

// teamZone is the zone of the team's site, in which messages give times.
func teamZone(ctx context.Context, db *store.DB, teamID string) (*time.Location, error) {
	t, err := db.FindTeamByID(ctx, teamID)
	if err != nil {
		return nil, err
	}
	site, err := db.FindSiteByID(ctx, t.SiteID)
	if err != nil {
		return nil, err
	}
	return site.Location()
}

// utc writes an instant into params: RFC 3339 in UTC.
func utc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// localSpan writes [start, end) for a message: "Mon 2 Mar 2026 07:00 CET–15:00 CET".
func localSpan(start, end time.Time, loc *time.Location) string {
	return start.In(loc).Format("Mon 2 Jan 2006 15:04 MST") + "–" + end.In(loc).Format("15:04 MST")
}

// localDays writes the days [start, end) covers for a message.
func localDays(start, end time.Time, loc *time.Location) string {
	first, last := start.In(loc).Format("Mon 2 Jan 2006"), end.Add(-time.Nanosecond).In(loc).Format("Mon 2 Jan 2006")
	if first == last {
		return "on " + first
	}
	return "from " + first + " to " + last
}

// timeOffNotice tells of a time-off request of agent a: asked for, approved
// or declined.
func timeOffNotice(kind string, t scheduling.TimeOff, a scheduling.Agent, loc *time.Location) notice {
	n := notice{kind: kind, teamID: a.TeamID, subject: t.ID, params: map[string]any{"time_off_id": t.ID, "agent_id": a.ID,
		"agent_name": a.Name(), "time_off_kind": t.Kind, "start": utc(t.Start), "end": utc(t.End)}}
	days := localDays(t.Start, t.End, loc)
	switch kind {
	case kindTimeOffRequested:
		n.message = fmt.Sprintf("%s asks for time off (%s) %s.", a.Name(), t.Kind, days)
	case kindTimeOffApproved:
		n.message = fmt.Sprintf("Your time off (%s) %s is approved.", t.Kind, days)
	case kindTimeOffWithdrawn:
		n.message = fmt.Sprintf("%s withdrew the request for time off (%s) %s.", a.Name(), t.Kind, days)
	default:
		n.message = fmt.Sprintf("Your time off (%s) %s is declined.", t.Kind, days)
	}
	return n
}

// shiftsCancelledNotice tells a lead of team that the approval of time
// off t of agent a cancelled shifts (that many) in rosters of the lead's.
func shiftsCancelledNotice(t scheduling.TimeOff, a scheduling.Agent, loc *time.Location, team string, rosters []string, shifts int) notice {
	n := timeOffNotice(kindTimeOffCancelled, t, a, loc)
	n.teamID = team
	n.params["team_id"], n.params["roster_ids"], n.params["shifts"] = team, rosters, shifts
	where := "your team's roster"
	if len(rosters) > 1 {
		where = "your teams' rosters"
	}
	n.message = fmt.Sprintf("%s's approved time off (%s) %s cancelled %s in %s.", a.Name(), t.Kind, localDays(t.Start, t.End, loc), shiftCount(shifts), where)
	return n
}

// swapParties is what a swap notification speaks of: the shift offered,
// the one asked in return (if any), both agents and the team's zone.
type swapParties struct {
	sw         store.Swap
	mine       scheduling.Shift
	theirs     *scheduling.Shift
	from, with scheduling.Agent
	loc        *time.Location
}

// loadSwapParties reads what a notification about sw needs.
func loadSwapParties(ctx context.Context, db *store.DB, sw store.Swap) (swapParties, error) {
	sp := swapParties{sw: sw}
	var err error
	if sp.mine, err = db.FindShiftByID(ctx, sw.ShiftID); err != nil {
		return sp, err
	}
	if sw.TheirShiftID != "" {
		theirs, err := db.FindShiftByID(ctx, sw.TheirShiftID)
		if err != nil {
			return sp, err
		}
		sp.theirs = &theirs
	}
	if sp.from, err = db.FindAgentByID(ctx, sw.FromAgentID); err != nil {
		return sp, err
	}
	if sp.with, err = db.FindAgentByID(ctx, sw.WithAgentID); err != nil {
		return sp, err
	}
	sp.loc, err = teamZone(ctx, db, sp.from.TeamID)
	return sp, err
}

// swapNotice tells of a swap's step.
func swapNotice(kind string, sp swapParties) notice {
	p := map[string]any{"swap_id": sp.sw.ID, "shift_id": sp.mine.ID, "roster_id": sp.mine.RosterID,
		"shift_start": utc(sp.mine.Start), "shift_end": utc(sp.mine.End),
		"from_agent_id": sp.from.ID, "from_agent_name": sp.from.Name(), "with_agent_id": sp.with.ID, "with_agent_name": sp.with.Name()}
	what := "the shift " + localSpan(sp.mine.Start, sp.mine.End, sp.loc)
	if sp.theirs != nil {
		p["their_shift_id"], p["their_shift_start"], p["their_shift_end"] = sp.theirs.ID, utc(sp.theirs.Start), utc(sp.theirs.End)
		what += " for " + localSpan(sp.theirs.Start, sp.theirs.End, sp.loc)
	}
	n := notice{kind: kind, teamID: sp.from.TeamID, subject: sp.sw.ID, params: p}
	switch kind {
	case kindSwapProposed:
		n.message = fmt.Sprintf("%s offers you %s.", sp.from.Name(), what)
	case kindSwapAccepted:
		n.message = fmt.Sprintf("%s accepted %s's swap of %s; it awaits your approval.", sp.with.Name(), sp.from.Name(), what)
	case kindSwapApproved:
		n.message = fmt.Sprintf("The swap of %s between %s and %s is approved.", what, sp.from.Name(), sp.with.Name())
	default:
		n.message = fmt.Sprintf("The swap of %s between %s and %s is declined.", what, sp.from.Name(), sp.with.Name())
	}
	return n
}

// notifyPublished tells every agent with shifts in roster r, just
// published, how many they have.
func notifyPublished(ctx context.Context, tx *store.DB, actor string, r scheduling.Roster) error {
	shifts, err := tx.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID})
	if err != nil {
		return err
	}
	count := map[string]int{}
	var agents []string
	for _, sh := range shifts {
		if count[sh.AgentID] == 0 {
			agents = append(agents, sh.AgentID)
		}
		count[sh.AgentID]++
	}
	logins, err := tx.AgentLogins(ctx, agents)
	if err != nil {
		return err
	}
	first, last := r.PeriodStart.Format("Mon 2 Jan 2006"), r.PeriodEnd.AddDate(0, 0, -1).Format("Mon 2 Jan 2006")
	for _, a := range agents {
		n := notice{kind: kindRosterPublished, teamID: r.TeamID, subject: r.ID,
			params: map[string]any{"roster_id": r.ID, "team_id": r.TeamID, "period_start": r.PeriodStart.Format(time.DateOnly),
				"period_end": r.PeriodEnd.Format(time.DateOnly), "shifts": count[a]},
			message: fmt.Sprintf("The roster from %s to %s is published: you have %s.", first, last, shiftCount(count[a]))}
		if err := send(ctx, tx, actor, logins[a], n); err != nil {
			return err
		}
	}
	return nil
}

// Changes of a published shift as its agents see them (the change param
// of shift_changed).
const (
	changeAdded      = "added"      // a lead gave the agent a new shift
	changeTimes      = "times"      // it runs at other times
	changeCancelled  = "cancelled"  // it no longer takes place
	changeReinstated = "reinstated" // a cancelled shift takes place again
	changeUnassigned = "unassigned" // it went to another agent
	changeAssigned   = "assigned"   // it came from another agent
)

// shiftChange is what an edit of a shift from before to after means to
// agent: one of the change* values, or "" when it does not concern them
// (breaks, queue and activity do not count). A before without an ID is
// no shift: after was added.
func shiftChange(before, after scheduling.Shift, agent string) string {
	had := before.Status == scheduling.ShiftActive && before.AgentID == agent
	has := after.Status == scheduling.ShiftActive && after.AgentID == agent
	switch {
	case before.ID == "" && has:
		return changeAdded
	case had && has && (!before.Start.Equal(after.Start) || !before.End.Equal(after.End)):
		return changeTimes
	case had && !has && after.AgentID != agent:
		return changeUnassigned
	case had && !has:
		return changeCancelled
	case !had && has && before.AgentID != agent:
		return changeAssigned
	case !had && has:
		return changeReinstated
	}
	return ""
}

// notifyShiftChanged tells the agents concerned of an edit of a shift of
// roster r (the old and the new agent when it moved). Edits of drafts
// notify nobody: agents have not seen them.
//
// A login's unread notice of an earlier edit of the same shift is
// replaced by one of the change since that notice's before (so three
// quick edits leave one notice, of where the shift was when the agent
// last read and where it is now), and removed when the shift is back as
// it was then. A notice the login has read stays, and the edit gets one of
// its own.
func notifyShiftChanged(ctx context.Context, tx *store.DB, actor string, r scheduling.Roster, rc *rosterContext, before, after scheduling.Shift) error {
	if r.Status != scheduling.Published {
		return nil
	}
	agents := []string{before.AgentID}
	if after.AgentID != before.AgentID {
		agents = append(agents, after.AgentID)
	}
	logins, err := tx.AgentLogins(ctx, agents)
	if err != nil {
		return err
	}
	seen := map[string]bool{actor: true}
	for _, a := range agents {
		for _, u := range logins[a] {
			if seen[u] {
				continue
			}
			seen[u] = true
			if err := tellShiftChange(ctx, tx, u, a, r, rc, before, after); err != nil {
				return err
			}
		}
	}
	return nil
}

// tellShiftChange tells login u of agent of the edit of a shift from
// before to after (see notifyShiftChanged).
func tellShiftChange(ctx context.Context, tx *store.DB, u, agent string, r scheduling.Roster, rc *rosterContext, before, after scheduling.Shift) error {
	earlier, found, err := tx.FindUnreadNotification(ctx, u, kindShiftChanged+":"+after.ID+"@")
	if err != nil {
		return err
	}
	from, fromName := before, rc.agents[before.AgentID].Name()
	if found {
		var ok bool
		if from, fromName, ok = shiftBefore(earlier.Params, after.ID); !ok {
			found = false
			from, fromName = before, rc.agents[before.AgentID].Name()
		}
	}
	n, ok := shiftNotice(r, rc, agent, from, fromName, after)
	switch {
	case !ok && found:
		return tx.DeleteNotification(ctx, earlier.ID)
	case !ok:
		return nil
	case found:
		x := store.Notification{ID: earlier.ID, Kind: n.kind, Params: n.params, Message: n.message, Key: n.kind + ":" + n.subject + ":" + u}
		return tx.ReplaceNotification(ctx, &x)
	}
	return send(ctx, tx, "", []string{u}, n)
}

// shiftNotice is the notice to agent of a shift of r going from before
// (of the agent named beforeName) to after, and false when the change
// does not concern them.
func shiftNotice(r scheduling.Roster, rc *rosterContext, agent string, before scheduling.Shift, beforeName string, after scheduling.Shift) (notice, bool) {
	change := shiftChange(before, after, agent)
	if change == "" {
		return notice{}, false
	}
	was, now := localSpan(before.Start, before.End, rc.loc), localSpan(after.Start, after.End, rc.loc)
	afterName := rc.agents[after.AgentID].Name()
	var msg string
	switch change {
	case changeAdded:
		msg = fmt.Sprintf("You have a new shift: %s.", now)
	case changeTimes:
		msg = fmt.Sprintf("Your shift %s now runs %s.", was, now)
	case changeCancelled:
		msg = fmt.Sprintf("Your shift %s is cancelled.", was)
	case changeReinstated:
		msg = fmt.Sprintf("Your shift %s takes place again.", now)
	case changeUnassigned:
		msg = fmt.Sprintf("Your shift %s now is %s's.", was, afterName)
	case changeAssigned:
		msg = fmt.Sprintf("You have a new shift: %s (before %s's).", now, beforeName)
	}
	return notice{kind: kindShiftChanged, teamID: r.TeamID, subject: fmt.Sprintf("%s@%d", after.ID, after.Version), message: msg,
		params: map[string]any{"shift_id": after.ID, "roster_id": r.ID, "team_id": r.TeamID, "change": change,
			"before_status": string(before.Status), "before_start": utc(before.Start), "before_end": utc(before.End),
			"after_start": utc(after.Start), "after_end": utc(after.End),
			"before_agent_id": before.AgentID, "before_agent_name": beforeName,
			"after_agent_id": after.AgentID, "after_agent_name": afterName}}, true
}

// shiftBefore reads back from a shift_changed notice's params the shift
// as it was before (no shift, ID "", when it told of a new one) and its
// agent's name; false for a notice without before_status, stored before
// notices kept it.
func shiftBefore(p map[string]any, id string) (scheduling.Shift, string, bool) {
	status, ok := p["before_status"].(string)
	if !ok {
		return scheduling.Shift{}, "", false
	}
	name, _ := p["before_agent_name"].(string)
	if status == "" {
		return scheduling.Shift{}, name, true
	}
	agent, _ := p["before_agent_id"].(string)
	startText, _ := p["before_start"].(string)
	endText, _ := p["before_end"].(string)
	start, err1 := time.Parse(time.RFC3339, startText)
	end, err2 := time.Parse(time.RFC3339, endText)
	if err1 != nil || err2 != nil {
		return scheduling.Shift{}, "", false
	}
	return scheduling.Shift{ID: id, AgentID: agent, Start: start, End: end, Status: scheduling.ShiftStatus(status)}, name, true
}

// notifyResolved tells each agent whose shifts a solve of published roster
// r (now at version v) changed how many of theirs are new and how many
// are gone, with the first day that changed: before are the roster's
// shifts before the solve, after what it stores (a shift without an ID
// is new). A shift that keeps its ID keeps its agent and times. Drafts
// notify nobody.
func notifyResolved(ctx context.Context, tx *store.DB, actor string, r scheduling.Roster, v int, before, after []scheduling.Shift, loc *time.Location) error {
	if r.Status != scheduling.Published {
		return nil
	}
	type change struct {
		added, removed int
		first          time.Time
	}
	byAgent := map[string]*change{}
	var agents []string
	note := func(s scheduling.Shift, add bool) {
		c := byAgent[s.AgentID]
		if c == nil {
			c = &change{first: s.Start}
			byAgent[s.AgentID] = c
			agents = append(agents, s.AgentID)
		}
		if add {
			c.added++
		} else {
			c.removed++
		}
		if s.Start.Before(c.first) {
			c.first = s.Start
		}
	}
	stays := map[string]bool{}
	for _, s := range after {
		if s.ID != "" && s.Status == scheduling.ShiftActive {
			stays[s.ID] = true
		}
	}
	was := map[string]bool{}
	for _, s := range before {
		if s.Status == scheduling.ShiftActive {
			was[s.ID] = true
			if !stays[s.ID] {
				note(s, false)
			}
		}
	}
	for _, s := range after {
		if s.Status == scheduling.ShiftActive && (s.ID == "" || !was[s.ID]) {
			note(s, true)
		}
	}
	logins, err := tx.AgentLogins(ctx, agents)
	if err != nil {
		return err
	}
	for _, a := range agents {
		c := byAgent[a]
		n := notice{kind: kindRosterResolved, teamID: r.TeamID, subject: fmt.Sprintf("%s@%d", r.ID, v),
			params: map[string]any{"roster_id": r.ID, "team_id": r.TeamID, "period_start": r.PeriodStart.Format(time.DateOnly),
				"period_end": r.PeriodEnd.Format(time.DateOnly), "added": c.added, "removed": c.removed, "first_change": utc(c.first)},
			message: fmt.Sprintf("Your shifts from %s changed: %d new, %d gone.", c.first.In(loc).Format("Mon 2 Jan 2006"), c.added, c.removed)}
		if err := send(ctx, tx, actor, logins[a], n); err != nil {
			return err
		}
	}
	return nil
}

// shiftCount is n shifts in words: "1 shift", "3 shifts".
func shiftCount(n int) string {
	if n == 1 {
		return "1 shift"
	}
	return fmt.Sprintf("%d shifts", n)
}
