// Command shiftplan is the workforce-management server and its command-line
// tools: forecasting, staffing, roster solving and benchmarks.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"time"

	// Every site's rules and pay are reckoned in its IANA zone: the zone
	// database goes into the binary, so a host without one (a minimal
	// container) runs it the same.
	_ "time/tzdata"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// stdio is what a subcommand may touch of the outside world, so tests can run
// commands in-process.
type stdio struct {
	in     io.Reader
	out    io.Writer
	err    io.Writer
	getenv func(string) string
}

// command is one subcommand of the binary.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, io stdio) error
}

// commands is the table of subcommands, in the order `shiftplan help` lists them.
var commands = []command{
	{"serve", "run the HTTP server", runServe},
	{"demo", "run the server on a fresh demo contact centre", runDemo},
	{"migrate", "apply database schema migrations and exit", runMigrate},
	{"adduser", "add a login (the first admin) or set its password", runAddUser},
	{"forecast", "forecast interval volumes from a history CSV", runForecast},
	{"erlang", "agents needed for one interval (Erlang C/A)", runErlang},
	{"requirements", "required agents per interval from a forecast CSV", runRequirements},
	{"solve", "solve a Curtois & Qu shift-scheduling instance", runSolve},
	{"plan", "forecast, staff and roster a contact-centre scenario", runPlan},
	{"bench", "run a benchmark: forecast, curtois or roster", runBench},
	{"version", "print the version", runVersion},
}

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// usageError marks a wrong invocation; it exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func run(ctx context.Context, args []string, io stdio) int {
	if len(args) > 1 && args[0] == "help" && args[1] != "help" { // help CMD [SUB] is CMD [SUB] --help
		args = append(args[1:], "--help")
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(io.err)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], io)
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(io.err, "shiftplan %s: %s\n", c.name, ue.msg)
			return 2
		default:
			fmt.Fprintf(io.err, "shiftplan %s: %s\n", c.name, oneLine(err.Error()))
			return 1
		}
	}
	fmt.Fprintf(io.err, "shiftplan: unknown command %q\n", args[0])
	printUsage(io.err)
	return 2
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: shiftplan <command> [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-13s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'shiftplan <command> --help' for the flags of a command.")
}

// newFlags returns a flag set that reports errors instead of exiting and
// prints its help to the command's stderr.
func newFlags(name, synopsis string, std stdio) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The package's own error line is dropped: parseFlags restates it.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(std.err, "usage: shiftplan %s\n\nflags:\n", synopsis)
		fs.VisitAll(func(f *flag.Flag) {
			name, usage := flag.UnquoteUsage(f)
			line := "  --" + f.Name
			if name != "" {
				line += " " + name
			}
			line += "\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t")
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "0s" {
				line += fmt.Sprintf(" (default %q)", f.DefValue)
			}
			fmt.Fprintln(std.err, line)
		})
	}
	return fs
}

// parseFlags parses args and turns flag errors into usage errors; extra
// positional arguments are refused.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return flagError(fs, err)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// flagValueError matches the flag package's error for a value its flag
// cannot take.
var flagValueError = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-(\S+): `)

// flagError restates an error of the flag package in the terms of the
// help: the flag as --name, and what its value should look like.
func flagError(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return usagef("unknown flag --%s", name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return usagef("flag --%s needs a value", name)
	}
	m := flagValueError.FindStringSubmatch(msg)
	if m == nil || fs.Lookup(m[2]) == nil {
		return usageError{msg}
	}
	g, ok := fs.Lookup(m[2]).Value.(flag.Getter)
	if !ok {
		return usagef("--%s: %s", m[2], strings.TrimPrefix(msg, m[0]))
	}
	want := ""
	switch g.Get().(type) {
	case time.Duration:
		want = "a duration with a unit, like 90s, 30m or 2h"
	case float64:
		want = "a number"
	case int, int64:
		want = "a whole number"
	case uint, uint64:
		want = "a whole number ≥ 0"
	case bool:
		want = "true or false"
	default:
		return usagef("--%s: %s", m[2], strings.TrimPrefix(msg, m[0]))
	}
	return usagef("--%s: %s is not %s", m[2], m[1], want)
}

// requireFlags returns a usage error naming the first of the given flags that
// was not set.
func requireFlags(fs *flag.FlagSet, names ...string) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, n := range names {
		if !set[n] {
			return usagef("flag --%s is required", n)
		}
	}
	return nil
}

// searchFlags are the flags of every command that runs a search.
type searchFlags struct {
	limit   *time.Duration
	seed    *uint64
	threads *int
}

// addSearchFlags defines --time-limit (default 60 s, help limitHelp),
// --seed and --threads on fs.
func addSearchFlags(fs *flag.FlagSet, limitHelp string) searchFlags {
	return searchFlags{
		limit:   fs.Duration("time-limit", 60*time.Second, limitHelp),
		seed:    fs.Uint64("seed", 1, "random seed"),
		threads: fs.Int("threads", 2, "parallel searches"),
	}
}

// check refuses a negative time limit and fewer than one thread, which the
// search would otherwise replace by its defaults without a word.
func (f searchFlags) check() error {
	if *f.limit < 0 {
		return usagef("--time-limit: must not be negative, got %v", *f.limit)
	}
	if *f.threads < 1 {
		return usagef("--threads must be at least 1")
	}
	return nil
}

// oneLine keeps an error on a single line for the terminal.
func oneLine(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), "\n", "; ") }

func runVersion(_ context.Context, args []string, io stdio) error {
	fs := newFlags("version", "version", io)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(io.out, "shiftplan %s\n", version)
	return nil
}

// benchmarks maps `shiftplan bench NAME` to its runner.
var benchmarks = map[string]func(ctx context.Context, args []string, io stdio) error{
	"forecast": runBenchForecast,
	"curtois":  runBenchCurtois,
	"roster":   runBenchRoster,
}

func runBench(ctx context.Context, args []string, io stdio) error {
	names := make([]string, 0, len(benchmarks))
	for n := range benchmarks {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 {
		return usagef("usage: shiftplan bench {%s} [flags]", strings.Join(names, "|"))
	}
	if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		fmt.Fprintf(io.err, "usage: shiftplan bench {%s} [flags]\n\nRun 'shiftplan bench NAME --help' for the flags of a benchmark.\n", strings.Join(names, "|"))
		return flag.ErrHelp
	}
	b, ok := benchmarks[args[0]]
	if !ok {
		return usagef("unknown benchmark %q (have %s)", args[0], strings.Join(names, ", "))
	}
	return b(ctx, args[1:], io)
}

// findShared looks for shared/<parts…> (the benchmark data beside the
// repository) in the working directory and its parents; flag names the
// flag that sets the directory instead.
func findShared(flag string, parts ...string) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	rel := filepath.Join(append([]string{"shared"}, parts...)...)
	for d := wd; ; d = filepath.Dir(d) {
		p := filepath.Join(d, rel)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%s not found in %s or its parents; pass %s DIR", rel, wd, flag)
		}
	}
}
