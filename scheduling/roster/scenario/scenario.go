// Package scenario reads a contact-centre scenario file — site, period,
// queues with their history or requirements, shift templates, rules, pay
// rules and agents — and turns it into a roster.Input by running the
// forecast and staffing engines (docs/scenario.schema.json documents the
// format). It is what `shiftplan plan` and `shiftplan bench roster` run.
package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shiftplan/shiftplan/scheduling/pay"
)

// Scenario is one scenario file.
type Scenario struct {
	Name string `json:"name"`
	Site struct {
		Name          string `json:"name"`
		TimeZone      string `json:"time_zone"`
		HolidayRegion string `json:"holiday_region"`
	} `json:"site"`
	// PeriodStart is the first local date, "YYYY-MM-DD".
	PeriodStart string   `json:"period_start"`
	Days        int      `json:"days"`
	Interval    Duration `json:"interval"`
	// UnplannedShrinkage is the fraction of rostered agents lost to
	// unplanned absence.
	UnplannedShrinkage float64      `json:"unplanned_shrinkage"`
	Queues             []Queue      `json:"queues"`
	Templates          []Template   `json:"templates"`
	Rules              Rules        `json:"rules"`
	Pay                pay.Rules    `json:"pay"`
	Agents             []Agent      `json:"agents"`
	AgentGroups        []AgentGroup `json:"agent_groups"`
	Weights            struct {
		Cover      int64 `json:"cover"`
		Cost       int64 `json:"cost"`
		Preference int64 `json:"preference"`
		Disruption int64 `json:"disruption"`
		Fairness   int64 `json:"fairness"`
	} `json:"weights"`
}

// Queue is a queue and where its demand comes from: exactly one of
// History (a CSV file as `shiftplan forecast` reads, relative to the
// scenario file), Synthetic (history generated from a weekly shape) or
// Requirements (agents per local clock slot).
type Queue struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Channel     string   `json:"channel"`
	Skills      []string `json:"skills"`
	Target      Target   `json:"target"`
	AHT         Duration `json:"aht"`
	Concurrency int      `json:"concurrency"`
	// ConcurrencyGrowth is a chat's handle-time growth per further
	// concurrent chat, a fraction in [0,1] of AHT (chat only).
	ConcurrencyGrowth float64  `json:"concurrency_growth"`
	Patience          Duration `json:"patience"`

	History      string        `json:"history"`
	Synthetic    *Synthetic    `json:"synthetic"`
	Requirements *Requirements `json:"requirements"`
}

// Target is a queue's service goal. MaxAbandon caps the fraction in
// [0,1] of offered contacts that abandon (0 = no cap); it needs a patience.
type Target struct {
	ServiceLevel   float64  `json:"service_level"`
	AnswerWithin   Duration `json:"answer_within"`
	ASA            Duration `json:"asa"`
	MaxOccupancy   float64  `json:"max_occupancy"`
	MaxAbandon     float64  `json:"max_abandon"`
	ResponseWithin Duration `json:"response_within"`
}

// Synthetic describes a history to generate: Weeks of Poisson volumes
// before the period whose mean is Daily × Weekday[Monday…Sunday] × an
// intraday shape between Open and Close (local hours; 0 and 24 for 24/7).
type Synthetic struct {
	Weeks   int        `json:"weeks"`
	Daily   float64    `json:"daily"`
	Weekday [7]float64 `json:"weekday"`
	Open    float64    `json:"open"`
	Close   float64    `json:"close"`
	Seed    uint64     `json:"seed"`
}

// Requirements are explicit agents per local clock slot of the interval
// length (Slots has 24h/interval entries), scaled per weekday
// (Monday…Sunday; missing = 1).
type Requirements struct {
	Slots   []float64  `json:"slots"`
	Weekday [7]float64 `json:"weekday"`
}

// Template is a shift template; clock times are "HH:MM".
type Template struct {
	ID            string   `json:"id"`
	Code          string   `json:"code"`
	Name          string   `json:"name"`
	EarliestStart Clock    `json:"earliest_start"`
	LatestStart   Clock    `json:"latest_start"`
	StartStep     Duration `json:"start_step"`
	Length        Duration `json:"length"`
	Night         bool     `json:"night"`
	Breaks        []Break  `json:"breaks"`
}

// Break is a break rule of a template.
type Break struct {
	Name          string   `json:"name"`
	Length        Duration `json:"length"`
	Paid          bool     `json:"paid"`
	EarliestAfter Duration `json:"earliest_after"`
	LatestAfter   Duration `json:"latest_after"`
}

