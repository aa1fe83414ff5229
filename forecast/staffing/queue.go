package staffing

import (
	"math"
	"time"
)

// Queue is a stream of contacts with one skill requirement and one service
// goal: the unit requirements are computed for.
type Queue struct {
	// Name identifies the queue in explanations and errors.
	Name string
	// Skill is the skill an agent needs; Skill.Channel picks the model.
	Skill Skill
	// Target is the service goal.
	Target Target
	// Patience is the callers' mean patience before abandoning (exponential).
	// Zero means infinitely patient: Erlang C. Positive: Erlang A.
	Patience time.Duration
	// Concurrency is the number of chats an agent handles at once (chat
	// only); zero means 1, at most MaxConcurrency.
	Concurrency int
	// ConcurrencyGrowth is how much each additional concurrent chat lengthens
	// every chat's handle time, as a fraction of the single-chat AHT:
	// AHT(k) = AHT·(1 + ConcurrencyGrowth·(k − 1)). Chat only; ≥ 0.
	ConcurrencyGrowth float64
}

// Validate reports the first field of q that is out of range.
func (q Queue) Validate() error {
	if err := q.Target.Validate(); err != nil {
		return err
	}
	switch {
	case q.Skill.Channel < Phone || q.Skill.Channel > Email:
		return invalid("Skill.Channel", "unknown channel %d", int(q.Skill.Channel))
	case q.Patience < 0:
		return invalid("Patience", "must not be negative, got %v", q.Patience)
	case q.Concurrency < 0 || q.Concurrency > MaxConcurrency:
		return invalid("Concurrency", "must be 0…%d chats at once, got %d", MaxConcurrency, q.Concurrency)
	case q.Concurrency > 1 && q.Skill.Channel != Chat:
		return invalid("Concurrency", "only chat queues handle contacts concurrently")
	case q.ConcurrencyGrowth < 0 || math.IsNaN(q.ConcurrencyGrowth) || math.IsInf(q.ConcurrencyGrowth, 0):
		return invalid("ConcurrencyGrowth", "must be a finite number ≥ 0, got %v", q.ConcurrencyGrowth)
	case q.Target.MaxAbandon > 0 && q.Patience == 0:
		return invalid("Target.MaxAbandon", "needs a Patience (Erlang A): without one nobody abandons")
	case q.Skill.Channel == Email && q.Target.ResponseWithin <= 0:
		return invalid("Target.ResponseWithin", "an e-mail queue needs a positive response-time target")
	case q.Skill.Channel != Email && !q.Target.live():
		// Without a goal any number of agents that keeps the queue from
		// growing meets it: under Erlang A a single agent, however many
		// contacts abandon.
		return invalid("Target.ServiceLevel", "a %s queue needs a goal: a service level with AnswerWithin, an ASA, a MaxAbandon or a MaxOccupancy below 1", q.Skill.Channel)
	}
	return nil
}

// MaxConcurrency is the most chats one agent is planned to handle at once.
// Chat centres plan a handful; a typo such as 1000 would staff a whole
// centre with one agent.
const MaxConcurrency = 10

func (q Queue) concurrency() int {
	if q.Concurrency < 1 {
		return 1
	}
	return q.Concurrency
}
