package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutFile: what is written reaches the path only on Commit, with the
// mode of the file it replaces; Discard leaves the old file as it was, and
// neither leaves a temporary file behind.
func TestOutFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "solution.csv")
	if err := os.WriteFile(path, []byte("good\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	assertDir := func(want string) {
		t.Helper()
		if b, err := os.ReadFile(path); err != nil || string(b) != want {
			t.Errorf("%s holds %q (%v), want %q", path, b, err, want)
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("directory holds %d files, want only %s", len(ents), path)
		}
	}

	t.Run("Discard", func(t *testing.T) {
		f, err := createOut(path)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("partial")
		f.Discard()
		assertDir("good\n")
	})
	t.Run("Commit", func(t *testing.T) {
		f, err := createOut(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Discard()
		f.WriteString("new\n")
		if err := f.Commit(); err != nil {
			t.Fatal(err)
		}
		assertDir("new\n")
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("mode %v (%v), want the replaced file's 0600", st.Mode(), err)
		}
	})
	t.Run("MissingDirectory", func(t *testing.T) {
		if _, err := createOut(filepath.Join(dir, "none", "x.csv")); err == nil || !strings.Contains(err.Error(), "--out") {
			t.Errorf("error %v, want one naming --out", err)
		}
	})
}

// TestOut_UnwritableBeforeWork: an --out path that cannot be written is
// refused, naming --out, before the command reads or solves anything (a
// 60-second solve used to run to the end and then fail), and a failing
// command leaves an existing --out file as it was.
func TestOut_UnwritableBeforeWork(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none", "out.csv")
	inst := filepath.Join(curtoisTestdata, "Instance1.txt")
	hist := writeHistory(t, dir)
	for _, args := range [][]string{
		{"solve", "--curtois", inst, "--time-limit", "0", "--iterations", "2000", "--progress", "--out", missing},
		{"forecast", "--history", filepath.Join(dir, "none.csv"), "--horizon", "1d", "--out", missing},
		{"requirements", "--forecast", filepath.Join(dir, "none.csv"), "--aht", "300s", "--sl", "0.8", "--answer-within", "20s", "--out", missing},
		{"plan", "--scenario", filepath.Join("..", "..", "docs", "scenarios", "demo.json"), "--time-limit", "1s", "--out", missing},
	} {
		code, stdout, stderr := invoke(t, nil, args...)
		if code != 1 || !strings.Contains(stderr, "--out") || strings.Contains(stderr, `"objective"`) || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 1 naming --out, before any work", args[0], code, stdout, stderr)
		}
	}

	good := filepath.Join(dir, "good.csv")
	if err := os.WriteFile(good, []byte("good\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("interval_start,calls\n2026-01-05T08:00,3\n2026-01-05T09:00,many\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"solve", "--curtois", filepath.Join(dir, "none.txt"), "--out", good},
		{"forecast", "--history", bad, "--horizon", "1d", "--out", good},
		{"forecast", "--history", hist, "--horizon", "soon", "--out", good},
		{"requirements", "--forecast", bad, "--column", "calls", "--aht", "300s", "--sl", "0.8", "--answer-within", "20s", "--out", good},
	} {
		if code, _, _ := invoke(t, nil, args...); code == 0 {
			t.Errorf("%v: exit 0", args)
		}
		if b, _ := os.ReadFile(good); string(b) != "good\n" {
			t.Errorf("%v: --out file now holds %q", args, b)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 3 {
		t.Errorf("%d files in the directory, want 3 (no temporary files left)", len(ents))
	}
}
