package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
)

type targetDTO struct {
	ServiceLevel          float64 `json:"service_level"`
	AnswerWithinSeconds   float64 `json:"answer_within_seconds"`
	ASASeconds            float64 `json:"asa_seconds"`
	MaxOccupancy          float64 `json:"max_occupancy"`
	MaxAbandon            float64 `json:"max_abandon"`
	ResponseWithinSeconds float64 `json:"response_within_seconds"`
}

type queueDTO struct {
	ID             string    `json:"id"`
	SiteID         string    `json:"site_id"`
	Name           string    `json:"name"`
	Channel        string    `json:"channel"`
	RequiredSkills []string  `json:"required_skills"`
	Target         targetDTO `json:"target"`
	AHTSeconds     float64   `json:"aht_seconds"`
	Concurrency    int       `json:"concurrency"`
	// ConcurrencyGrowth is a chat's handle-time growth per further
	// concurrent chat, a fraction of aht_seconds.
	ConcurrencyGrowth float64 `json:"concurrency_growth"`
	PatienceSecs      float64 `json:"patience_seconds"`
}

// queueFields are a queue's durations as this API spells them.
var queueFields = map[string]string{
	"aht":             "aht_seconds",
	"answer_within":   "answer_within_seconds",
	"asa":             "asa_seconds",
	"response_within": "response_within_seconds",
	"patience":        "patience_seconds",
}

func toQueueDTO(q scheduling.Queue) queueDTO {
	d := queueDTO{ID: q.ID, SiteID: q.SiteID, Name: q.Name, Channel: string(q.Channel), RequiredSkills: q.RequiredSkills,
		Target: targetDTO{ServiceLevel: q.Target.ServiceLevel, AnswerWithinSeconds: q.Target.AnswerWithin.Seconds(),
			ASASeconds: q.Target.ASA.Seconds(), MaxOccupancy: q.Target.MaxOccupancy, MaxAbandon: q.Target.MaxAbandon,
			ResponseWithinSeconds: q.Target.ResponseWithin.Seconds()},
		AHTSeconds: q.AHT.Seconds(), Concurrency: q.Concurrency, ConcurrencyGrowth: q.ConcurrencyGrowth, PatienceSecs: q.Patience.Seconds()}
	if d.RequiredSkills == nil {
		d.RequiredSkills = []string{}
	}
	return d
}

func (d queueDTO) domain() scheduling.Queue {
	return scheduling.Queue{SiteID: d.SiteID, Name: d.Name, Channel: scheduling.Channel(d.Channel), RequiredSkills: d.RequiredSkills,
		Target: scheduling.ServiceTarget{ServiceLevel: d.Target.ServiceLevel, AnswerWithin: seconds(d.Target.AnswerWithinSeconds),
			ASA: seconds(d.Target.ASASeconds), MaxOccupancy: d.Target.MaxOccupancy, MaxAbandon: d.Target.MaxAbandon,
			ResponseWithin: seconds(d.Target.ResponseWithinSeconds)},
		AHT: seconds(d.AHTSeconds), Concurrency: d.Concurrency, ConcurrencyGrowth: d.ConcurrencyGrowth, Patience: seconds(d.PatienceSecs)}
}

// liveOnly refuses, for an e-mail queue, the fields only phone and chat
// queues use: e-mails wait in the backlog until they are handled, within
// response_within_seconds, so customers' patience and a cap on
// abandonment would be stored and never used.
func (d queueDTO) liveOnly() error {
	if d.Channel != string(scheduling.Email) {
		return nil
	}
	var v scheduling.ValidationError
	if d.PatienceSecs != 0 {
		v.Add("patience_seconds", "applies to phone and chat queues only: e-mails wait until handled, within response_within_seconds; send 0")
	}
	if d.Target.MaxAbandon != 0 {
		v.Add("target.max_abandon", "applies to phone and chat queues only: e-mails are not abandoned; send 0")
	}
	return v.Err()
}

func (s *Server) listQueues(c echo.Context) error {
	qs, err := s.db.FindQueues(c.Request().Context(), c.QueryParam("site"))
	if err != nil {
		return err
	}
	out := make([]queueDTO, len(qs))
	for i, q := range qs {
		out[i] = toQueueDTO(q)
	}
	return page(c, out)
}

func (s *Server) getQueue(c echo.Context) error {
	q, err := s.db.FindQueueByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toQueueDTO(q))
}

// createQueue adds a queue to a site (admin).
func (s *Server) createQueue(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	var d queueDTO
	if err := bind(c, &d); err != nil {
		return err
	}
	if err := d.liveOnly(); err != nil {
		return err
	}
	// The store refuses a site_id no site has (422 on site_id), also one
	// removed while the queue is being added.
	q := d.domain()
	if err := s.db.CreateQueue(c.Request().Context(), &q); err != nil {
		return apiFields(err, queueFields)
	}
	return c.JSON(http.StatusCreated, toQueueDTO(q))
}

// queueSite loads a queue and the zone of its site.
func (s *Server) queueSite(c echo.Context, id string) (scheduling.Queue, scheduling.Site, *time.Location, error) {
	q, err := s.db.FindQueueByID(c.Request().Context(), id)
	if err != nil {
		return q, scheduling.Site{}, nil, err
	}
	site, err := s.db.FindSiteByID(c.Request().Context(), q.SiteID)
	if err != nil {
		return q, site, nil, err
	}
	loc, err := site.Location()
	return q, site, loc, err
}

// putQueue replaces a queue's name, channel, skills, target, handle time,
// concurrency, concurrency growth and patience (admin); its site stays.
// Forecasts and rosters made later use the new values.
func (s *Server) putQueue(c echo.Context) error {
	if _, err := requireRole(c, scheduling.RoleAdmin); err != nil {
		return err
	}
	var d queueDTO
	if err := bind(c, &d); err != nil {
		return err
	}
	cur, err := s.db.FindQueueByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if d.SiteID != "" && d.SiteID != cur.SiteID {
		return scheduling.Invalid("site_id", "a queue stays at its site; add a queue at the other one")
	}
	if err := d.liveOnly(); err != nil {
		return err
	}
	q := d.domain()
	q.ID, q.SiteID = cur.ID, cur.SiteID
	if err := s.db.UpdateQueue(c.Request().Context(), q); err != nil {
		return apiFields(err, queueFields)
	}
	return c.JSON(http.StatusOK, toQueueDTO(q))
}
