package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/api/ical"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// myAgent is the caller's agent record, or 404 for users who are no agent.
func (s *Server) myAgent(c echo.Context) (scheduling.Agent, error) {
	p := principalOf(c)
	if p.user.AgentID == "" {
		return scheduling.Agent{}, &Error{Status: http.StatusNotFound, Code: "not_found", Message: "your login is not linked to an agent"}
	}
	return s.db.FindAgentByID(c.Request().Context(), p.user.AgentID)
}

// myPlace is the caller's agent, team and site, and the request's
// ?from=&to= read in the site's zone (zero where not given).
type myPlace struct {
	agent    scheduling.Agent
	team     scheduling.Team
	site     scheduling.Site
	loc      *time.Location
	from, to time.Time
}

func (s *Server) myPlace(c echo.Context) (myPlace, error) {
	var m myPlace
	var err error
	if m.agent, err = s.myAgent(c); err != nil {
		return m, err
	}
	if m.team, m.site, err = s.siteOfTeam(c, m.agent.TeamID); err != nil {
		return m, err
	}
	if m.loc, err = m.site.Location(); err != nil {
		return m, err
	}
	m.from, m.to, err = timeRange(c, m.loc)
	return m, err
}

// myShifts lists the caller's published shifts over [from, to) (default:
// 28 days from the start of today in the site's zone).
func (s *Server) myShifts(c echo.Context) error {
	m, err := s.myPlace(c)
	if err != nil {
		return err
	}
	a, site, loc, from, to := m.agent, m.site, m.loc, m.from, m.to
	if from.IsZero() {
		from = localMidnight(civilOf(s.now().In(loc)), loc)
	}
	if to.IsZero() {
		to = from.AddDate(0, 0, 28)
	}
	shifts, err := s.db.FindShifts(c.Request().Context(), store.ShiftFilter{AgentID: a.ID, PublishedOnly: true, From: from, To: to, WithCancelled: true})
	if err != nil {
		return err
	}
	rc, err := s.shiftContext(c, a, site)
	if err != nil {
		return err
	}
	// Each shift's weekend and holiday marks are its own site's, as in
	// GET /shifts: an agent who moved team keeps the former team's shifts.
	inSite, err := s.siteContexts(c.Request().Context(), rc)
	if err != nil {
		return err
	}
	origins, err := s.db.FindShiftOrigins(c.Request().Context(), shiftIDs(shifts))
	if err != nil {
		return err
	}
	out := make([]shiftDTO, len(shifts))
	for i, sh := range shifts {
		src := rc
		if x, ok := inSite[origins[sh.ID].TeamID]; ok {
			src = x
		}
		out[i] = src.shiftDTO(sh)
	}
	return page(c, out)
}

// shiftContext is enough of a roster context to describe one agent's
// shifts: the agent, and the templates of every site (the agent may have
// worked at another before).
func (s *Server) shiftContext(c echo.Context, a scheduling.Agent, site scheduling.Site) (*rosterContext, error) {
	loc, err := site.Location()
	if err != nil {
		return nil, err
	}
	rc := &rosterContext{site: site, loc: loc, agents: map[string]scheduling.Agent{a.ID: a}, templates: map[string]scheduling.ShiftTemplate{}}
	ts, err := s.db.FindShiftTemplates(c.Request().Context(), "")
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		rc.templates[t.ID] = t
	}
	return rc, nil
}

// calendarDTO describes the caller's calendar feed. Only a hash of the
// feed's secret token is kept, so its address (url) is sent once, when the
// feed is made or rotated.
type calendarDTO struct {
	// Exists says whether the caller has a feed.
	Exists    bool   `json:"exists"`
	CreatedAt string `json:"created_at,omitempty"`
	URL       string `json:"url,omitempty"`
}

func (s *Server) calendarURL(c echo.Context, token string) string {
	return s.publicURL(c) + "/ical/" + token + ".ics"
}

