package main

import (
	"bytes"
	"context"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// invoke runs the binary's entry point in-process and returns its exit code,
// stdout and stderr.
func invoke(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, stdio{in: strings.NewReader(""), out: &out, err: &errb,
		getenv: func(k string) string { return env[k] }})
	return code, out.String(), errb.String()
}

func TestRun_UsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{{}, {"nope"}, {"version", "--bogus"}, {"migrate", "extra"}, {"bench"}, {"bench", "nope"}} {
		if code, _, _ := invoke(t, nil, args...); code != 2 {
			t.Errorf("shiftplan %v exit = %d, want 2", args, code)
		}
	}
	if code, _, errs := invoke(t, nil, "serve", "--help"); code != 0 || !strings.Contains(errs, "--database-url") {
		t.Errorf("serve --help exit %d, help %q", code, errs)
	}
}

// TestRun_Help: `help CMD` and `CMD --help` print the command's flags and
// exit 0, for the benchmarks too; help for an unknown command is a usage
// error.
func TestRun_Help(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"help", "solve"}, "--curtois"},
		{[]string{"help", "erlang"}, "--answer-within"},
		{[]string{"bench", "--help"}, "curtois|forecast|roster"},
		{[]string{"help", "bench"}, "curtois|forecast|roster"},
		{[]string{"help", "bench", "curtois"}, "--instances"},
		{[]string{"help", "serve"}, "true or false: mark the session cookie Secure"},
	} {
		if code, _, errs := invoke(t, nil, c.args...); code != 0 || !strings.Contains(errs, c.want) {
			t.Errorf("shiftplan %v: exit %d, stderr %q; want 0 and %s", c.args, code, errs, c.want)
		}
	}
	if code, _, _ := invoke(t, nil, "help", "nope"); code != 2 {
		t.Errorf("shiftplan help nope: exit %d, want 2", code)
	}
}

// TestRun_FlagErrors: a flag the command lacks or cannot read is a usage
// error stated once, after the help, with the flag as the help writes it
// (--name) and what its value should look like; zero defaults are not
// listed in the help.
func TestRun_FlagErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"solve", "--time-limit", "2"}, `shiftplan solve: --time-limit: "2" is not a duration with a unit, like 90s, 30m or 2h`},
		{[]string{"solve", "--seed", "-1"}, `shiftplan solve: --seed: "-1" is not a whole number ≥ 0`},
		{[]string{"bench", "curtois", "--threads", "two"}, `shiftplan bench: --threads: "two" is not a whole number`},
		{[]string{"erlang", "--volume", "many"}, `shiftplan erlang: --volume: "many" is not a number`},
		{[]string{"solve", "--progress=maybe"}, `shiftplan solve: --progress: "maybe" is not true or false`},
		{[]string{"forecast", "--bogus"}, "shiftplan forecast: unknown flag --bogus"},
		{[]string{"erlang", "--volume"}, "shiftplan erlang: flag --volume needs a value"},
	} {
		code, _, errs := invoke(t, nil, c.args...)
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		if code != 2 || lines[len(lines)-1] != c.want || !strings.HasPrefix(errs, "usage: shiftplan ") {
			t.Errorf("shiftplan %v: exit %d, stderr ends %q; want 2, the help and %q", c.args, code, lines[len(lines)-1], c.want)
		}
		var flagName string
		for _, a := range c.args {
			if strings.HasPrefix(a, "--") {
				flagName, _, _ = strings.Cut(a[2:], "=")
			}
		}
		if strings.Contains(errs, " -"+flagName) || strings.Contains(errs, "(default \"0s\")") {
			t.Errorf("shiftplan %v: stderr %q names a flag with one dash or lists a zero default", c.args, errs)
		}
	}
}

func TestRun_Version(t *testing.T) {
	code, out, _ := invoke(t, nil, "version")
	if code != 0 || !strings.HasPrefix(out, "shiftplan ") {
		t.Errorf("version: exit %d, out %q", code, out)
	}
}

// TestMigrate_BadDatabase checks that a bad URL or an unreachable database
// gives exit code 1 and exactly one readable line, never a stack trace.
func TestMigrate_BadDatabase(t *testing.T) {
	for _, url := range []string{"mysql://localhost/x", "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"} {
		code, _, errs := invoke(t, map[string]string{"SHIFTPLAN_DATABASE_URL": url}, "migrate")
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		if code != 1 || len(lines) != 1 || strings.Contains(errs, "goroutine") {
			t.Errorf("migrate with %s: exit %d, stderr %q", url, code, errs)
		}
	}
}

func TestMigrate_SQLite(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := invoke(t, nil, "migrate", "--data-dir", dir)
	if code != 0 || !strings.Contains(out, "sqlite database at schema version") {
		t.Fatalf("migrate: exit %d, out %q, err %q", code, out, errs)
	}
	// Migrating again applies nothing and still succeeds.
	code, out, _ = invoke(t, nil, "migrate", "--data-dir", dir)
	if code != 0 || !strings.Contains(out, "(0 migrations applied now)") {
		t.Errorf("second migrate: exit %d, out %q", code, out)
	}
}

// TestServe_BadTrustedProxies: a bad entry in SHIFTPLAN_TRUSTED_PROXIES
// stops the server before it opens the database, with a usage error (exit
// 2) naming the setting and the entry.
func TestServe_BadTrustedProxies(t *testing.T) {
	env := map[string]string{"SHIFTPLAN_TRUSTED_PROXIES": "10.0.0.0/8, 10.1.2.300/32", "SHIFTPLAN_DATA_DIR": t.TempDir()}
	code, _, errs := invoke(t, env, "serve", "--addr", "127.0.0.1:0")
	if code != 2 || !strings.Contains(errs, "SHIFTPLAN_TRUSTED_PROXIES") || !strings.Contains(errs, `"10.1.2.300/32"`) {
		t.Errorf("exit %d, stderr %q; want 2 naming SHIFTPLAN_TRUSTED_PROXIES and \"10.1.2.300/32\"", code, errs)
	}
}

func TestParseTrustedProxies(t *testing.T) {
	got, err := parseTrustedProxies(" 10.0.0.0/8,192.0.2.7, fd00::/8,,::1 ")
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, n := range got {
		s = append(s, n.String())
	}
	if want := "10.0.0.0/8 192.0.2.7/32 fd00::/8 ::1/128"; strings.Join(s, " ") != want {
		t.Errorf("ranges = %v, want %s", s, want)
	}
	if got, err := parseTrustedProxies(""); err != nil || len(got) != 0 {
		t.Errorf("empty setting: %v, %v; want no ranges", got, err)
	}
}

// TestBinary_CarriesZoneDatabase: the binary links time/tzdata, so that
// time.LoadLocation finds every site's zone on a host that has no zone
// database of its own (the property is of the build, so the test asks
// the go command for the binary's packages).
func TestBinary_CarriesZoneDatabase(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	if !slices.Contains(strings.Fields(string(out)), "time/tzdata") {
		t.Error("cmd/shiftplan does not link time/tzdata: sites' zones need the host's zone database")
	}
}
