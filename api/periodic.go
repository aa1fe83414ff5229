package api

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// Periodic names the cron schedule (robfig/cron syntax, five fields, e.g.
// "0 2 * * *") of each periodic job; an empty schedule disables the job.
// A schedule is read in UTC, whatever the process's local zone, unless it
// names its zone with a prefix: "CRON_TZ=Europe/Berlin 0 9 * * 1-5".
type Periodic struct {
	// Reforecast re-forecasts every queue from its newest history.
	Reforecast string
	// PublishReminder stores a reminder for every team whose next week's
	// roster is not published yet.
	PublishReminder string
	// Contracts makes the contract changes entered ahead the agents'
	// contracts on their day (hourly: each site's day starts at another
	// hour).
	Contracts string
}

// Schedule starts the periodic jobs on their cron schedules and returns
// the running cron (stop it on shutdown). Every process may schedule them:
// each run is enqueued under the key (job kind, scheduled time), so with
// several processes on one database a run fires once.
func (w *Worker) Schedule(p Periodic) (*cron.Cron, error) {
	c := cron.New(cron.WithLocation(time.UTC))
	for kind, spec := range map[string]string{jobReforecast: p.Reforecast, jobPublishReminder: p.PublishReminder,
		jobApplyContracts: p.Contracts} {
		if spec == "" {
			continue
		}
		sched, err := parseSchedule(spec)
		if err != nil {
			v := &scheduling.ValidationError{}
			v.Add(kind, "bad cron schedule %q: %v", spec, err)
			return nil, v
		}
		c.Schedule(sched, cron.FuncJob(func() {
			slot := scheduledSlot(sched, w.cfg.Now())
			if _, err := w.Fire(context.Background(), kind, slot); err != nil {
				w.log.Error("periodic job", "kind", kind, "err", err)
			}
		}))
	}
	c.Start()
	return c, nil
}

// parseSchedule reads a cron spec (five fields, or a descriptor such as
// @daily or @every 10m) in UTC, or in the zone its CRON_TZ= (or TZ=)
// prefix names. robfig/cron would read a spec without a prefix in the
// zone of the time it is asked about, the process's local zone: processes
// with different TZ settings would run "0 9 * * 1-5" at different
// instants, each enqueueing its own run.
func parseSchedule(spec string) (cron.Schedule, error) {
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, err
	}
	named := strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=")
	if ss, ok := s.(*cron.SpecSchedule); ok && !named {
		ss.Location = time.UTC
	}
	return s, nil
}

// slotHorizon is how far back scheduledSlot looks for the activation of a
// run; robfig/cron's Next looks five years ahead, enough for a schedule
// of 29 February.
const slotHorizon = 5 * 366 * 24 * time.Hour

// scheduledSlot is the scheduled time of the run firing at now: the
// schedule's latest activation at or before now, however late cron fired
// it (a busy or paused process), so that every process names the run
// alike. A run fired so late that the next activation has come names
// that one, and is enqueued once with it. An @every schedule runs every
// Delay from each process's start, not at times all processes share: its
// run is named by the period since the epoch that now falls in, so that
// processes started at different times still enqueue it once per period.
func scheduledSlot(s cron.Schedule, now time.Time) time.Time {
	if every, ok := s.(cron.ConstantDelaySchedule); ok {
		return now.Truncate(every.Delay)
	}
	// Activations fall on whole seconds, and Next(t) is the first one after
	// t, which grows with t: search for the last t whose Next is at or
	// before now; that Next is the latest activation.
	now = now.Truncate(time.Second)
	due := func(t time.Time) bool {
		n := s.Next(t)
		return !n.IsZero() && !n.After(now)
	}
	lo, hi := now.Add(-slotHorizon), now
	if !due(lo) {
		return now.Truncate(time.Minute)
	}
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
		if due(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return s.Next(lo)
}

// Fire enqueues the periodic job kind for its run scheduled at slot, unless
// a process did so already; it reports whether this call enqueued it.
func (w *Worker) Fire(ctx context.Context, kind string, slot time.Time) (bool, error) {
	j := store.Job{Kind: kind, UniqueKey: kind + "@" + slot.UTC().Format(time.RFC3339), MaxAttempts: 2}
	err := w.db.EnqueueJob(ctx, &j)
	if errors.Is(err, scheduling.ErrConflict) {
		w.log.Debug("periodic job already enqueued", "kind", kind, "slot", slot)
		return false, nil
	}
	if err != nil {
		return false, err
	}
	w.log.Info("periodic job enqueued", "kind", kind, "slot", slot, "job_id", j.ID)
	return true, nil
}

// publishReminder stores a team-wide notification (and logs) for every
// team whose roster for next week (Monday to Monday in the site's zone) is
// not published: its leads and the admins see it.
func (w *Worker) publishReminder(ctx context.Context, j store.Job, progress func(any)) (any, func(*store.DB) error, error) {
	teams, err := w.db.FindTeams(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	now := w.cfg.Now()
	var due []store.Notification
	for _, t := range teams {
		site, err := w.db.FindSiteByID(ctx, t.SiteID)
		if err != nil {
			return nil, nil, err
		}
		loc, err := site.Location()
		if err != nil {
			return nil, nil, err
		}
		local := now.In(loc)
		today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
		monday := today.AddDate(0, 0, 7-(int(today.Weekday())+6)%7)
		next := monday.AddDate(0, 0, 7)
		rs, err := w.db.FindRosters(ctx, store.RosterFilter{TeamID: t.ID, Status: scheduling.Published, From: monday, To: next})
		if err != nil {
			return nil, nil, err
		}
		if len(rs) > 0 {
			continue
		}
		msg := fmt.Sprintf("The roster of team %s for the week of %s is not published yet.", t.Name, monday.Format(time.DateOnly))
		week := monday.Format(time.DateOnly)
		due = append(due, store.Notification{Kind: kindRosterUnpublished, TeamID: t.ID, Message: msg,
			Params: map[string]any{"team_id": t.ID, "team_name": t.Name, "week_start": week},
			Key:    kindRosterUnpublished + ":" + t.ID + ":" + week})
	}
	stored := []string{}
	write := func(tx *store.DB) error {
		for i := range due {
			ok, err := tx.CreateNotification(ctx, &due[i])
			if err != nil {
				return err
			}
			if ok {
				stored = append(stored, due[i].TeamID)
				w.log.Warn("roster not published", "team_id", due[i].TeamID, "message", due[i].Message)
			}
		}
		return nil
	}
	return map[string]any{"teams": &stored}, write, nil
}
