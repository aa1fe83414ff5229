package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/shiftplan/shiftplan/api/password"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// runAddUser adds a login to the database, or sets the password of an
// existing one (and switches it back on if it was off): how a fresh deployment gets its first admin, who adds
// sites, teams and everyone else through the API. The password is read
// from the first line of standard input, never from a flag (flags show in
// process lists and shell history).
func runAddUser(ctx context.Context, args []string, io stdio) error {
	fs := newFlags("adduser", "adduser --email ADDRESS [--name NAME] [--role admin|hr] [--org NAME] < password", io)
	cfg := bindConfig(fs, io.getenv, false)
	email := fs.String("email", "", "the login's e-mail address")
	name := fs.String("name", "", "the person's name")
	role := fs.String("role", string(scheduling.RoleAdmin), "admin or hr (team leads and agents are added through the API, which sets their teams and agent records)")
	org := fs.String("org", "shiftplan", "the organisation's name, when the database has none yet")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *email == "" {
		return usagef("flag --email is required")
	}
	r := scheduling.Role(*role)
	if r != scheduling.RoleAdmin && r != scheduling.RoleHR {
		return usagef("--role: %q: only admin and hr logins are complete without teams or an agent record; add others through the API", *role)
	}
	line, err := bufio.NewReader(io.in).ReadString('\n')
	if err != nil && line == "" {
		return usagef("give the password on standard input (one line)")
	}
	pw := strings.TrimRight(line, "\r\n")
	hash, err := password.Hash(pw)
	if err != nil {
		return usagef("password: %v", err)
	}
	db, err := store.Open(ctx, store.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir})
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	o, err := db.Organisation(ctx, *org)
	if err != nil {
		return err
	}
	u, err := db.FindUserByEmail(ctx, *email)
	switch {
	case err == nil:
		if err := db.SetPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		note := ""
		if u.Disabled {
			if err := db.EnableUser(ctx, u.ID); err != nil {
				return err
			}
			note = ", switched back on"
		}
		fmt.Fprintf(io.out, "%s (%s) exists: password set, sessions ended%s\n", u.Email, u.Role, note)
		return nil
	case !errors.Is(err, scheduling.ErrNotFound):
		return err
	}
	u = scheduling.User{Email: *email, Name: *name, Role: r, PasswordHash: hash}
	if err := db.CreateUser(ctx, &u); err != nil {
		return err
	}
	fmt.Fprintf(io.out, "%s (%s) added to %s\n", u.Email, u.Role, o.Name)
	return nil
}
