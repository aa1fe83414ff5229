package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/api/password"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/demo"
	"github.com/shiftplan/shiftplan/store"
)

func runDemo(ctx context.Context, args []string, io stdio) error {
	fs := newFlags("demo", "demo [flags]", io)
	cfg := bindConfig(fs, io.getenv, true)
	seed := fs.Uint64("seed", 1, "seed of the generated demo centre")
	rosterTime := fs.Duration("roster-time", 4*time.Second, "solver time for this week's roster of each team, built and published before serving (0: none)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *rosterTime < 0 {
		return usagef("--roster-time: must not be negative, got %v", *rosterTime)
	}
	log, err := cfg.logger(io.err)
	if err != nil {
		return err
	}
	if cfg.DatabaseURL == "" {
		// A fresh SQLite file every time: the demo starts from a known state.
		cfg.DataDir = filepath.Join(cfg.DataDir, "demo")
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(filepath.Join(cfg.DataDir, "shiftplan.db"+suffix)); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("reset demo database: %w", err)
			}
		}
	}
	db, err := openDB(ctx, *cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	centre, err := demo.Generate(time.Now(), *seed)
	if err != nil {
		return err
	}
	if err := seedDemo(ctx, db, centre); err != nil {
		return fmt.Errorf("load demo centre: %w", err)
	}
	if *rosterTime > 0 {
		fmt.Fprintf(io.out, "shiftplan demo: building this week's rosters (%d teams, %v each)\n", len(centre.Teams), *rosterTime)
		if err := demoRosters(ctx, db, centre, log, *seed, *rosterTime); err != nil {
			return fmt.Errorf("demo rosters: %w", err)
		}
	}
	return serve(ctx, *cfg, db, log, func(addr string) {
		fmt.Fprintf(io.out, "shiftplan demo: %s, %d agents in %d teams, %d queues\n", centre.Organisation.Name,
			len(centre.Agents), len(centre.Teams), len(centre.Queues))
		fmt.Fprintf(io.out, "open http://%s/\n\nlogins (password %q):\n", addr, demo.Password)
		for _, u := range centre.Users[:4] {
			fmt.Fprintf(io.out, "  %-10s %s\n", u.Role, u.Email)
		}
		fmt.Fprintf(io.out, "  %-10s %s (and every other agent)\n", scheduling.RoleAgent, centre.Users[4].Email)
	})
}

// seedDemo stores a generated centre.
func seedDemo(ctx context.Context, db *store.DB, c *demo.Centre) error {
	start := time.Now()
	if err := db.CreateOrganisation(ctx, &c.Organisation); err != nil {
		return err
	}
	c.Site.OrganisationID = c.Organisation.ID
	if err := db.CreateSite(ctx, &c.Site); err != nil {
		return err
	}
	payRules, err := json.Marshal(c.PayRules)
	if err != nil {
		return fmt.Errorf("demo pay rules: %w", err)
	}
	if err := db.SetSiteRules(ctx, c.Site.ID, payRules, nil); err != nil {
		return err
	}
	for i := range c.Teams {
		c.Teams[i].SiteID = c.Site.ID
		if err := db.CreateTeam(ctx, &c.Teams[i]); err != nil {
			return err
		}
	}
	for _, s := range c.Skills {
		if err := db.UpsertSkill(ctx, s); err != nil {
			return err
		}
	}
	for i := range c.Agents {
		ti, _ := strconv.Atoi(c.Agents[i].TeamID)
		c.Agents[i].TeamID = c.Teams[ti].ID
		if err := db.CreateAgent(ctx, &c.Agents[i]); err != nil {
			return fmt.Errorf("agent %s: %w", c.Agents[i].Name(), err)
		}
	}
	for i := range c.Queues {
		c.Queues[i].SiteID = c.Site.ID
		if err := db.CreateQueue(ctx, &c.Queues[i]); err != nil {
			return err
		}
		if _, err := db.ImportHistory(ctx, c.Queues[i].ID, c.History[i]); err != nil {
			return err
		}
	}
	// Last week's forecast, made from the history before it: the forecast
	// page shows how it fared against the week's history.
	for i := range c.Queues {
		if _, err := api.ForecastAsOf(ctx, db, c.Queues[i].ID, c.HistoryEnd.AddDate(0, 0, -7), 7*24*time.Hour); err != nil {
			return fmt.Errorf("last week's forecast of %s: %w", c.Queues[i].Name, err)
		}
	}
	for i := range c.Templates {
		c.Templates[i].SiteID = c.Site.ID
		if err := db.CreateShiftTemplate(ctx, &c.Templates[i]); err != nil {
			return err
		}
	}
	hash, err := password.Hash(demo.Password)
	if err != nil {
		return err
	}
	for i := range c.Users {
		u := &c.Users[i]
		u.PasswordHash = hash
		for _, t := range u.Teams {
			u.TeamIDs = append(u.TeamIDs, c.Teams[t].ID)
		}
		if u.Agent >= 0 {
			u.AgentID = c.Agents[u.Agent].ID
		}
		if err := db.CreateUser(ctx, &u.User); err != nil {
			return fmt.Errorf("user %s: %w", u.Email, err)
		}
	}
	slog.Default().Debug("demo loaded", "seconds", time.Since(start).Seconds())
	return nil
}

// demoRosters builds and publishes the current week's roster of every
// team (Monday to Sunday on the site's clock), as its lead would with the
// Generate page, so that the demo opens on a week with shifts: the solver
// runs limit per team, from the forecast of the queues' history, and
// every day of the week is planned (the worker's clock is the week's
// start, so none of it counts as begun).
func demoRosters(ctx context.Context, db *store.DB, c *demo.Centre, log *slog.Logger, seed uint64, limit time.Duration) error {
	// The history ends where this week starts: Monday's local midnight.
	start := c.HistoryEnd
	y, m, d := start.Date()
	monday := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	w := api.NewWorker(db, log, api.WorkerConfig{Now: func() time.Time { return start }})
	for i, team := range c.Teams {
		r := scheduling.Roster{TeamID: team.ID, PeriodStart: monday, PeriodEnd: monday.AddDate(0, 0, 7)}
		if err := db.CreateRoster(ctx, &r); err != nil {
			return err
		}
		by := c.Users[0].User // the admin, unless the team has a lead
		for _, u := range c.Users {
			if u.Role == scheduling.RoleTeamLead && slices.Contains(u.Teams, i) {
				by = u.User
				break
			}
		}
		if err := w.SolveNow(ctx, r.ID, limit, seed, by, true); err != nil && !errors.Is(err, scheduling.ErrInfeasible) {
			return fmt.Errorf("team %s: %w", team.Name, err)
		}
	}
	return nil
}
