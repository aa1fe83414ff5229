package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/shiftplan/shiftplan/api/ical"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// feedSite is what a calendar feed tells of the site a shift is worked
// at: its zone, in which the event's description gives local times, and
// the names of its shift templates and queues, which make the title.
type feedSite struct {
	loc       *time.Location
	templates map[string]string
	queues    map[string]string
}

// feedSites finds, once each, the sites of the teams whose rosters a
// feed's shifts belong to. An agent who moved to another team keeps the
// shifts of the former team's rosters, worked at that team's site, maybe
// in another zone.
type feedSites struct {
	db     *store.DB
	byTeam map[string]*feedSite
	bySite map[string]*feedSite
}

func newFeedSites(db *store.DB) *feedSites {
	return &feedSites{db: db, byTeam: map[string]*feedSite{}, bySite: map[string]*feedSite{}}
}

// of returns the site of team teamID.
func (fs *feedSites) of(ctx context.Context, teamID string) (*feedSite, error) {
	if x, ok := fs.byTeam[teamID]; ok {
		return x, nil
	}
	team, err := fs.db.FindTeamByID(ctx, teamID)
	if err != nil {
		return nil, err
	}
	x, err := fs.site(ctx, team.SiteID)
	if err != nil {
		return nil, err
	}
	fs.byTeam[teamID] = x
	return x, nil
}

// site returns site siteID.
func (fs *feedSites) site(ctx context.Context, siteID string) (*feedSite, error) {
	if x, ok := fs.bySite[siteID]; ok {
		return x, nil
	}
	site, err := fs.db.FindSiteByID(ctx, siteID)
	if err != nil {
		return nil, err
	}
	x := &feedSite{templates: map[string]string{}, queues: map[string]string{}}
	if x.loc, err = site.Location(); err != nil {
		return nil, err
	}
	ts, err := fs.db.FindShiftTemplates(ctx, site.ID)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		x.templates[t.ID] = t.Name
	}
	qs, err := fs.db.FindQueues(ctx, site.ID)
	if err != nil {
		return nil, err
	}
	for _, q := range qs {
		x.queues[q.ID] = q.Name
	}
	fs.bySite[siteID] = x
	return x, nil
}

// title is the SUMMARY of a shift of template and queue at the site:
// "Early shift – Phone", or "Shift" without names.
func (x *feedSite) title(template, queue string) string {
	title := "Shift"
	if n := x.templates[template]; n != "" {
		title = n + " shift"
	}
	if n := x.queues[queue]; n != "" {
		title += " – " + n
	}
	return title
}

// feedRange is the span of a calendar feed read at now: shifts and time
// off overlapping it are in the feed, from 60 days back to a year ahead.
func feedRange(now time.Time) (from, to time.Time) {
	return now.AddDate(0, 0, -60), now.AddDate(1, 0, 0)
}

// addRemovedShifts adds to cal, as cancelled, the shifts removed from
// agent (by a re-solve, or given to another agent) that overlap [from,
// to), each at one SEQUENCE past the last one the agent's feed showed
// it at and stamped with its removal, so that calendars which imported
// it drop it. A shift the agent has again (in cal already) is left out.
func addRemovedShifts(ctx context.Context, db *store.DB, cal *ical.Calendar, sites *feedSites, agent string, from, to time.Time) error {
	gone, err := db.FindRemovedShifts(ctx, agent, from, to)
	if err != nil {
		return err
	}
	has := make(map[string]bool, len(cal.Events))
	for _, e := range cal.Events {
		has[e.ShiftID] = true
	}
	for _, r := range gone {
		if has[r.ShiftID] {
			continue
		}
		at, err := sites.site(ctx, r.SiteID)
		if err != nil {
			return err
		}
		cal.Events = append(cal.Events, ical.Event{ShiftID: r.ShiftID, Sequence: r.Version, Start: r.Start, End: r.End,
			Title: at.title(r.TemplateID, r.QueueID), Location: at.loc, Cancelled: true, Updated: r.RemovedAt})
	}
	return nil
}

// addTimeOff adds to cal the agent's approved time off overlapping [from,
// to), told of in the zone of the agent's site (cal.Location), stamped
// with its approval. Requested, declined and withdrawn time off is left
// out.
func addTimeOff(ctx context.Context, db *store.DB, cal *ical.Calendar, agent string, from, to time.Time) error {
	ts, err := db.FindTimeOff(ctx, store.TimeOffFilter{AgentIDs: []string{agent}, Status: scheduling.TimeOffApproved, From: from, To: to})
	if err != nil {
		return err
	}
	for _, t := range ts {
		cal.Absences = append(cal.Absences, ical.Absence{TimeOffID: t.ID, Start: t.Start, End: t.End, Kind: t.Kind, Updated: t.UpdatedAt})
	}
	return nil
}

// feedETag is the entity tag of a calendar feed: a digest of its bytes,
// which stay the same while the agent's shifts do (each event's DTSTAMP
// is its shift's last change), so that a client polling an unchanged
// feed gets 304 Not Modified instead of the whole year again. The feed
// has no Last-Modified: a removed shift's cancellation drops out of the
// feed's range in time, leaving no later time behind, so only the digest
// tells that the feed changed.
func feedETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// etagListed reports whether an If-None-Match header names tag or is "*"
// (RFC 9110 §13.1.2, weak comparison: a W/ prefix is ignored).
func etagListed(header, tag string) bool {
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == tag {
			return true
		}
	}
	return false
}
