package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// contractDTO is an agent's contract. The period hours bound the paid
// hours over a whole roster period (0 = none); they are always sent in
// responses, and a request that leaves them out keeps the agent's values.
type contractDTO struct {
	Kind           string   `json:"kind"`
	WeeklyHours    float64  `json:"weekly_hours"`
	WeeklyMinHours float64  `json:"weekly_min_hours"`
	WeeklyMaxHours float64  `json:"weekly_max_hours"`
	PeriodMinHours *float64 `json:"period_min_hours,omitempty"`
	PeriodMaxHours *float64 `json:"period_max_hours,omitempty"`
	MaxDaysPerWeek int      `json:"max_days_per_week"`
	FixedDaysOff   []string `json:"fixed_days_off"`
	// VacationDays are the paid vacation days a year, in working days
	// (0: not kept); sent in responses, kept when a request leaves it out.
	VacationDays *float64 `json:"vacation_days,omitempty"`
}

type agentDTO struct {
	ID         string      `json:"id"`
	TeamID     string      `json:"team_id"`
	EmployeeNo string      `json:"employee_no"`
	FirstName  string      `json:"first_name"`
	LastName   string      `json:"last_name"`
	Name       string      `json:"name"`
	Email      string      `json:"email"`
	Contract   contractDTO `json:"contract"`
	HourlyRate float64     `json:"hourly_rate"`
	Skills     []string    `json:"skills"`
	HireDate   string      `json:"hire_date,omitempty"`
	// LeaveDate is the last working day: no roster starts a shift of the
	// agent after it (a night that begins on it may end the next morning).
	LeaveDate string `json:"leave_date,omitempty"`
	// ContractChange is the day the next contract change entered ahead
	// starts (GET /agents/{id}/contracts lists it); absent if none.
	ContractChange string `json:"contract_change,omitempty"`
}

// withContractChanges sets the ContractChange of each of ds.
func (s *Server) withContractChanges(ctx context.Context, ds []agentDTO) error {
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	sched, err := s.db.FindScheduledContracts(ctx, ids, time.Time{})
	if err != nil {
		return err
	}
	for i, d := range ds {
		if cs := sched[d.ID]; len(cs) > 0 {
			ds[i].ContractChange = cs[0].From.Format(time.DateOnly)
		}
	}
	return nil
}

func toAgentDTO(a scheduling.Agent) agentDTO {
	d := agentDTO{ID: a.ID, TeamID: a.TeamID, EmployeeNo: a.EmployeeNo, FirstName: a.FirstName, LastName: a.LastName, Name: a.Name(),
		Email: a.Email, HourlyRate: a.HourlyRate, Skills: a.Skills, Contract: toContractDTO(a.Contract)}
	if !a.HireDate.IsZero() {
		d.HireDate = a.HireDate.Format(time.DateOnly)
	}
	if !a.LeaveDate.IsZero() {
		d.LeaveDate = a.LeaveDate.Format(time.DateOnly)
	}
	if d.Skills == nil {
		d.Skills = []string{}
	}
	return d
}

func toContractDTO(c scheduling.Contract) contractDTO {
	d := contractDTO{Kind: string(c.Kind), WeeklyHours: c.WeeklyHours, WeeklyMinHours: c.WeeklyMinHours, WeeklyMaxHours: c.WeeklyMaxHours,
		PeriodMinHours: &c.PeriodMinHours, PeriodMaxHours: &c.PeriodMaxHours, MaxDaysPerWeek: c.MaxDaysPerWeek, FixedDaysOff: []string{},
		VacationDays: &c.VacationDays}
	for _, w := range c.FixedDaysOff {
		d.FixedDaysOff = append(d.FixedDaysOff, w.String())
	}
	return d
}

// contractSpellDTO is a contract and hourly rate with the days they hold:
// from From (absent: from the start) until the day before Until (absent:
// from then on). Scheduled marks a change that has not started (DELETE
// /agents/{id}/contracts/{from} cancels it).
type contractSpellDTO struct {
	From       string      `json:"from,omitempty"`
	Until      string      `json:"until,omitempty"`
	Contract   contractDTO `json:"contract"`
	HourlyRate float64     `json:"hourly_rate"`
	Scheduled  bool        `json:"scheduled"`
}

