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

// ContractsOf are the agent's contracts over time as pay needs them:
// past ones (store.DB.FindPastContracts, in order), the current one, and
// the changes that have not started (store.DB.FindScheduledContracts, in
// order), the last of which holds from its day on.
func ContractsOf(a scheduling.Agent, past []scheduling.PastContract, scheduled []scheduling.ScheduledContract) pay.Contracts {
	cs := pay.Contracts{Current: ContractOf(a)}
	for _, p := range past {
		cs.Past = append(cs.Past, pay.PastContract{Contract: pay.Contract{WeeklyHours: p.Contract.WeeklyHours, HourlyRate: p.HourlyRate},
			Until: pay.DateOf(p.Until)})
	}
	for _, s := range scheduled {
		cs.Past = append(cs.Past, pay.PastContract{Contract: cs.Current, Until: pay.DateOf(s.From)})
		cs.Current = pay.Contract{WeeklyHours: s.Contract.WeeklyHours, HourlyRate: s.HourlyRate}
	}
	return cs
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
