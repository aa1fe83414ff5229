package scheduling

import (
	"time"

	"github.com/shiftplan/shiftplan/forecast/staffing"
)

// Channel is how contacts arrive.
type Channel string

// Channels.
const (
	Phone Channel = "phone"
	Chat  Channel = "chat"
	Email Channel = "email"
)

// ServiceTarget is what a queue promises its customers.
type ServiceTarget struct {
	// ServiceLevel is the fraction in [0,1] of contacts to answer within AnswerWithin.
	ServiceLevel float64
	AnswerWithin time.Duration
	// ASA is an optional average-speed-of-answer target (0 = none).
	ASA time.Duration
	// MaxOccupancy is the highest fraction in (0,1] of time agents may be busy (0 = no cap).
	MaxOccupancy float64
	// ResponseWithin is the deferred-work target for e-mail: the fraction
	// ServiceLevel of contacts answered within this time.
	ResponseWithin time.Duration
}

// Queue is where contacts of one kind wait for an agent with the right skills.
type Queue struct {
	ID     string
	SiteID string
	Name   string
	// Channel is phone, chat or email.
	Channel Channel
	// RequiredSkills are the skill codes an agent needs to take this queue.
	RequiredSkills []string
	Target         ServiceTarget
	// AHT is the default average handle time when history has none.
	AHT time.Duration
	// Concurrency is how many chats one agent handles at once (chat only; 0 = 1).
	Concurrency int
	// Patience is customers' mean patience before abandoning (0 = not modelled).
	Patience time.Duration
}

// Upper limits of a queue's times. A handle time, a wait or a patience of
// more than a day is a typo for a contact centre's queue; an e-mail
// answered after more than a month is not a service target.
const (
	MaxWait     = 24 * time.Hour
	MaxResponse = 31 * 24 * time.Hour
)

// Validate checks the queue's fields.
func (q Queue) Validate() error {
	var v ValidationError
	if q.Name == "" {
		v.Add("name", "is required")
	}
	v.Text("name", q.Name, MaxNameLength)
	if q.SiteID == "" {
		v.Add("site_id", "is required")
	}
	switch q.Channel {
	case Phone, Chat, Email:
	default:
		v.Add("channel", "must be phone, chat or email")
	}
	t := q.Target
	if t.ServiceLevel < 0 || t.ServiceLevel > 1 {
		v.Add("target.service_level", "must be a fraction in [0,1]")
	}
	if t.AnswerWithin < 0 || t.AnswerWithin > MaxWait {
		v.Add("target.answer_within", "must be in [0, %v]", MaxWait)
	}
	if t.ASA < 0 || t.ASA > MaxWait {
		v.Add("target.asa", "must be in [0, %v]", MaxWait)
	}
	if t.MaxOccupancy < 0 || t.MaxOccupancy > 1 {
		v.Add("target.max_occupancy", "must be a fraction in [0,1]")
	}
	if q.Channel == Email && t.ResponseWithin <= 0 {
		v.Add("target.response_within", "is required for e-mail queues")
	}
	if t.ResponseWithin < 0 || t.ResponseWithin > MaxResponse {
		v.Add("target.response_within", "must be in [0, %v]", MaxResponse)
	}
	if q.AHT <= 0 || q.AHT > MaxWait {
		v.Add("aht", "must be positive and at most %v", MaxWait)
	}
	if q.Patience < 0 || q.Patience > MaxWait {
		v.Add("patience", "must be in [0, %v] (0: callers never abandon)", MaxWait)
	}
	if q.Concurrency < 0 || q.Concurrency > staffing.MaxConcurrency {
		v.Add("concurrency", "must be 0..%d", staffing.MaxConcurrency)
	}
	return v.Err()
}

// IntervalVolume is the history of one queue in one interval.
type IntervalVolume struct {
	QueueID string
	// Start is the interval's start instant (UTC).
	Start time.Time
	// Length is the interval length, e.g. 15 or 30 minutes.
	Length time.Duration
	// Offered is the number of contacts that arrived.
	Offered float64
	// Handled is the number answered (0 if unknown).
	Handled float64
	// AHT is the average handle time of the handled contacts (0 if unknown).
	AHT time.Duration
}
