package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/roster"
	"github.com/shiftplan/shiftplan/store"
)

// solvePayload is a solve job's input.
type solvePayload struct {
	RosterID         string  `json:"roster_id"`
	TimeLimitSeconds float64 `json:"time_limit_seconds"`
	Seed             uint64  `json:"seed"`
	UserID           string  `json:"user_id"`
	UserName         string  `json:"user_name"`
}

// solveProgress is what GET /jobs/{id} shows while a solve runs.
type solveProgress struct {
	BestScore      int64   `json:"best_score"`
	HardViolations int64   `json:"hard_violations"`
	Iterations     int64   `json:"iterations"`
	ElapsedSeconds float64 `json:"elapsed_seconds"`
}

// solveResult is a finished solve job's result.
type solveResult struct {
	RosterID       string         `json:"roster_id"`
	Version        int            `json:"version"`
	Shifts         int            `json:"shifts"`
	Objective      int64          `json:"objective"`
	Iterations     int64          `json:"iterations"`
	ElapsedSeconds float64        `json:"elapsed_seconds"`
	KPIs           kpisDTO        `json:"kpis"`
	Violations     []violationDTO `json:"violations"`
	Unmet          []string       `json:"unmet"`
}

// kpisDTO is roster.KPIs in JSON (hours are agent-hours; service level is a
// fraction, -1 when unknown; gap a fraction).
type kpisDTO struct {
	RequiredHours   float64       `json:"required_hours"`
	ScheduledHours  float64       `json:"scheduled_hours"`
	UnderHours      float64       `json:"under_hours"`
	OverHours       float64       `json:"over_hours"`
	PaidHours       float64       `json:"paid_hours"`
	Cost            float64       `json:"cost"`
	PremiumCost     float64       `json:"premium_cost"`
	UnderLowerBound float64       `json:"under_lower_bound"`
	HoursLowerBound float64       `json:"hours_lower_bound"`
	Gap             float64       `json:"gap"`
	ServiceLevel    float64       `json:"service_level"`
	NightSpread     float64       `json:"night_spread"`
	WeekendSpread   float64       `json:"weekend_spread"`
	HolidaySpread   float64       `json:"holiday_spread"`
	HardViolations  int           `json:"hard_violations"`
	Queues          []queueKPIDTO `json:"queues"`
}

type queueKPIDTO struct {
	QueueID        string  `json:"queue_id"`
	RequiredHours  float64 `json:"required_hours"`
	ScheduledHours float64 `json:"scheduled_hours"`
	UnderHours     float64 `json:"under_hours"`
	OverHours      float64 `json:"over_hours"`
}

func toKPIs(k roster.KPIs) kpisDTO {
	d := kpisDTO{RequiredHours: k.RequiredHours, ScheduledHours: k.ScheduledHours, UnderHours: k.UnderHours, OverHours: k.OverHours,
		PaidHours: k.PaidHours, Cost: k.Cost, PremiumCost: k.PremiumCost, UnderLowerBound: k.UnderLowerBound,
		HoursLowerBound: k.HoursLowerBound, Gap: k.Gap, ServiceLevel: k.ServiceLevel, NightSpread: k.NightSpread,
		WeekendSpread: k.WeekendSpread, HolidaySpread: k.HolidaySpread, HardViolations: k.HardViolations, Queues: []queueKPIDTO{}}
	for _, q := range k.Queues {
		d.Queues = append(d.Queues, queueKPIDTO{QueueID: q.QueueID, RequiredHours: q.RequiredHours, ScheduledHours: q.ScheduledHours,
			UnderHours: q.UnderHours, OverHours: q.OverHours})
	}
	return d
}

type coverageDTO struct {
	Start        time.Time `json:"start"`
	QueueID      string    `json:"queue_id"`
	Required     float64   `json:"required"`
	Scheduled    float64   `json:"scheduled"`
	ServiceLevel float64   `json:"service_level"`
}

