package scheduling

import (
	"strings"
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

// ServiceTarget is what a queue promises its customers. A phone or chat
// queue needs a ServiceLevel or an ASA goal; an e-mail queue's only goal
// is ResponseWithin.
type ServiceTarget struct {
	// ServiceLevel is the fraction in [0,1) of offered contacts to answer
	// within AnswerWithin (0 = no service-level goal). Phone and chat only;
	// below 1 because no number of agents answers every contact within a
	// time when contacts arrive at random.
	ServiceLevel float64
	AnswerWithin time.Duration
	// ASA is an optional average-speed-of-answer target (0 = none). Phone
	// and chat only.
	ASA time.Duration
	// MaxOccupancy is the highest fraction in (0,1] of time agents may be
	// busy (0 = no cap). Phone and chat only.
	MaxOccupancy float64
	// MaxAbandon is the highest fraction in [0,1] of offered contacts that
	// may abandon before an answer (0 = no cap). It needs a Patience.
	// Phone and chat only.
	MaxAbandon float64
	// ResponseWithin is the deferred-work target of an e-mail queue: every
	// e-mail is handled within this time of its arrival (or by the end of
	// the planned horizon, if that comes first). ServiceLevel does not
	// apply to e-mail.
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
	// ConcurrencyGrowth is how much each additional concurrent chat
	// lengthens every chat's handle time, as a fraction in [0,1] of AHT:
	// AHT(k) = AHT·(1 + ConcurrencyGrowth·(k − 1)). Chat only. At 1 a
	// second chat doubles both chats' handle time and concurrency gains
	// nothing, so more is refused as a typo.
	ConcurrencyGrowth float64
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

// MaxConcurrencyGrowth bounds a chat queue's ConcurrencyGrowth.
const MaxConcurrencyGrowth = 1.0

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
	live := q.Channel == Phone || q.Channel == Chat
	switch {
	case !(t.ServiceLevel >= 0 && t.ServiceLevel <= 1):
		v.Add("target.service_level", "must be a fraction in [0,1]")
	case live && t.ServiceLevel == 1:
		v.Add("target.service_level", "must be below 1: no number of agents answers every contact within a time; plan for 0.95 or 0.99")
	case live && t.ServiceLevel == 0 && t.ASA == 0:
		v.Add("target.service_level", "a %s queue needs a goal: a service level with answer_within, or an ASA", q.Channel)
	}
	if !(t.MaxAbandon >= 0 && t.MaxAbandon <= 1) {
		v.Add("target.max_abandon", "must be a fraction in [0,1]")
	} else if t.MaxAbandon > 0 && q.Patience == 0 {
		v.Add("target.max_abandon", "needs a patience: without one nobody abandons")
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
	if !(q.ConcurrencyGrowth >= 0 && q.ConcurrencyGrowth <= MaxConcurrencyGrowth) {
		v.Add("concurrency_growth", "must be a fraction in [0,%v] of the handle time", MaxConcurrencyGrowth)
	} else if q.ConcurrencyGrowth > 0 && q.Channel != Chat {
		v.Add("concurrency_growth", "applies to chat queues only")
	}
	return v.Err()
}

// Staffing is the staffing model's description of q, named q.Name, after
// checking q as Validate does (a queue stored under older rules may fail
// it). Required skills "lang:x" and "licence:x" set the skill's language
// and licence. An e-mail queue carries its ResponseWithin alone; only a
// chat queue carries Concurrency and ConcurrencyGrowth.
func (q Queue) Staffing() (staffing.Queue, error) {
	if err := q.Validate(); err != nil {
		return staffing.Queue{}, err
	}
	ch, err := staffing.ParseChannel(string(q.Channel))
	if err != nil {
		return staffing.Queue{}, err
	}
	sk := staffing.Skill{Channel: ch}
	for _, s := range q.RequiredSkills {
		if l, ok := strings.CutPrefix(s, "lang:"); ok {
			sk.Language = l
		}
		if l, ok := strings.CutPrefix(s, "licence:"); ok {
			sk.Licence = l
		}
	}
	t := q.Target
	sq := staffing.Queue{Name: q.Name, Skill: sk}
	switch ch {
	case staffing.Email:
		sq.Target = staffing.Target{ResponseWithin: t.ResponseWithin}
		return sq, nil
	case staffing.Chat:
		sq.Concurrency, sq.ConcurrencyGrowth = q.Concurrency, q.ConcurrencyGrowth
	}
	sq.Patience = q.Patience
	sq.Target = staffing.Target{ServiceLevel: t.ServiceLevel, AnswerWithin: t.AnswerWithin, ASA: t.ASA,
		MaxOccupancy: t.MaxOccupancy, MaxAbandon: t.MaxAbandon}
	return sq, nil
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
