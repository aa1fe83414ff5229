package staffing

import (
	"fmt"
	"strings"
)

// Channel is how contacts reach a queue; it selects the staffing model.
type Channel int

const (
	// Phone contacts are answered live, one at a time: Erlang C, or Erlang A
	// when the queue has a patience.
	Phone Channel = iota
	// Chat contacts are answered live, several at once per agent: the
	// concurrency model of chat.go.
	Chat
	// Email contacts (and back-office items) are deferred work with a
	// response-time deadline: the backlog plan of backlog.go.
	Email
)

var channelNames = [...]string{Phone: "phone", Chat: "chat", Email: "email"}

func (c Channel) String() string {
	if c < 0 || int(c) >= len(channelNames) {
		return fmt.Sprintf("Channel(%d)", int(c))
	}
	return channelNames[c]
}

// ParseChannel parses "phone", "chat" or "email" (case-insensitive).
func ParseChannel(s string) (Channel, error) {
	for c, name := range channelNames {
		if strings.EqualFold(s, name) {
			return Channel(c), nil
		}
	}
	return 0, invalid("Channel", "unknown channel %q (want phone, chat or email)", s)
}

// Skill is what an agent needs to take a queue's contacts: a channel, a
// language and an optional licence (product, regulation, certification).
type Skill struct {
	Channel  Channel
	Language string // e.g. "fr"; empty means any
	Licence  string // e.g. "mortgage"; empty means none needed
}

func (s Skill) String() string {
	out := s.Channel.String()
	if s.Language != "" {
		out += "/" + s.Language
	}
	if s.Licence != "" {
		out += "/" + s.Licence
	}
	return out
}

// Skills is the set of skills an agent holds.
type Skills []Skill

// Serves reports whether an agent with skills s may take contacts needing
// skill need: one of s has the same channel, speaks need's language (when
// need names one) and holds need's licence (when need names one).
func (s Skills) Serves(need Skill) bool {
	for _, have := range s {
		if have.Channel == need.Channel &&
			(need.Language == "" || strings.EqualFold(have.Language, need.Language)) &&
			(need.Licence == "" || strings.EqualFold(have.Licence, need.Licence)) {
			return true
		}
	}
	return false
}
