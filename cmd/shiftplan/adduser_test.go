package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shiftplan/shiftplan/api/password"
	"github.com/shiftplan/shiftplan/store"
)

func invokeWithInput(t *testing.T, input string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, stdio{in: strings.NewReader(input), out: &out, err: &errb, getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

// TestAddUser: a fresh database gets its first admin with the password
// from standard input; running it again for the address sets a new
// password. A missing or short password, or a role that needs teams, is a
// usage error that adds nobody.
func TestAddUser(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		input string
		args  []string
	}{
		{"", []string{"--email", "ada@example.com"}},
		{"short\n", []string{"--email", "ada@example.com"}},
		{"long enough\n", []string{"--email", "ada@example.com", "--role", "team_lead"}},
		{"long enough\n", nil},
	} {
		args := append([]string{"adduser", "--data-dir", dir}, c.args...)
		if code, _, errs := invokeWithInput(t, c.input, args...); code != 2 {
			t.Errorf("%v with %q: exit %d (%s), want 2", c.args, c.input, code, errs)
		}
	}
	code, out, errs := invokeWithInput(t, "correct horse battery\n", "adduser", "--data-dir", dir, "--email", "Ada@Example.com", "--name", "Ada", "--org", "Nordlicht")
	if code != 0 || !strings.Contains(out, "ada@example.com (admin) added to Nordlicht") {
		t.Fatalf("adduser: exit %d, out %q, err %q", code, out, errs)
	}
	code, out, _ = invokeWithInput(t, "staple battery horse\r\n", "adduser", "--data-dir", dir, "--email", "ada@example.com")
	if code != 0 || !strings.Contains(out, "password set") {
		t.Fatalf("second adduser: exit %d, out %q", code, out)
	}
	db, err := store.Open(context.Background(), store.Config{URL: "sqlite://" + filepath.Join(dir, "shiftplan.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	users, err := db.FindUsers(context.Background())
	if err != nil || len(users) != 1 || users[0].Role != "admin" || users[0].Name != "Ada" {
		t.Fatalf("users %+v %v, want Ada alone, admin", users, err)
	}
	if password.Verify(users[0].PasswordHash, "staple battery horse") != nil {
		t.Errorf("the second password (its CRLF trimmed) does not verify")
	}
	// A switched-off admin is switched back on: the way back in when the
	// last admin was locked out.
	if err := db.DisableUser(context.Background(), users[0].ID); err != nil {
		t.Fatal(err)
	}
	code, out, _ = invokeWithInput(t, "third battery horse\n", "adduser", "--data-dir", dir, "--email", "ada@example.com")
	if code != 0 || !strings.Contains(out, "switched back on") {
		t.Fatalf("adduser of a disabled login: exit %d, out %q", code, out)
	}
	if u, err := db.FindUserByEmail(context.Background(), "ada@example.com"); err != nil || u.Disabled {
		t.Errorf("after adduser: %+v %v, want enabled", u, err)
	}
}

// TestAddUser_HelpOffersOnlyAcceptedRoles: the help names the roles
// adduser takes, not those it refuses.
func TestAddUser_HelpOffersOnlyAcceptedRoles(t *testing.T) {
	code, _, errs := invokeWithInput(t, "", "adduser", "--help")
	if code != 0 || !strings.Contains(errs, "[--role admin|hr]") || strings.Contains(errs, "team_lead,") || strings.Contains(errs, "agent or hr") {
		t.Errorf("exit %d, help %q; want --role admin|hr only", code, errs)
	}
}