// Rules are the labour rules; omitted fields take roster.LabourRules'
// defaults, -1 switches a rule off.
type Rules struct {
	MinDailyRest          Duration `json:"min_daily_rest"`
	WeeklyRest            Duration `json:"weekly_rest"`
	MaxDailyWork          Duration `json:"max_daily_work"`
	MaxConsecutiveDays    int      `json:"max_consecutive_days"`
	MaxConsecutiveNights  int      `json:"max_consecutive_nights"`
	MaxNightsPerPeriod    int      `json:"max_nights_per_period"`
	MinWeekendsOff        int      `json:"min_weekends_off"`
	MaxAverageWeeklyHours float64  `json:"max_average_weekly_hours"`
}

// Contract is an agent's contract.
type Contract struct {
	Kind           string   `json:"kind"`
	WeeklyHours    float64  `json:"weekly_hours"`
	WeeklyMinHours float64  `json:"weekly_min_hours"`
	WeeklyMaxHours float64  `json:"weekly_max_hours"`
	PeriodMinHours float64  `json:"period_min_hours"`
	PeriodMaxHours float64  `json:"period_max_hours"`
	MaxDaysPerWeek int      `json:"max_days_per_week"`
	FixedDaysOff   []string `json:"fixed_days_off"`
}

// Agent is one agent.
type Agent struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Team     string   `json:"team"`
	Contract Contract `json:"contract"`
	Skills   []string `json:"skills"`
	Rate     float64  `json:"rate"`
	// Unavailable are recurring weekly windows and TimeOff dated absences.
	Unavailable []Recurring `json:"unavailable"`
	TimeOff     []Absence   `json:"time_off"`
	Preferences []Wish      `json:"preferences"`
	// CarryIn are the agent's shifts of the previous period.
	CarryIn []Span  `json:"carry_in"`
	Ledger  *Ledger `json:"ledger"`
}

// AgentGroup generates Count agents alike, with IDs Prefix-001 … .
type AgentGroup struct {
	Prefix   string   `json:"prefix"`
	Count    int      `json:"count"`
	Team     string   `json:"team"`
	Contract Contract `json:"contract"`
	Skills   []string `json:"skills"`
	Rate     float64  `json:"rate"`
}

// Recurring is a weekly window: on Weekday from From to To (local clock).
type Recurring struct {
	Weekday string `json:"weekday"`
	From    Clock  `json:"from"`
	To      Clock  `json:"to"`
	// Weight 0 is hard; positive is a soft penalty.
	Weight int64 `json:"weight"`
}

// Absence is time off from the local date From through To inclusive.
type Absence struct {
	From string `json:"from"`
	To   string `json:"to"`
	Kind string `json:"kind"`
}

// Wish is a preference for a date: a template or, with Off, a day off.
type Wish struct {
	Date     string `json:"date"`
	Template string `json:"template"`
	Off      bool   `json:"off"`
	Weight   int64  `json:"weight"`
}

// Span is a shift given by its RFC 3339 start and end.
type Span struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Ledger is the fairness ledger carried in.
type Ledger struct {
	Nights       int     `json:"nights"`
	WeekendDays  int     `json:"weekend_days"`
	HolidayHours float64 `json:"holiday_hours"`
}

// Decode reads a scenario, refusing unknown keys.
func Decode(r io.Reader) (*Scenario, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s Scenario
	if err := dec.Decode(&s); err != nil {
		line := func(off int64) int { return 1 + bytes.Count(b[:min(max(off, 0), int64(len(b)))], []byte("\n")) }
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("scenario: line %d: %w", line(se.Offset), err)
		case errors.As(err, &te):
			return nil, fmt.Errorf("scenario: line %d: %s: want %s, got JSON %s", line(te.Offset), te.Field, te.Type, te.Value)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fmt.Errorf("scenario: line %d: the file ends inside a value (is it cut short?)", line(int64(len(b))))
		}
		// An unknown key is named at its first use as a key. The types'
		// own checks (a duration, a clock time) name the value refused.
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			if loc := regexp.MustCompile(regexp.QuoteMeta(name) + `\s*:`).FindIndex(b); loc != nil {
				return nil, fmt.Errorf("scenario: line %d: %w", line(int64(loc[0])), err)
			}
		}
		return nil, fmt.Errorf("scenario: %w", err)
	}
	return &s, nil
}

// Duration is a Go duration string in JSON ("30m", "8h30m").
type Duration time.Duration

// UnmarshalJSON implements json.Unmarshaler.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration must be a string like \"30m\": %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON implements json.Marshaler.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// Clock is a local clock time "HH:MM" in JSON, as an offset from midnight.
type Clock time.Duration

// UnmarshalJSON implements json.Unmarshaler.
func (c *Clock) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("clock time must be a string \"HH:MM\": %w", err)
	}
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || (hh == 24 && mm != 0) {
		return fmt.Errorf("clock time %q is not HH:MM", s)
	}
	*c = Clock(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
	return nil
}

// MarshalJSON implements json.Marshaler.
func (c Clock) MarshalJSON() ([]byte, error) {
	d := time.Duration(c)
	return json.Marshal(fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60))
}