// agentContracts lists an agent's contracts, oldest first: the past
// ones, the current one, then the changes that have not started; those
// pay and rosters use for each day (see contract_from on PATCH).
func (s *Server) agentContracts(c echo.Context) error {
	a, err := s.visibleAgent(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if n, err := applyDueContracts(ctx, s.db, s.now(), []string{a.ID}); err != nil {
		return err
	} else if n > 0 {
		if a, err = s.db.FindAgentByID(ctx, a.ID); err != nil {
			return err
		}
	}
	past, err := s.db.FindPastContracts(ctx, []string{a.ID})
	if err != nil {
		return err
	}
	sched, err := s.db.FindScheduledContracts(ctx, []string{a.ID}, time.Time{})
	if err != nil {
		return err
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	var out []contractSpellDTO
	for _, s := range scheduling.ContractSpells(a, past[a.ID], sched[a.ID]) {
		out = append(out, contractSpellDTO{From: day(s.From), Until: day(s.Until), Contract: toContractDTO(s.Contract), HourlyRate: s.HourlyRate,
			Scheduled: s.Scheduled})
	}
	return page(c, out)
}

// agentInput is the body of POST /agents and PATCH /agents/{id}; absent
// (null) fields keep their value on PATCH.
type agentInput struct {
	TeamID     *string      `json:"team_id"`
	EmployeeNo *string      `json:"employee_no"`
	FirstName  *string      `json:"first_name"`
	LastName   *string      `json:"last_name"`
	Email      *string      `json:"email"`
	Contract   *contractDTO `json:"contract"`
	HourlyRate *float64     `json:"hourly_rate"`
	Skills     []string     `json:"skills"`
	// HireDate and LeaveDate "" clear them (the agent stays).
	HireDate  *string `json:"hire_date"`
	LeaveDate *string `json:"leave_date"`
	// ContractFrom (PATCH only) is the first day, YYYY-MM-DD in the site's
	// zone, on which a changed contract or hourly_rate holds; the days
	// before keep the stored ones for pay (GET /agents/{id}/contracts).
	// A day after today keeps the change until that day (changed fields
	// apply to the contract as it will be then). Absent: today. "": a
	// correction that holds for every day.
	ContractFrom *string `json:"contract_from"`
}

func (in agentInput) apply(a *scheduling.Agent) error {
	var v scheduling.ValidationError
	setIf(&a.TeamID, in.TeamID)
	if in.EmployeeNo != nil {
		// Trimmed, as the import reads the number it matches agents by.
		a.EmployeeNo = strings.TrimSpace(*in.EmployeeNo)
	}
	setIf(&a.FirstName, in.FirstName)
	setIf(&a.LastName, in.LastName)
	setIf(&a.Email, in.Email)
	setIf(&a.HourlyRate, in.HourlyRate)
	if in.Skills != nil {
		a.Skills = in.Skills
	}
	if in.Contract != nil {
		c := in.Contract
		old := a.Contract
		a.Contract = scheduling.Contract{Kind: scheduling.ContractKind(c.Kind), WeeklyHours: c.WeeklyHours, WeeklyMinHours: c.WeeklyMinHours,
			WeeklyMaxHours: c.WeeklyMaxHours, PeriodMinHours: old.PeriodMinHours, PeriodMaxHours: old.PeriodMaxHours, MaxDaysPerWeek: c.MaxDaysPerWeek,
			VacationDays: old.VacationDays}
		if c.PeriodMinHours != nil {
			a.Contract.PeriodMinHours = *c.PeriodMinHours
		}
		if c.PeriodMaxHours != nil {
			a.Contract.PeriodMaxHours = *c.PeriodMaxHours
		}
		if c.VacationDays != nil {
			a.Contract.VacationDays = *c.VacationDays
		}
		for _, d := range c.FixedDaysOff {
			w, ok := weekdays[d]
			if !ok {
				v.Add("contract.fixed_days_off", "%q is not a weekday (Monday … Sunday)", d)
			}
			a.Contract.FixedDaysOff = append(a.Contract.FixedDaysOff, w)
		}
	}
	setDate(&v, "hire_date", &a.HireDate, in.HireDate)
	setDate(&v, "leave_date", &a.LeaveDate, in.LeaveDate)
	return v.Err()
}

// setDate sets *dst from an optional YYYY-MM-DD field: absent keeps it,
// "" clears it (not set).
func setDate(v *scheduling.ValidationError, name string, dst *time.Time, src *string) {
	if src == nil {
		return
	}
	*dst = time.Time{}
	if *src == "" {
		return
	}
	d, err := time.Parse(time.DateOnly, *src)
	if err != nil {
		v.Add(name, "must be a date YYYY-MM-DD, or empty")
		return
	}
	*dst = d
}

var weekdays = map[string]time.Weekday{"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday,
	"Wednesday": time.Wednesday, "Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday}

// listAgents lists the agents of the teams the caller sees in full
// (?team= narrows). Agents may not list colleagues: their team's roster
// shows names and times.
func (s *Server) listAgents(c echo.Context) error {
	p := principalOf(c)
	if p.is(scheduling.RoleAgent) {
		return forbid("agents cannot list agents")
	}
	team := c.QueryParam("team")
	if team != "" && !p.seesTeam(team) {
		return forbid("not your team")
	}
	agents, err := s.db.FindAgents(c.Request().Context(), store.AgentFilter{TeamID: team, Skill: c.QueryParam("skill")})
	if err != nil {
		return err
	}
	out := []agentDTO{}
	for _, a := range agents {
		if p.seesTeam(a.TeamID) {
			out = append(out, toAgentDTO(a))
		}
	}
	if err := s.withContractChanges(c.Request().Context(), out); err != nil {
		return err
	}
	return page(c, out)
}

func (s *Server) getAgent(c echo.Context) error {
	a, err := s.visibleAgent(c)
	if err != nil {
		return err
	}
	out := []agentDTO{toAgentDTO(a)}
	if err := s.withContractChanges(c.Request().Context(), out); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out[0])
}

// visibleAgent loads the agent of the path's id for a caller who may see
// them: their team's leads, admins and HR, and the agent.
func (s *Server) visibleAgent(c echo.Context) (scheduling.Agent, error) {
	p := principalOf(c)
	a, err := s.db.FindAgentByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return a, err
	}
	if !p.seesAgent(a) {
		return a, hidden("agent", c.Param("id"))
	}
	if !p.seesTeam(a.TeamID) && !p.self(a.ID) {
		return a, forbid("not your team's agent")
	}
	return a, nil
}

func (s *Server) createAgent(c echo.Context) error {
	p := principalOf(c)
	var in agentInput
	if err := bind(c, &in); err != nil {
		return err
	}
	var a scheduling.Agent
	if err := in.apply(&a); err != nil {
		return err
	}
	if !p.editsTeam(a.TeamID) {
		return forbid("you may not add agents to this team")
	}
	// The store refuses a team_id no team has (422 on team_id), also
	// one removed while the agent is being added.
	if in.ContractFrom != nil {
		return scheduling.Invalid("contract_from", "is for PATCH: a new agent's contract holds from their first day")
	}
	if err := s.saveAgent(c.Request().Context(), p, &a, time.Time{}, false); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAgentDTO(a))
}