// addDemand fills in.Demand from each queue's requirements over the
// roster's period, forecasting first where no stored forecast covers it.
// A queue no agent of the team has the skills for is left out (its
// under-cover would only weigh on this team's figures) and named in
// rc.unserved. The agents other teams' published rosters put on a queue
// come off its requirement and count in its service level.
func addDemand(ctx context.Context, db *store.DB, rc *rosterContext) error {
	in := &rc.in
	start, end := in.PeriodStart, localMidnight(rc.roster.PeriodEnd, rc.loc)
	first := true
	for _, q := range in.Queues {
		if !slices.ContainsFunc(in.Agents, func(a scheduling.Agent) bool { return a.HasSkills(q.RequiredSkills) }) {
			rc.unserved = append(rc.unserved, fmt.Sprintf("no agent of team %s has the skills of queue %s (%s): it is left to other teams",
				rc.team.Name, q.Name, strings.Join(q.RequiredSkills, ", ")))
			continue
		}
		reqs, interval, err := requirements(ctx, db, q, rc.site, start, end, true)
		if err != nil {
			var ve *scheduling.ValidationError
			if errors.As(err, &ve) {
				continue // a queue without history has no demand
			}
			return err
		}
		if first && interval > 0 {
			in.Interval, first = interval, false
		}
		n := int(end.Sub(start) / in.Interval)
		d := roster.QueueDemand{QueueID: q.ID, Required: make([]float64, n), Marginal: make([][]float64, n), Volume: make([]float64, n),
			AHT: make([]time.Duration, n)}
		for _, r := range reqs {
			i := int(r.Start.Sub(start) / in.Interval)
			if i < 0 || i >= n || r.Start.Sub(start)%in.Interval != 0 {
				continue
			}
			d.Required[i], d.Marginal[i], d.Volume[i], d.AHT[i] = float64(r.Agents), r.Marginal, r.Volume, r.AHT
		}
		in.Demand = append(in.Demand, d)
	}
	if len(in.Demand) == 0 {
		return nil
	}
	n := int(end.Sub(start) / in.Interval)
	others, err := otherTeamsCover(ctx, db, rc, start, n, in.Interval)
	if err != nil {
		return err
	}
	for qi := range in.Demand {
		d := &in.Demand[qi]
		if others[d.QueueID] != nil {
			d.Others = make([]float64, len(d.Required))
		}
		for i, m := range others[d.QueueID] {
			if i < len(d.Required) {
				d.Required[i], d.Marginal[i] = lessCover(d.Required[i], d.Marginal[i], m)
				d.Others[i] = float64(m)
			}
		}
	}
	return nil
}

// solve runs the roster solver for a solve job and replaces the roster's
// shifts with the result at the version it started from: a roster edited
// during the solve is left alone and the job fails as stale.
func (w *Worker) solve(ctx context.Context, j store.Job, progress func(any)) (any, func(*store.DB) error, error) {
	var p solvePayload
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return nil, nil, &scheduling.ValidationError{Fields: []scheduling.FieldError{{Field: "payload", Message: err.Error()}}}
	}
	r, err := w.db.FindRosterByID(ctx, p.RosterID)
	if err != nil {
		return nil, nil, err
	}
	rc, err := loadRosterContext(ctx, w.db, r)
	if err != nil {
		return nil, nil, err
	}
	current, err := w.db.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID, WithCancelled: true})
	if err != nil {
		return nil, nil, err
	}
	kept := underway(&rc.in, current, w.cfg.Now().UTC())
	if err := addDemand(ctx, w.db, rc); err != nil {
		return nil, nil, err
	}
	set := roster.Settings{TimeLimit: time.Duration(p.TimeLimitSeconds * float64(time.Second)), Seed: p.Seed, Threads: 1,
		Progress: func(pr roster.Progress) {
			progress(solveProgress{BestScore: pr.Objective, HardViolations: pr.Hard, Iterations: pr.Iterations, ElapsedSeconds: pr.Elapsed.Seconds()})
		}}
	res, err := roster.Solve(ctx, rc.in, set)
	if err != nil && !errors.Is(err, scheduling.ErrInfeasible) {
		return nil, nil, err
	}
	cov := make([]coverageDTO, len(res.Coverage))
	for i, c := range res.Coverage {
		cov[i] = coverageDTO{Start: c.Start.UTC(), QueueID: c.QueueID, Required: c.Required, Scheduled: c.Scheduled, ServiceLevel: c.ServiceLevel}
	}
	out := solveResult{RosterID: r.ID, Version: r.Version + 1, Shifts: len(res.Shifts), Objective: res.Objective, Iterations: res.Iterations,
		ElapsedSeconds: res.Elapsed.Seconds(), KPIs: toKPIs(res.KPIs), Violations: toViolations(res.Violations, "en"), Unmet: res.Unmet}
	out.Unmet = append(slices.Clone(rc.unserved), out.Unmet...)
	if out.Unmet == nil {
		out.Unmet = []string{}
	}
	write := func(tx *store.DB) error {
		// ReplaceRosterShifts names the new shifts in the slice it is
		// given; notifyResolved tells them by their empty IDs, so it
		// gets its own copy.
		stored := append(slices.Clone(res.Shifts), kept...)
		if err := declineOpenSwaps(ctx, tx, p.UserID, r.ID); err != nil {
			return err
		}
		v, err := tx.ReplaceRosterShifts(ctx, r.ID, r.Version, slices.Clone(stored))
		if err != nil {
			return err
		}
		if err := notifyResolved(ctx, tx, p.UserID, r, v, current, stored, rc.loc); err != nil {
			return err
		}
		kpis, _ := json.Marshal(out.KPIs)
		covJSON, _ := json.Marshal(cov)
		doc, _ := json.Marshal(solveDoc{KPIs: kpis, Coverage: covJSON, Unmet: out.Unmet, Version: v})
		if err := tx.SetRosterKPIs(ctx, r.ID, doc); err != nil {
			return err
		}
		summary := map[string]any{"shifts": len(res.Shifts), "objective": res.Objective, "kpis": out.KPIs}
		return tx.RecordRosterChange(ctx, store.AuditEntry{RosterID: r.ID, UserID: p.UserID, UserName: p.UserName, Action: "solve",
			Entity: "roster", EntityID: r.ID, Before: mustJSON(map[string]any{"shifts": len(current), "version": r.Version}), After: mustJSON(summary)})
	}
	return out, write, nil
}