// myCalendar says whether the caller has a calendar feed and since when;
// it cannot give the address again (rotateCalendar makes a new one).
func (s *Server) myCalendar(c echo.Context) error {
	a, err := s.myAgent(c)
	if err != nil {
		return err
	}
	feed, err := s.db.FindCalendarFeed(c.Request().Context(), a.ID)
	if errors.Is(err, scheduling.ErrNotFound) {
		return c.JSON(http.StatusOK, calendarDTO{})
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, calendarDTO{Exists: true, CreatedAt: rfc(feed.CreatedAt)})
}

// rotateCalendar makes the caller's calendar feed, or revokes its address
// and makes a new one, and returns the address (this once).
func (s *Server) rotateCalendar(c echo.Context) error {
	a, err := s.myAgent(c)
	if err != nil {
		return err
	}
	tok := randomToken(32)
	feed, err := s.db.SetCalendarToken(c.Request().Context(), a.ID, hashToken(tok))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, calendarDTO{Exists: true, CreatedAt: rfc(feed.CreatedAt), URL: s.calendarURL(c, tok)})
}

// calendarFeed serves /ical/{token}.ics without a login: the agent's
// published shifts from 60 days back to a year ahead (feedRange),
// cancelled and removed ones included so that calendars drop them, and
// the agent's approved time off.
func (s *Server) calendarFeed(c echo.Context) error {
	tok, ok := strings.CutSuffix(c.Param("file"), ".ics")
	if !ok || tok == "" {
		return echo.ErrNotFound
	}
	ctx := c.Request().Context()
	agentID, err := s.db.FindCalendarAgent(ctx, hashToken(tok))
	if err != nil {
		return err
	}
	a, err := s.db.FindAgentByID(ctx, agentID)
	if err != nil {
		return err
	}
	_, site, err := s.siteOfTeam(c, a.TeamID)
	if err != nil {
		return err
	}
	loc, err := site.Location()
	if err != nil {
		return err
	}
	now := s.now()
	from, to := feedRange(now)
	shifts, err := s.db.FindShifts(ctx, store.ShiftFilter{AgentID: a.ID, PublishedOnly: true, WithCancelled: true, From: from, To: to})
	if err != nil {
		return err
	}
	facts, err := s.db.FindShiftOrigins(ctx, shiftIDs(shifts))
	if err != nil {
		return err
	}
	// Each shift is told of in its own site's zone, with its site's
	// template and queue names: an agent who moved team keeps the former
	// team's shifts.
	sites := newFeedSites(s.db)
	cal := ical.Calendar{Name: "Shifts – " + a.Name(), Location: loc, Stamp: now}
	for _, sh := range shifts {
		fact, ok := facts[sh.ID]
		if !ok {
			continue // a solve removed it since it was read
		}
		at, err := sites.of(ctx, fact.TeamID)
		if err != nil {
			return err
		}
		ev := ical.Event{ShiftID: sh.ID, Sequence: sh.Version - 1, Start: sh.Start, End: sh.End, Title: at.title(sh.TemplateID, sh.QueueID),
			Cancelled: sh.Status == scheduling.ShiftCancelled, Updated: fact.UpdatedAt, Location: at.loc}
		for _, b := range sh.Breaks {
			ev.Breaks = append(ev.Breaks, ical.Break{Start: b.Start, End: b.End, Paid: b.Paid})
		}
		cal.Events = append(cal.Events, ev)
	}
	if err := addRemovedShifts(ctx, s.db, &cal, sites, a.ID, from, to); err != nil {
		return err
	}
	if err := addTimeOff(ctx, s.db, &cal, a.ID, from, to); err != nil {
		return err
	}
	body, err := ical.Feed(cal)
	if err != nil {
		return err
	}
	tag := feedETag(body)
	h := c.Response().Header()
	h.Set("Cache-Control", "private, max-age=300")
	h.Set("ETag", tag)
	if etagListed(c.Request().Header.Get("If-None-Match"), tag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", body)
}

// shiftIDs returns the IDs of shifts, in their order.
func shiftIDs(shifts []scheduling.Shift) []string {
	ids := make([]string, len(shifts))
	for i, sh := range shifts {
		ids[i] = sh.ID
	}
	return ids
}
