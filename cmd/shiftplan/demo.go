package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/shiftplan/shiftplan/api/password"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/demo"
	"github.com/shiftplan/shiftplan/store"
)

func runDemo(ctx context.Context, args []string, io stdio) error {
	fs := newFlags("demo", "demo [flags]", io)
	cfg := bindConfig(fs, io.getenv, true)
	seed := fs.Uint64("seed", 1, "seed of the generated demo centre")
	if err := parseFlags(fs, args); err != nil {
		return err
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
