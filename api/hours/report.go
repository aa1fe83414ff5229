// Package hours builds HR's paid-hours report from pay summaries and
// writes it as CSV, XLSX or JSON: one row per agent and one per shift,
// with local times in the site's zone, which the report names.
package hours

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
)

// Agent identifies one agent in the report.
type Agent struct {
	ID         string
	EmployeeNo string // payroll number
	Name       string
	Team       string
}

// Input is one agent's priced shifts, as returned by pay.Summarize. The
// summary may hold shifts outside the period (whole weeks are needed for
// weekly overtime); only shifts starting in the period are reported.
type Input struct {
	Agent   Agent
	Summary pay.Summary
}

// Report is the paid-hours report of one period.
type Report struct {
	// From and To bound the period [From, To); a shift belongs to the
	// period its start lies in.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// TimeZone is the IANA zone all local times and dates are given in.
	TimeZone string     `json:"time_zone"`
	Rows     []AgentRow `json:"agents"`
	Details  []ShiftRow `json:"shifts"`
}

// Figures are the hour and money columns shared by agent and shift rows.
// Hours overlap by category as in pay.Hours: Regular plus the hours in at
// least one category make Paid.
type Figures struct {
	PaidHours       Centi `json:"paid_hours"`
	RegularHours    Centi `json:"regular_hours"`
	NightHours      Centi `json:"night_hours"`
	SaturdayHours   Centi `json:"saturday_hours"`
	SundayHours     Centi `json:"sunday_hours"`
	HolidayHours    Centi `json:"holiday_hours"`
	OvertimeHours   Centi `json:"overtime_hours"`
	BasePay         Centi `json:"base_pay"`
	NightPremium    Centi `json:"night_premium"`
	SaturdayPremium Centi `json:"saturday_premium"`
	SundayPremium   Centi `json:"sunday_premium"`
	HolidayPremium  Centi `json:"holiday_premium"`
	OvertimePremium Centi `json:"overtime_premium"`
	// EstimatedGross is BasePay plus the five premiums, in every row.
	EstimatedGross Centi `json:"estimated_gross"`
	// NonRegularHours is the paid time in at least one category (night,
	// Saturday, Sunday, holiday or overtime), each hour counted once:
	// RegularHours plus NonRegularHours is PaidHours in every row, shown
	// figures included.
	NonRegularHours Centi `json:"non_regular_hours"`
}

// AgentRow is one agent's totals: each figure is the sum of the agent's
// ShiftRows.
type AgentRow struct {
	AgentID    string `json:"agent_id"`
	EmployeeNo string `json:"employee_no"`
	Name       string `json:"name"`
	Team       string `json:"team"`
	// ContractHours and HourlyRate are the contract's on the period's
	// last day; a shift row gives the rate it is paid at.
	ContractHours float64 `json:"contract_hours_per_week"`
	HourlyRate    float64 `json:"hourly_rate"`
	Shifts        int     `json:"shifts"`
	Figures
	// ShiftHours is the sum of the agent's shift rows' ShiftHours.
	ShiftHours Centi `json:"shift_hours"`
}

// ShiftRow is one shift.
type ShiftRow struct {
	AgentID    string    `json:"agent_id"`
	EmployeeNo string    `json:"employee_no"`
	Name       string    `json:"name"`
	Team       string    `json:"team"`
	ShiftID    string    `json:"shift_id"`
	Start      time.Time `json:"start"` // in the report's zone
	End        time.Time `json:"end"`
	Figures
	// ShiftHours is the real time from Start to End, breaks included, to
	// 0.01 h: 9.00 for a 22:00–06:00 night on which the clocks go back,
	// whose local Start and End are 8 h apart on the clock.
	ShiftHours Centi `json:"shift_hours"`
	// HourlyRate is the rate the shift is paid at: its agent's contract's
	// on the local date it starts.
	HourlyRate float64 `json:"hourly_rate"`
}

// Build makes the report for [from, to) in loc from the agents' summaries.
// Malformed input gives a *scheduling.ValidationError naming the fields.
// Agents are ordered by team, name and id, shifts by agent and start, so
// the same input always gives the same report.
//
// Rounding. Figures are shown to 0.01 h and 0.01 currency units, and each
// agent's total of a column is the sum of the agent's shift rows. For
// money, each total is the exact total rounded, and the shift rows are
// rounded so that they add up to it (apportion), each within 0.01 of the
// exact figure; estimated gross is the sum of the shown base pay and
// premiums. Hours are rounded together (roundHours): paid hours total the
// exact total rounded; paid, regular and non-regular hours are within
// 0.01 h of the exact ones in every row and total, and regular plus
// non-regular hours is the paid hours; a category's hours never exceed
// the non-regular hours and are within 0.01 h for each distinct set of
// categories their time falls in.
func Build(from, to time.Time, loc *time.Location, in []Input) (Report, error) {
	var v scheduling.ValidationError
	if loc == nil {
		v.Add("loc", "missing time zone")
	}
	if from.IsZero() || !to.After(from) {
		v.Add("to", "period end %v is not after start %v", to, from)
	}
	seen := map[string]bool{}
	for i, a := range in {
		if a.Agent.ID == "" || seen[a.Agent.ID] {
			v.Add(fmt.Sprintf("agents[%d].id", i), "%q is empty or repeated", a.Agent.ID)
		}
		seen[a.Agent.ID] = true
	}
	if err := v.Err(); err != nil {
		return Report{}, err
	}
	agents := slices.Clone(in)
	slices.SortStableFunc(agents, func(a, b Input) int {
		if c := strings.Compare(a.Agent.Team, b.Agent.Team); c != 0 {
			return c
		}
		if c := strings.Compare(a.Agent.Name, b.Agent.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Agent.ID, b.Agent.ID)
	})
	r := Report{From: from.In(loc), To: to.In(loc), TimeZone: loc.String(), Rows: []AgentRow{}, Details: []ShiftRow{}}
	for _, a := range agents {
		var shifts []pay.ShiftPay
		for _, s := range a.Summary.Shifts {
			if !s.Start.Before(from) && s.Start.Before(to) {
				shifts = append(shifts, s)
			}
		}
		details := figures(shifts)
		row := AgentRow{AgentID: a.Agent.ID, EmployeeNo: a.Agent.EmployeeNo, Name: a.Agent.Name, Team: a.Agent.Team,
			ContractHours: a.Summary.Contract.WeeklyHours, HourlyRate: a.Summary.Contract.HourlyRate, Shifts: len(shifts)}
		for i, s := range shifts {
			row.Figures.add(details[i])
			row.ShiftHours += centiHours(s.End.Sub(s.Start))
			r.Details = append(r.Details, ShiftRow{AgentID: a.Agent.ID, EmployeeNo: a.Agent.EmployeeNo, Name: a.Agent.Name,
				Team: a.Agent.Team, ShiftID: s.ID, Start: s.Start.In(loc), End: s.End.In(loc), Figures: details[i],
				ShiftHours: centiHours(s.End.Sub(s.Start)), HourlyRate: s.HourlyRate})
		}
		r.Rows = append(r.Rows, row)
	}
	return r, nil
}