// declineOpenSwaps declines, on tx, the open swaps of roster rosterID
// before its shifts are replaced, and tells both agents of each: the
// solve may move either shift, give it to someone else or replace it by
// a new one, so the swap no longer offers what the colleague accepted.
// The swaps stay, declined, as every decided swap does: a shift the
// solve replaces is deleted, and a swap keeps naming it. by is the user
// solving.
func declineOpenSwaps(ctx context.Context, tx *store.DB, by, rosterID string) error {
	open, err := tx.FindOpenSwapsOfRoster(ctx, rosterID)
	if err != nil {
		return err
	}
	p := &principal{user: scheduling.User{ID: by}}
	for _, sw := range open {
		declined, err := tx.MoveSwap(ctx, sw.ID, []store.SwapStatus{store.SwapProposed, store.SwapAccepted}, store.SwapDeclined, by)
		if err != nil {
			return err
		}
		if err := notifySwap(ctx, tx, p, kindSwapDeclined, declined); err != nil {
			return err
		}
	}
	return nil
}

// SolveNow solves roster rosterID at once, as a solve job would (within
// limit, the worker's clock deciding what has begun), stores the result
// and, with andPublish, publishes it: for tools that prepare rosters before
// serving, such as the demo. by is the author in the roster's history.
func (w *Worker) SolveNow(ctx context.Context, rosterID string, limit time.Duration, seed uint64, by scheduling.User, andPublish bool) error {
	payload, err := json.Marshal(solvePayload{RosterID: rosterID, TimeLimitSeconds: limit.Seconds(), Seed: seed, UserID: by.ID, UserName: by.Name})
	if err != nil {
		return err
	}
	if _, write, err := w.solve(ctx, store.Job{Kind: jobSolve, Payload: payload}, func(any) {}); err != nil {
		return err
	} else if err := w.db.Tx(ctx, write); err != nil {
		return err
	}
	if !andPublish {
		return nil
	}
	r, err := w.db.FindRosterByID(ctx, rosterID)
	if err != nil {
		return err
	}
	_, err = publish(ctx, w.db, &principal{user: by}, r, r.Version)
	return err
}

// underway prepares the solve of a roster whose shifts are current, at
// now: what has begun stays as it is (the hours worked are paid from
// it), and the rest is the reference a re-solve keeps close to. Shifts
// begun before now are pinned; no new shift may start before now. It
// returns the shifts the solver does not see, to be stored unchanged
// with its result: cancelled shifts that had begun, and the shifts of
// agents no longer in the team. Cancelled shifts still to come go.
func underway(in *roster.Input, current []scheduling.Shift, now time.Time) (kept []scheduling.Shift) {
	team := map[string]bool{}
	for _, a := range in.Agents {
		team[a.ID] = true
	}
	in.Frozen = now
	for _, s := range current {
		begun := s.Start.Before(now)
		switch {
		case !team[s.AgentID] || (begun && s.Status == scheduling.ShiftCancelled):
			kept = append(kept, s)
		case s.Status == scheduling.ShiftCancelled:
		case begun:
			in.Pinned = append(in.Pinned, s)
		default:
			in.Reference = append(in.Reference, s)
		}
	}
	return kept
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}