func (s *Server) patchAgent(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	// Changes ahead that are due by today become the agent's contract
	// first, so that this change follows them.
	if _, err := applyDueContracts(ctx, s.db, s.now(), []string{c.Param("id")}); err != nil {
		return err
	}
	a, err := s.db.FindAgentByID(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	if !p.seesAgent(a) {
		return hidden("agent", c.Param("id"))
	}
	if !p.editsTeam(a.TeamID) {
		return forbid("not your team's agent")
	}
	var in agentInput
	if err := bind(c, &in); err != nil {
		return err
	}
	// The day a changed contract holds from is the agent's site's, before
	// any move (a team_id no team has is the store's 422).
	from, later, err := s.contractFrom(c, a.TeamID, in.ContractFrom)
	if err != nil {
		return err
	}
	if later {
		// A change ahead changes the contract as it will be on its day.
		sched, err := s.db.FindScheduledContracts(ctx, []string{a.ID}, time.Time{})
		if err != nil {
			return err
		}
		a.Contract, a.HourlyRate = scheduling.ContractOn(a, sched[a.ID], from)
	}
	if err := in.apply(&a); err != nil {
		return err
	}
	if !p.editsTeam(a.TeamID) {
		return forbid("you may not move agents to this team")
	}
	if err := s.saveAgent(ctx, p, &a, from, later); err != nil {
		return err
	}
	if later {
		// The agent keeps their contract until the change's day.
		if a, err = s.db.FindAgentByID(ctx, a.ID); err != nil {
			return err
		}
	}
	return c.JSON(http.StatusOK, toAgentDTO(a))
}

// maxContractLead is how far ahead a contract change may be entered.
const maxContractLead = 3

// contractFrom reads PATCH /agents' contract_from for an agent of team:
// absent is today at the team's site, "" is the zero time (a correction
// for every day). A date after today (later) is a change ahead: it is
// kept until its day (store.DB.ScheduleContract), at most
// maxContractLead years ahead.
func (s *Server) contractFrom(c echo.Context, team string, in *string) (from time.Time, later bool, err error) {
	ctx := c.Request().Context()
	if in != nil && *in == "" {
		return time.Time{}, false, nil
	}
	today, err := s.todayAt(ctx, s.db, team)
	if err != nil || in == nil {
		return today, false, err
	}
	if from, err = time.Parse(time.DateOnly, *in); err != nil {
		return from, false, scheduling.Invalid("contract_from", "must be a date YYYY-MM-DD, or empty for a correction of every day")
	}
	return from, from.After(today), withinContractLead(from, today)
}

// withinContractLead refuses, on contract_from, a change more than
// maxContractLead years after today.
func withinContractLead(from, today time.Time) error {
	if from.After(today.AddDate(maxContractLead, 0, 0)) {
		return scheduling.Invalid("contract_from", "%s is more than %d years ahead", from.Format(time.DateOnly), maxContractLead)
	}
	return nil
}

// todayAt is today's date at team's site, as a civil date (00:00 UTC).
func (s *Server) todayAt(ctx context.Context, db *store.DB, team string) (time.Time, error) {
	return todayIn(ctx, db, team, s.now())
}

// todayIn is the date of now at team's site, as a civil date (00:00 UTC).
func todayIn(ctx context.Context, db *store.DB, team string, now time.Time) (time.Time, error) {
	loc, err := teamZone(ctx, db, team)
	if err != nil {
		return time.Time{}, err
	}
	y, m, d := now.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}

// saveAgent adds a (ID "") or stores its changes for p, refusing an
// employee_no another agent has (422 on employee_no, naming that agent
// when p may see it), as the import, which matches agents by their
// number, would otherwise find two. An empty number is never taken, and a number the agent keeps
// passes even when an older duplicate has it too. The check and the write
// hold the import's lock (store.DB.LockAgentNumbers) in one transaction,
// so two requests at once cannot both take a number. A changed contract
// or rate holds from the civil date from (see store.DB.UpdateAgentFrom),
// or waits for it when it is later than today (store.DB.ScheduleContract);
// zero from corrects it for every day.
func (s *Server) saveAgent(ctx context.Context, p *principal, a *scheduling.Agent, from time.Time, later bool) error {
	// Every problem of the input before the one with the other agents.
	if err := a.Validate(); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *store.DB) error {
		if err := tx.LockAgentNumbers(ctx); err != nil {
			return err
		}
		if a.ID == "" {
			if err := numberFree(ctx, tx, p, *a); err != nil {
				return err
			}
			return tx.CreateAgent(ctx, a)
		}
		old, err := tx.FindAgentByID(ctx, a.ID)
		if err != nil {
			return err
		}
		if a.EmployeeNo != old.EmployeeNo {
			if err := numberFree(ctx, tx, p, *a); err != nil {
				return err
			}
		}
		switch {
		case from.IsZero():
			return tx.UpdateAgent(ctx, *a)
		case later:
			return tx.ScheduleContract(ctx, *a, from)
		}
		return tx.UpdateAgentFrom(ctx, *a, from)
	})
}

// numberFree refuses (422 on employee_no) a's number when another agent
// has it, naming that agent only when p sees its team: to a lead of
// another team the number is just taken. Numbers compare as the import
// matches them: exactly, case included, the input trimmed.
func numberFree(ctx context.Context, tx *store.DB, p *principal, a scheduling.Agent) error {
	if a.EmployeeNo == "" {
		return nil
	}
	holders, err := tx.FindAgents(ctx, store.AgentFilter{EmployeeNo: a.EmployeeNo})
	if err != nil {
		return err
	}
	for _, h := range holders {
		if h.ID == a.ID {
			continue
		}
		if !p.seesTeam(h.TeamID) {
			return scheduling.Invalid("employee_no", "another agent has %q already", a.EmployeeNo)
		}
		return scheduling.Invalid("employee_no", "%s (agent %s) has %q already", h.Name(), h.ID, a.EmployeeNo)
	}
	return nil
}
