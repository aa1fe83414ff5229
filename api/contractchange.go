package api

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// A contract change entered ahead of its day (PATCH /agents/{id} with a
// contract_from after today, or the import's contract_from column) waits
// in the store until that day at the agent's site; then it becomes the
// agent's contract (applyDueContracts: hourly by the periodic job, and
// before any other change of the agent). Until then, rosters of later
// periods and pay of later days read it (scheduling.ContractOn,
// hours.ContractsOf).

// applyDueContracts makes the contract changes of the given agents (all
// agents when ids is nil) that start on or before today at their site,
// now being the time, the agents' contracts, and returns how many it
// applied.
func applyDueContracts(ctx context.Context, db *store.DB, now time.Time, ids []string) (int, error) {
	// No site's today is later than the day after today in UTC.
	upTo := now.UTC().AddDate(0, 0, 1)
	var due map[string][]scheduling.ScheduledContract
	var err error
	if ids == nil {
		due, err = db.FindDueContracts(ctx, upTo)
	} else {
		due, err = db.FindScheduledContracts(ctx, ids, upTo)
	}
	if err != nil || len(due) == 0 {
		return 0, err
	}
	agents := make([]string, 0, len(due))
	for id := range due {
		agents = append(agents, id)
	}
	slices.Sort(agents)
	today := map[string]time.Time{} // team ID → today at its site
	n := 0
	for _, id := range agents {
		a, err := db.FindAgentByID(ctx, id)
		if errors.Is(err, scheduling.ErrNotFound) {
			continue
		} else if err != nil {
			return n, err
		}
		day, ok := today[a.TeamID]
		if !ok {
			if day, err = todayIn(ctx, db, a.TeamID, now); err != nil {
				return n, err
			}
			today[a.TeamID] = day
		}
		for _, c := range due[id] {
			if c.From.After(day) {
				break
			}
			if err := db.ApplyScheduledContract(ctx, id, c.From); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// cancelContractChange removes an agent's contract change that has not
// started (DELETE /agents/{id}/contracts/{from}): by whoever may change
// the agent.
func (s *Server) cancelContractChange(c echo.Context) error {
	p := principalOf(c)
	a, err := s.visibleAgent(c)
	if err != nil {
		return err
	}
	if !p.editsTeam(a.TeamID) {
		return forbid("not your team's agent")
	}
	from, err := time.Parse(time.DateOnly, c.Param("from"))
	if err != nil {
		return scheduling.Invalid("from", "must be a date YYYY-MM-DD, got %q", c.Param("from"))
	}
	ctx := c.Request().Context()
	if _, err := applyDueContracts(ctx, s.db, s.now(), []string{a.ID}); err != nil {
		return err
	}
	if err := s.db.CancelScheduledContract(ctx, a.ID, from); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// applyContracts is the periodic job that applies the contract changes
// due at every site.
func (w *Worker) applyContracts(ctx context.Context, _ store.Job, _ func(any)) (any, func(*store.DB) error, error) {
	n, err := applyDueContracts(ctx, w.db, w.cfg.Now(), nil)
	if err != nil {
		return nil, nil, err
	}
	return map[string]int{"applied": n}, nil, nil
}
