package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

type jobDTO struct {
	ID         string          `json:"id"`
	Kind       string          `json:"kind"`
	Status     string          `json:"status"`
	Progress   json.RawMessage `json:"progress"`
	Result     json.RawMessage `json:"result"`
	Error      string          `json:"error,omitempty"`
	Attempts   int             `json:"attempts"`
	CreatedAt  time.Time       `json:"created_at"`
	StartedAt  *time.Time      `json:"started_at"`
	FinishedAt *time.Time      `json:"finished_at"`
}

func toJobDTO(j store.Job) jobDTO {
	return jobDTO{ID: j.ID, Kind: j.Kind, Status: string(j.Status), Progress: j.Progress, Result: orNull(j.Result), Error: j.Error,
		Attempts: j.Attempts, CreatedAt: j.CreatedAt, StartedAt: j.StartedAt, FinishedAt: j.FinishedAt}
}

// readableJob loads a job the caller may watch: its creator, admins, and
// the leads of its team. To anyone else it is 404, as a missing one.
func (s *Server) readableJob(c echo.Context) (store.Job, error) {
	p := principalOf(c)
	j, err := s.db.FindJobByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return j, err
	}
	if p.is(scheduling.RoleAdmin) || j.CreatedBy == p.user.ID || (j.TeamID != "" && p.leads(j.TeamID)) {
		return j, nil
	}
	return j, hidden("job", c.Param("id"))
}

func (s *Server) getJob(c echo.Context) error {
	j, err := s.readableJob(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toJobDTO(j))
}

// cancelJob ends a queued or running job (those who may watch it may
// cancel it) as failed; the worker running it, in whichever process,
// stops at its next lease renewal and stores nothing. 409 once the job
// has finished.
func (s *Server) cancelJob(c echo.Context) error {
	j, err := s.readableJob(c)
	if err != nil {
		return err
	}
	j, err = s.db.CancelJob(c.Request().Context(), j.ID, "cancelled by "+principalOf(c).user.Name)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toJobDTO(j))
}

// jobPoll is how often the event stream looks at the job; the job's state
// lives in the database, so any process's stream sees any worker's progress.
var jobPoll = 500 * time.Millisecond

// jobEvents streams a job as server-sent events: a "progress" event with
// the job whenever it changes, and a final "done" event once it has
// succeeded or failed.
func (s *Server) jobEvents(c echo.Context) error {
	j, err := s.readableJob(c)
	if err != nil {
		return err
	}
	w := c.Response()
	w.Header().Set(echo.HeaderContentType, "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	send := func(event string, j store.Job) error {
		b, _ := json.Marshal(toJobDTO(j))
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b); err != nil {
			return err
		}
		w.Flush()
		return nil
	}
	ctx := c.Request().Context()
	var last time.Time
	var lastStatus store.JobStatus
	keepAlive := time.Now()
	for {
		if !j.UpdatedAt.Equal(last) || j.Status != lastStatus {
			last, lastStatus = j.UpdatedAt, j.Status
			if j.Status == store.JobSucceeded || j.Status == store.JobFailed {
				return send("done", j)
			}
			if err := send("progress", j); err != nil {
				return nil
			}
		} else if time.Since(keepAlive) > 15*time.Second {
			keepAlive = time.Now()
			fmt.Fprint(w, ": keep-alive\n\n")
			w.Flush()
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.closing:
			return nil
		case <-time.After(jobPoll):
		}
		if j, err = s.db.FindJobByID(ctx, j.ID); err != nil {
			return nil
		}
	}
}
