package api

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
	"github.com/shiftplan/shiftplan/scheduling/roster"
	"github.com/shiftplan/shiftplan/store"
)

// sourceDirs hold the code whose validation problems the API reports.
var sourceDirs = []string{"../scheduling/...", "../store/...", "./...", "../forecast/..."}

// use is where a format is first passed, and to which function: a
// declared function or method by its name, a function literal by its
// file and the name of its variable.
type use struct{ at, callee string }

// sourceFormats returns each constant format string that the non-test Go
// files in dirs ("dir/..." with its subdirectories) pass as an argument
// named format, or format and a capitalised word (the store's formatOne
// and formatMany): to scheduling.ValidationError.Add, scheduling.Invalid
// and the helpers that forward to them, but also to others such as the
// API's forbid and refuse, scheduling.Conflict and scheduling.Say.
func sourceFormats(t *testing.T, dirs ...string) map[string]use {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	for _, dir := range dirs {
		root, deep := strings.CutSuffix(dir, "/...")
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != root && (!deep || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			files = append(files, f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Which argument of which function is a format: a declared function
	// or method by its name; a function literal assigned to a variable
	// by its file and name.
	formatArg := map[string][]int{}
	record := func(key string, ft *ast.FuncType) {
		i := 0
		for _, p := range ft.Params.List {
			if len(p.Names) == 0 {
				i++
			}
			for _, n := range p.Names {
				if isFormatParam(n.Name) {
					formatArg[key] = append(formatArg[key], i)
				}
				i++
			}
		}
	}
	for _, f := range files {
		file := fset.File(f.Pos()).Name()
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				record(n.Name.Name, n.Type)
			case *ast.AssignStmt:
				for i, rhs := range n.Rhs {
					if lit, ok := rhs.(*ast.FuncLit); ok && i < len(n.Lhs) {
						if id, ok := n.Lhs[i].(*ast.Ident); ok {
							record(file+" "+id.Name, lit.Type)
						}
					}
				}
			}
			return true
		})
	}
	out := map[string]use{}
	for _, f := range files {
		file := fset.File(f.Pos()).Name()
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var callee string
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				callee = fn.Name
				if _, local := formatArg[file+" "+fn.Name]; local {
					callee = file + " " + fn.Name
				}
			case *ast.SelectorExpr:
				callee = fn.Sel.Name
			}
			for _, i := range formatArg[callee] {
				if i >= len(call.Args) {
					continue
				}
				if s, ok := stringConstant(call.Args[i]); ok {
					if _, seen := out[s]; !seen {
						out[s] = use{fset.Position(call.Args[i].Pos()).String(), callee}
					}
				}
			}
			return true
		})
	}
	return out
}

// isFormatParam reports whether a parameter called name takes a format:
// "format", or "format" and a capitalised word ("formatOne").
func isFormatParam(name string) bool {
	rest, ok := strings.CutPrefix(name, "format")
	return ok && (rest == "" || unicode.IsUpper([]rune(rest)[0]))
}

// stringConstant returns the value of a string literal or of a sum of them.
func stringConstant(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return stringConstant(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok := stringConstant(e.X)
		y, ok2 := stringConstant(e.Y)
		return x + y, ok && ok2
	}
	return "", false
}

// verb is one fmt verb that takes an argument: flags, width, precision
// and the verb letter (package fmt, "Printing").
var verb = regexp.MustCompile(`%[-+# 0]*(\[\d+\])?(\*|\d+)?(\.(\*|\d+)?)?[a-zA-Z%]`)

