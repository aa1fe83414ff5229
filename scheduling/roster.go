package scheduling

import "time"

// RosterStatus is a roster's stage in its life cycle.
type RosterStatus string

// Roster statuses.
const (
	Draft     RosterStatus = "draft"
	Published RosterStatus = "published"
)

// Roster is one team's shifts for a period of whole local days
// [PeriodStart, PeriodEnd).
type Roster struct {
	ID     string
	TeamID string
	// PeriodStart and PeriodEnd are civil dates (00:00 UTC) of the first day
	// and the day after the last.
	PeriodStart time.Time
	PeriodEnd   time.Time
	Status      RosterStatus
	// Version increases with every change (optimistic locking).
	Version     int
	PublishedAt *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// MaxTimeOffDays is the longest one time-off request may be: a year, leap
// day included. It bounds what approving one request touches.
const MaxTimeOffDays = 366

// MaxTimeOff is MaxTimeOffDays as a duration.
const MaxTimeOff = MaxTimeOffDays * 24 * time.Hour

// MaxRosterDays is the longest period one roster covers (a quarter).
const MaxRosterDays = 92

// Days returns the number of days in the roster's period.
func (r Roster) Days() int { return int(r.PeriodEnd.Sub(r.PeriodStart).Hours()/24 + 0.5) }

// Validate checks the roster's fields.
func (r Roster) Validate() error {
	var v ValidationError
	if r.TeamID == "" {
		v.Add("team_id", "is required")
	}
	if !r.PeriodEnd.After(r.PeriodStart) {
		v.Add("period_end", "must be after period_start")
	} else if r.Days() > MaxRosterDays {
		v.Add("period_end", "a roster period may span at most %d days", MaxRosterDays)
	}
	return v.Err()
}

// TimeOffStatus is the state of a time-off request.
type TimeOffStatus string

// Time-off statuses.
const (
	TimeOffRequested TimeOffStatus = "requested"
	TimeOffApproved  TimeOffStatus = "approved"
	TimeOffDeclined  TimeOffStatus = "declined"
	// TimeOffWithdrawn is a request its agent (or their lead) took back
	// before it was decided.
	TimeOffWithdrawn TimeOffStatus = "withdrawn"
)

// TimeOff is an absence from Start to End (UTC instants).
type TimeOff struct {
	ID      string
	AgentID string
	Start   time.Time
	End     time.Time
	// Kind is vacation, sick, training or other.
	Kind   string
	Reason string
	Status TimeOffStatus
	// DecidedBy is the user who approved or declined it.
	DecidedBy string
	// UpdatedAt is when it was last stored: asked for, decided or
	// withdrawn (set by the store).
	UpdatedAt time.Time
}

// Validate checks the request's fields.
func (t TimeOff) Validate() error {
	var v ValidationError
	if t.AgentID == "" {
		v.Add("agent_id", "is required")
	}
	if !t.End.After(t.Start) {
		v.Add("end", "must be after start")
	} else if t.End.Sub(t.Start) > MaxTimeOff {
		v.Add("end", "is %.1f days after start, more than %d; file a longer absence as several requests",
			t.End.Sub(t.Start).Hours()/24, MaxTimeOffDays)
	}
	v.Text("reason", t.Reason, MaxTextLength)
	switch t.Kind {
	case "vacation", "sick", "training", "other":
	default:
		v.Add("kind", "must be vacation, sick, training or other")
	}
	return v.Err()
}
