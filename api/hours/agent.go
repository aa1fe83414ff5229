package hours

import (
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
)

// AgentOf names an agent in the report; team is the team's name.
func AgentOf(a scheduling.Agent, team string) Agent {
	return Agent{ID: a.ID, EmployeeNo: a.EmployeeNo, Name: a.Name(), Team: team}
}

// ContractOf is the agent's contract as pay needs it.
func ContractOf(a scheduling.Agent) pay.Contract {
	return pay.Contract{WeeklyHours: a.Contract.WeeklyHours, HourlyRate: a.HourlyRate}
}

// PayShifts converts the shifts that are paid — all but cancelled ones —
// for pay.Summarize. Pass only shifts of published rosters.
func PayShifts(shifts []scheduling.Shift) []pay.Shift {
	out := make([]pay.Shift, 0, len(shifts))
	for _, s := range shifts {
		if s.Status == scheduling.ShiftCancelled {
			continue
		}
		p := pay.Shift{ID: s.ID, Start: s.Start, End: s.End}
		for _, b := range s.Breaks {
			p.Breaks = append(p.Breaks, pay.Break{Start: b.Start, End: b.End, Paid: b.Paid})
		}
		out = append(out, p)
	}
	return out
}
