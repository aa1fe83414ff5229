package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/roster"
)

// Kinds of agent documents.
const (
	docAvailability = "availability"
	docPreferences  = "preferences"
)

// availabilityDTO lists windows in which the agent cannot (hard) or would
// rather not work.
type availabilityDTO struct {
	Windows []windowDTO `json:"windows"`
}

type windowDTO struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Hard  bool      `json:"hard"`
	Note  string    `json:"note,omitempty"`
}

// preferencesDTO lists wishes per local date: a template, any shift, or a
// day off.
type preferencesDTO struct {
	Items []preferenceDTO `json:"items"`
}

type preferenceDTO struct {
	Date       string `json:"date"`
	TemplateID string `json:"template_id,omitempty"`
	Off        bool   `json:"off"`
	Weight     int64  `json:"weight,omitempty"`
}

// maxWishes bounds the windows of an availability and the items of
// preferences: two a day for a year and more.
const maxWishes = 1000

// agentTemplates returns the IDs of the templates of agent id's site: a
// preference may name only those (a roster refuses any other).
func (s *Server) agentTemplates(c echo.Context, id string) (map[string]bool, error) {
	a, err := s.db.FindAgentByID(c.Request().Context(), id)
	if err != nil {
		return nil, err
	}
	_, site, err := s.siteOfTeam(c, a.TeamID)
	if err != nil {
		return nil, err
	}
	ts, err := s.db.FindShiftTemplates(c.Request().Context(), site.ID)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]bool, len(ts))
	for _, t := range ts {
		ids[t.ID] = true
	}
	return ids, nil
}

// agentParam is the agent a document request is about: ?agent= for leads
// and admins, the caller's own agent for agents. An agent the caller may
// not see is 404 as a missing one; a colleague, or for HR a change, 403.
func (s *Server) agentParam(c echo.Context, write bool) (string, error) {
	p := principalOf(c)
	id := c.QueryParam("agent")
	if id == "" {
		if p.user.AgentID == "" {
			v := &scheduling.ValidationError{}
			v.Add("agent", "is required")
			return "", v
		}
		return p.user.AgentID, nil
	}
	if p.self(id) {
		return id, nil
	}
	a, err := s.db.FindAgentByID(c.Request().Context(), id)
	if err != nil {
		return "", err
	}
	if !p.seesAgent(a) {
		return "", hidden("agent", id)
	}
	if (write && !p.editsTeam(a.TeamID)) || (!write && !p.seesTeam(a.TeamID)) {
		return "", forbid("not your team's agent")
	}
	return id, nil
}

func (s *Server) getDocument(kind string, empty any) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := s.agentParam(c, false)
		if err != nil {
			return err
		}
		doc, err := s.db.AgentDocument(c.Request().Context(), id, kind)
		if errors.Is(err, scheduling.ErrNotFound) {
			return c.JSON(http.StatusOK, empty)
		} else if err != nil {
			return err
		}
		return c.JSONBlob(http.StatusOK, doc)
	}
}

func (s *Server) putAvailability(c echo.Context) error {
	id, err := s.agentParam(c, true)
	if err != nil {
		return err
	}
	var d availabilityDTO
	if err := bind(c, &d); err != nil {
		return err
	}
	var v scheduling.ValidationError
	if len(d.Windows) > maxWishes {
		v.Add("windows", "has %d windows, at most %d", len(d.Windows), maxWishes)
	}
	for i, w := range d.Windows {
		f := "windows[" + itoa(i) + "]"
		if !w.End.After(w.Start) {
			v.Add(f+".end", "must be after start")
		} else if w.End.Sub(w.Start) > scheduling.MaxTimeOff {
			v.Add(f+".end", "is more than %d days after start", scheduling.MaxTimeOffDays)
		}
		v.Text(f+".note", w.Note, scheduling.MaxTextLength)
	}
	if err := v.Err(); err != nil {
		return err
	}
	if d.Windows == nil {
		d.Windows = []windowDTO{}
	}
	enc, _ := json.Marshal(d)
	if err := s.db.SetAgentDocument(c.Request().Context(), id, docAvailability, enc); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

func (s *Server) putPreferences(c echo.Context) error {
	id, err := s.agentParam(c, true)
	if err != nil {
		return err
	}
	var d preferencesDTO
	if err := bind(c, &d); err != nil {
		return err
	}
	templates, err := s.agentTemplates(c, id)
	if err != nil {
		return err
	}
	var v scheduling.ValidationError
	if len(d.Items) > maxWishes {
		v.Add("items", "has %d preferences, at most %d", len(d.Items), maxWishes)
	}
	for i, p := range d.Items {
		f := "items[" + itoa(i) + "]"
		if _, err := time.Parse(time.DateOnly, p.Date); err != nil {
			v.Add(f+".date", "must be a date YYYY-MM-DD")
		}
		if p.Weight < 0 || p.Weight > roster.MaxWeight {
			v.Add(f+".weight", "must be in 0..%d (0 takes the default)", roster.MaxWeight)
		}
		if p.TemplateID != "" && !templates[p.TemplateID] {
			v.Add(f+".template_id", "%q is not a shift template of the agent's site", p.TemplateID)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if d.Items == nil {
		d.Items = []preferenceDTO{}
	}
	enc, _ := json.Marshal(d)
	// The templates are checked again where the wishes are written: one
	// removed since the check above is refused there, not stored.
	named := make([]string, len(d.Items))
	for i, p := range d.Items {
		named[i] = p.TemplateID
	}
	err = s.db.SetAgentPreferences(c.Request().Context(), id, enc, named, func(i int) string { return "items[" + itoa(i) + "].template_id" })
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}
