package hours

import (
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
)

// AgentOf names an agent in the report; team is the team's name.
func AgentOf(a scheduling.Agent, team string) Agent {
	return Agent{ID: a.ID, EmployeeNo: a.EmployeeNo, Name: a.Name(), Team: team}
}

// ContractsOf are the agent's contracts over time as pay needs them:
// past ones (store.DB.FindPastContracts, in order), the current one, and
// the changes that have not started (store.DB.FindScheduledContracts, in
// order), the last of which holds from its day on.
func ContractsOf(a scheduling.Agent, past []scheduling.PastContract, scheduled []scheduling.ScheduledContract) pay.Contracts {
	var cs pay.Contracts
	spells := scheduling.ContractSpells(a, past, scheduled)
	for i, s := range spells {
		c := pay.Contract{WeeklyHours: s.Contract.WeeklyHours, HourlyRate: s.HourlyRate}
		if i == len(spells)-1 {
			cs.Current = c
		} else {
			cs.Past = append(cs.Past, pay.PastContract{Contract: c, Until: pay.DateOf(s.Until)})
		}
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
