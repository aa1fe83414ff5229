package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

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
	x, ok := fs.bySite[team.SiteID]
	if !ok {
		site, err := fs.db.FindSiteByID(ctx, team.SiteID)
		if err != nil {
			return nil, err
		}
		x = &feedSite{templates: map[string]string{}, queues: map[string]string{}}
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
		fs.bySite[team.SiteID] = x
	}
	fs.byTeam[teamID] = x
	return x, nil
}

// feedETag is the entity tag of a calendar feed: a digest of its bytes,
// which stay the same while the agent's shifts do (each event's DTSTAMP
// is its shift's last change), so that a client polling an unchanged
// feed gets 304 Not Modified instead of the whole year again. The feed
// has no Last-Modified: a shift a re-solve removes leaves no later time
// behind, so only the digest tells that the feed changed.
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