// figures rounds the shifts' exact pay: hours together (roundHours),
// money column by column (apportion).
func figures(shifts []pay.ShiftPay) []Figures {
	out := make([]Figures, len(shifts))
	roundHours(shifts, out)
	for _, col := range columns {
		if !col.money {
			continue
		}
		exact := make([]float64, len(shifts))
		for i, s := range shifts {
			exact[i] = col.exact(s.Pay)
		}
		for i, v := range apportion(exact) {
			*col.field(&out[i]) = v
		}
	}
	for i := range out {
		f := &out[i]
		f.EstimatedGross = f.BasePay + f.NightPremium + f.SaturdayPremium + f.SundayPremium + f.HolidayPremium + f.OvertimePremium
	}
	return out
}

func (f *Figures) add(o Figures) {
	for _, col := range columns {
		*col.field(f) += *col.field(&o)
	}
	f.EstimatedGross += o.EstimatedGross
	f.NonRegularHours += o.NonRegularHours
}

// column ties one rounded figure to its exact value in pay.Pay and to its
// header in CSV and XLSX.
type column struct {
	header string
	money  bool
	exact  func(pay.Pay) float64
	field  func(*Figures) *Centi
}

func hoursOf(d time.Duration) float64 { return d.Hours() }

// columns lists the figures in output order, estimated gross excepted
// (it is derived, see Figures).
var columns = []column{
	{"Paid hours", false, func(p pay.Pay) float64 { return hoursOf(p.Paid) }, func(f *Figures) *Centi { return &f.PaidHours }},
	{"Regular hours", false, func(p pay.Pay) float64 { return hoursOf(p.Regular) }, func(f *Figures) *Centi { return &f.RegularHours }},
	{"Night hours", false, func(p pay.Pay) float64 { return hoursOf(p.Category[pay.Night]) }, func(f *Figures) *Centi { return &f.NightHours }},
	{"Saturday hours", false, func(p pay.Pay) float64 { return hoursOf(p.Category[pay.Saturday]) }, func(f *Figures) *Centi { return &f.SaturdayHours }},
	{"Sunday hours", false, func(p pay.Pay) float64 { return hoursOf(p.Category[pay.Sunday]) }, func(f *Figures) *Centi { return &f.SundayHours }},
	{"Holiday hours", false, func(p pay.Pay) float64 { return hoursOf(p.Category[pay.Holiday]) }, func(f *Figures) *Centi { return &f.HolidayHours }},
	{"Overtime hours", false, func(p pay.Pay) float64 { return hoursOf(p.Category[pay.Overtime]) }, func(f *Figures) *Centi { return &f.OvertimeHours }},
	{"Base pay", true, func(p pay.Pay) float64 { return p.Base }, func(f *Figures) *Centi { return &f.BasePay }},
	{"Night premium", true, func(p pay.Pay) float64 { return p.Premium[pay.Night] }, func(f *Figures) *Centi { return &f.NightPremium }},
	{"Saturday premium", true, func(p pay.Pay) float64 { return p.Premium[pay.Saturday] }, func(f *Figures) *Centi { return &f.SaturdayPremium }},
	{"Sunday premium", true, func(p pay.Pay) float64 { return p.Premium[pay.Sunday] }, func(f *Figures) *Centi { return &f.SundayPremium }},
	{"Holiday premium", true, func(p pay.Pay) float64 { return p.Premium[pay.Holiday] }, func(f *Figures) *Centi { return &f.HolidayPremium }},
	{"Overtime premium", true, func(p pay.Pay) float64 { return p.Premium[pay.Overtime] }, func(f *Figures) *Centi { return &f.OvertimePremium }},
}

// figureHeaders and figureValues give all figure columns, estimated gross
// last, in output order.
func figureHeaders() []string {
	h := make([]string, 0, len(columns)+1)
	for _, c := range columns {
		h = append(h, c.header)
	}
	return append(h, "Estimated gross")
}

func figureValues(f Figures) []Centi {
	v := make([]Centi, 0, len(columns)+1)
	for _, c := range columns {
		v = append(v, *c.field(&f))
	}
	return append(v, f.EstimatedGross)
}

// lastDay is the local date of the period's last day, for "to" shown
// inclusively.
func (r Report) lastDay() string {
	return r.To.Add(-time.Nanosecond).In(r.To.Location()).Format(time.DateOnly)
}