// verbs returns the argument-taking verbs of a format, in order.
func verbs(format string) []string {
	var out []string
	for _, v := range verb.FindAllString(format, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

// TestCatalogue_German checks the German catalogue against the code: each
// key is a format some validation problem is made from (none is left
// over from a changed message), and each German format has the verbs of
// its key in the same order, so that it says the same arguments and
// fmt.Sprintf never prints %!v(MISSING) or %!(EXTRA …).
func TestCatalogue_German(t *testing.T) {
	used := sourceFormats(t, sourceDirs...)
	if _, ok := used["unknown %s %q"]; !ok || len(used) < 100 {
		t.Fatalf("found %d formats in %v, not unknown %%s %%q: the search is broken", len(used), sourceDirs)
	}
	de := formats["de"]
	if len(de) == 0 {
		t.Fatal("no German catalogue")
	}
	for key, val := range de {
		if _, ok := used[key]; !ok {
			t.Errorf("catalogue key %q is no format in the code", key)
		}
		if k, v := verbs(key), verbs(val); !slices.Equal(k, v) {
			t.Errorf("%q has verbs %q, its German %q has %q", key, k, val, v)
		}
		if strings.TrimSpace(val) == "" {
			t.Errorf("%q has an empty German format", key)
		}
	}
}

// TestCatalogue_GermanComplete checks that every validation problem of
// the API and the domain below it can be said in German: each format
// passed to Add, Invalid or a helper forwarding to them in the API, the
// store, the scheduling package, its rosters and its pay rules, and each
// rule a roster can break (roster.Violation.Source), each reason of a
// 403 (forbid), and each reason of a 409 (scheduling.Conflict, the
// phrases of scheduling.Say and the store's counts of what is in use, the
// API's refuse). The reasons for not inviting an agent (no validation
// problems) and formats with no words of their own ("%s") are not in the
// catalogue.
func TestCatalogue_GermanComplete(t *testing.T) {
	used := sourceFormats(t, "./...", "../store", "../scheduling", "../scheduling/pay", "../scheduling/roster")
	// As in TestCatalogue_German: a search that found nothing would leave
	// nothing missing, so it must find a known format and many others.
	if _, ok := used["unknown %s %q"]; !ok || len(used) < 100 {
		t.Fatalf("found %d formats, not unknown %%s %%q: the search is broken", len(used))
	}
	// So must it find the reasons of conflicts, with each way to make one.
	for format, callee := range map[string]string{
		"team %q already exists at this site": "Conflict",
		"queue %s needs it":                   "Say",
		"%d agents":                           "counted",
		"team %q: %s belong to it; move or remove them first": "belonging",
		"queue %q: %d shifts serve it":                        "unused",
		"only an accepted swap can be approved; it is %s":     "refuse",
	} {
		if u, ok := used[format]; !ok || u.callee != callee {
			t.Errorf("format %q passed to %s not found (found %+v): the search is broken", format, callee, u)
		}
	}
	var missing []string
	for key, u := range used {
		if strings.HasSuffix(u.callee, "invitation.go skip") || !strings.ContainsFunc(verb.ReplaceAllString(key, ""), unicode.IsLetter) {
			continue
		}
		if _, ok := formats["de"][key]; !ok {
			missing = append(missing, u.at+": "+strconv.Quote(key))
		}
	}
	slices.Sort(missing)
	for _, m := range missing {
		t.Errorf("no German for %s", m)
	}
}

func TestRequestLanguage(t *testing.T) {
	for _, tc := range []struct{ header, want string }{
		{"", "en"},
		{"de", "de"},
		{"de-DE", "de"},
		{"de-AT,de;q=0.9", "de"},
		{"de-DE,de;q=0.9,en;q=0.8", "de"},
		{"en-GB,en;q=0.9,de;q=0.8", "en"},
		{"fr-FR,fr;q=0.9", "en"},
		{"fr", "en"},
		{"fr;q=0.9,de;q=0.5", "de"},
		{"en;q=0.2,de;q=0.7", "de"},
		{"*", "en"},
		{"de;q=0", "en"},
		{"not a language tag!", "en"},
	} {
		r, _ := http.NewRequest("GET", "/", nil)
		if tc.header != "" {
			r.Header.Set("Accept-Language", tc.header)
		}
		if got := requestLanguage(r); got != tc.want {
			t.Errorf("Accept-Language %q: %q, want %q", tc.header, got, tc.want)
		}
	}
}

// TestGermanWord: a violation's arguments in German, each kind of
// words.go: dates in German abbreviation (Duden: "Dez.", "März"), lengths
// with a decimal comma, weekdays, absences and unnamed breaks; and a
// conflict's: dates with their year, statuses, and phrases (lists joined
// with "und") from the catalogue, English where it has none.
func TestGermanWord(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	eve := time.Date(2026, time.December, 24, 22, 0, 0, 0, berlin)
	notAShift := &scheduling.ValidationError{}
	notAShift.Add("their_shift_id", "is not a shift of with_agent_id")
	for _, c := range []struct {
		in   any
		want any
	}{
		{roster.Day(eve), "24. Dez."},
		{roster.Day(time.Date(2026, time.March, 2, 0, 0, 0, 0, berlin)), "2. März"},
		{roster.Clock(eve), "22:00"},
		{roster.ShiftAt(eve), "Schicht ab 22:00 am 24. Dez."},
		{roster.Hours(9 * time.Hour), "9 Std."},
		{roster.Hours(7*time.Hour + 30*time.Minute), "7,5 Std."},
		{roster.Hours(20 * time.Minute), "0,33 Std."},
		{time.Sunday, "Sonntag"},
		{roster.TimeOffKind("vacation"), "Urlaub"},
		{roster.TimeOffKind("sabbatical"), "sabbatical"},
		{roster.BreakName(""), "Pause"},
		{roster.BreakName("Mittag"), "Mittag"},
		{"Phone DE", "Phone DE"},
		{3, 3},
		// The arguments of conflicts (language_conflict.go).
		{pay.Date{Year: 2026, Month: time.March, Day: 8}, "8. März 2026"},
		{scheduling.Draft, "Entwurf"},
		{scheduling.TimeOffWithdrawn, "zurückgezogen"},
		{store.SwapAccepted, "angenommen"},
		{store.JobFailed, "fehlgeschlagen"},
		{store.SwapStatus("paused"), "paused"},
		{scheduling.Say("%d agents", 2), "2 Mitarbeitende"},
		{scheduling.Say("no German for %d", 2), "no German for 2"},
		{scheduling.Phrases{scheduling.Say("1 team"), scheduling.Say("%d queues", 3), scheduling.Say("1 shift template")},
			"1 Team, 3 Queues und 1 Schichtvorlage"},
		{scheduling.Phrases{scheduling.Say("queue %s needs it", `"Chat"`)}, `die Queue "Chat" braucht sie`},
		{notAShift, "ungültige Eingabe: their_shift_id: ist keine Schicht von with_agent_id"},
	} {
		if got := germanWord(c.in); got != c.want {
			t.Errorf("germanWord(%T %v) = %v, want %v", c.in, c.in, got, c.want)
		}
	}
}
