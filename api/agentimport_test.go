package api_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

const agentImportPath = "/api/v1/agents/import"

type agentImportResult struct {
	Created int
	Updated int
	Agents  []string
}

// fieldErrors returns a 422's problems as "line N: column" (the message
// up to its first colon).
func fieldErrors(t *testing.T, body []byte) []string {
	t.Helper()
	e := decode[struct {
		Error struct {
			Fields []struct{ Field, Message string }
		}
	}](t, body).Error
	var out []string
	for _, fe := range e.Fields {
		col, _, _ := strings.Cut(fe.Message, ":")
		out = append(out, fe.Field+": "+col)
	}
	return out
}

// agentsOf returns the agents of team by last name (the last of a name).
func agentsOf(t *testing.T, db *store.DB, team string) map[string]scheduling.Agent {
	t.Helper()
	as, err := db.FindAgents(context.Background(), store.AgentFilter{TeamID: team})
	must(t, err)
	out := map[string]scheduling.Agent{}
	for _, a := range as {
		out[a.LastName] = a
	}
	return out
}

// TestAgentImport_GermanExcelFileThenReimport: a lead imports a file as
// German Excel writes it (byte order mark, semicolons, CRLF, decimal
// commas, DD.MM.YYYY dates, a quoted field holding a semicolon, headers
// in any case with spaces), team by name and by ID. Importing it again,
// as multipart with one hour changed, updates the two agents by their
// employee_no instead of adding two more.
func TestAgentImport_GermanExcelFileThenReimport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		must(t, db.UpsertSkill(ctx, scheduling.Skill{Code: "lang:de", Kind: scheduling.SkillLanguage, Name: "German"}))
		lead := f.login(t, "leadA")
		file := func(carlaHours string) string {
			return "\ufeff" + strings.Join([]string{
				"Employee No;First name;LAST_NAME;Team;contract_kind;weekly_hours;weekly_min_hours;weekly_max_hours;max_days_per_week;skills;hourly_rate;hire_date;leave_date;fixed_days_off",
				"E100;Carla;Neu;a;part_time;" + carlaHours + ";10;25;4;phone|lang:de;15,50;2026-04-01;;saturday|Sunday",
				`E101;"Doe; Jr.";Dora;` + f.teamA.ID + ";full_time;40;;48;;phone;21;01.05.2026;31.12.2027;",
			}, "\r\n") + "\r\n"
		}
		res, body := lead.do("POST", agentImportPath, file("20,5"), nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("import: %d %s", res.StatusCode, body)
		}
		first := decode[agentImportResult](t, body)
		if first.Created != 2 || first.Updated != 0 || len(first.Agents) != 2 {
			t.Fatalf("import: %s, want 2 created", body)
		}
		got := agentsOf(t, db, f.teamA.ID)
		carla, dora := got["Neu"], got["Dora"]
		wantCarla := scheduling.Contract{Kind: scheduling.PartTime, WeeklyHours: 20.5, WeeklyMinHours: 10, WeeklyMaxHours: 25, MaxDaysPerWeek: 4,
			FixedDaysOff: []time.Weekday{time.Saturday, time.Sunday}}
		if carla.ID != first.Agents[0] || carla.EmployeeNo != "E100" || carla.FirstName != "Carla" || carla.HourlyRate != 15.5 ||
			fmt.Sprint(carla.Contract) != fmt.Sprint(wantCarla) || !slices.Equal(carla.Skills, []string{"lang:de", "phone"}) ||
			carla.HireDate.Format(time.DateOnly) != "2026-04-01" || !carla.LeaveDate.IsZero() {
			t.Errorf("Carla stored as %+v", carla)
		}
		if dora.ID != first.Agents[1] || dora.FirstName != "Doe; Jr." || dora.Contract.WeeklyMaxHours != 48 ||
			dora.HireDate.Format(time.DateOnly) != "2026-05-01" || dora.LeaveDate.Format(time.DateOnly) != "2027-12-31" {
			t.Errorf("Dora stored as %+v", dora)
		}

		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "agents.csv")
		fw.Write([]byte(file("22")))
		mw.Close()
		res, body = lead.do("POST", agentImportPath, buf.Bytes(), map[string]string{"Content-Type": mw.FormDataContentType()})
		if res.StatusCode != http.StatusOK {
			t.Fatalf("re-import: %d %s", res.StatusCode, body)
		}
		again := decode[agentImportResult](t, body)
		if again.Created != 0 || again.Updated != 2 || !slices.Equal(again.Agents, first.Agents) {
			t.Errorf("re-import: %s, want the same 2 agents updated (%v)", body, first.Agents)
		}
		// The fixture's Anna and Arno, and Carla and Dora once each.
		all, err := db.FindAgents(ctx, store.AgentFilter{TeamID: f.teamA.ID})
		must(t, err)
		got = agentsOf(t, db, f.teamA.ID)
		if len(all) != 4 || got["Neu"].Contract.WeeklyHours != 22 || got["Neu"].Contract.WeeklyMinHours != 10 {
			t.Errorf("after re-import team A has %d agents (want 4), Carla's contract %+v (want 22 h)", len(all), got["Neu"].Contract)
		}
	})
}

// TestAgentImport_BadLinesStoreNothing: a file with one good line and
// eight bad ones is refused with each bad line named by its column, and
// not even the good line is stored.
func TestAgentImport_BadLinesStoreNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		bad := strings.Join([]string{
			"employee_no,first_name,last_name,team,contract_kind,weekly_hours,weekly_min_hours,weekly_max_hours,skills,hire_date,leave_date",
			"E1,Gina,Good,A,full_time,40,,,phone,,",              // line 2: good
			"E2,Hans,Bad,A,full_time,lots,,,phone,,",             // line 3: no number
			"E3,Ida,Bad,A,full_time,30,35,30,phone,,",            // line 4: min above max
			"E4,Jan,Bad,A,full_time,30,,,phone|chat,,",           // line 5: no skill "chat"
			"E5,Kai,Bad,A,full_time,30,,,,2026-05-01,2026-04-01", // line 6: leaves before hired
			"E6,Lea,Bad,Nowhere,full_time,30,,,,,",               // line 7: no such team
			"E1,Max,Bad,A,full_time,30,,,,,",                     // line 8: E1 again
			",Arno,Test,A,part_time,20,,,,,",                     // line 9: the fixture's Arno, without a number
			"E9,Nils,Bad,A,half_time,30,,,,,",                    // line 10: no such contract
		}, "\n") + "\n"
		res, body := admin.do("POST", agentImportPath, bad, nil)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad file: %d %s, want 422", res.StatusCode, body)
		}
		want := []string{"line 3: weekly_hours", "line 4: weekly_min_hours", "line 5: skills", "line 6: leave_date",
			"line 7: team", "line 8: employee_no", "line 9: last_name", "line 10: contract_kind"}
		if got := fieldErrors(t, body); !slices.Equal(got, want) {
			t.Errorf("problems\n%v\nwant\n%v\n%s", got, want, body)
		}
		as, err := db.FindAgents(context.Background(), store.AgentFilter{})
		must(t, err)
		if len(as) != 3 {
			t.Errorf("a refused file left %d agents, want the fixture's 3", len(as))
		}
	})
}

// TestAgentImport_LeadOtherTeam: lead A may neither add an agent to team
// B (403, as POST /agents refuses) nor change B's agent Bea through her
// employee_no, which to lead A is a number taken by an agent they may not
// see (422 on the line, naming neither Bea nor her team, as POST and PATCH
// /agents word it); nothing is stored.
func TestAgentImport_LeadOtherTeam(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		lead := f.login(t, "leadA")
		res, body := lead.do("POST", agentImportPath, "last_name,team,contract_kind,weekly_hours\nOk,A,full_time,40\nNeu,B,full_time,40\n", nil)
		if res.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "line 3 (team B)") {
			t.Errorf("add to B: %d %s, want 403 naming line 3 and team B", res.StatusCode, body)
		}
		res, body = lead.do("POST", agentImportPath, "employee_no,last_name,team,contract_kind,weekly_hours\nNew,Ok,A,full_time,40\nBea,Test,A,part_time,20\n", nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !slices.Equal(fieldErrors(t, body), []string{"line 3: employee_no"}) ||
			!strings.Contains(string(body), `another agent has \"Bea\" already`) || strings.Contains(string(body), "team B") ||
			strings.Contains(string(body), f.agentB.ID) {
			t.Errorf("Bea's number: %d %s, want 422 on line 3 saying the number is taken, naming neither Bea nor team B", res.StatusCode, body)
		}
		as, err := db.FindAgents(context.Background(), store.AgentFilter{})
		must(t, err)
		bea, err := db.FindAgentByID(context.Background(), f.agentB.ID)
		must(t, err)
		if len(as) != 3 || bea.Contract.Kind != scheduling.FullTime {
			t.Errorf("refused files left %d agents (want 3) and Bea's contract %s (want full_time)", len(as), bea.Contract.Kind)
		}
		// HR sees every team but changes none.
		hr := f.login(t, "hr")
		if res, body := hr.do("POST", agentImportPath, "last_name,team,contract_kind,weekly_hours\nOk,A,full_time,40\n", nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("HR import: %d %s, want 403", res.StatusCode, body)
		}
		// Stored before numbers were checked: an agent of team A with Bea's
		// number. How many have it would count one lead A may not see.
		dup := scheduling.Agent{TeamID: f.teamA.ID, FirstName: "Bea", LastName: "Dup", EmployeeNo: "Bea",
			Contract: scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40}}
		must(t, db.CreateAgent(context.Background(), &dup))
		res, body = lead.do("POST", agentImportPath, "employee_no,last_name,team,contract_kind,weekly_hours\nBea,Dup,A,part_time,20\n", nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `another agent has \"Bea\" already`) {
			t.Errorf("Bea's number, also held in team A: %d %s, want 422 saying the number is taken, without counting holders", res.StatusCode, body)
		}
	})
}

// TestAgentImport_Header: an unknown column is refused by its name, as is
// a column named twice (team_id is team); a file with a header only has
// no agents to import.
func TestAgentImport_Header(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	for _, c := range []struct {
		name, file, want string
	}{
		{"unknown", "last_name,team,contract_kind,weekly_hours,Shoe size\nNeu,A,full_time,40,44\n", `unknown column \"Shoe size\"`},
		{"repeated", "last_name,team,team_id\nNeu,A,A\n", "column 3 (team_id) repeats column 2 (team)"},
		{"no rows", "last_name,team\n", "no data rows"},
	} {
		res, body := admin.do("POST", agentImportPath, c.file, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), c.want) {
			t.Errorf("%s: %d %s, want 422 with %s", c.name, res.StatusCode, body, c.want)
		}
	}
	as, err := f.db.FindAgents(context.Background(), store.AgentFilter{})
	must(t, err)
	if len(as) != 3 {
		t.Errorf("refused files left %d agents, want 3", len(as))
	}
}

// TestAgentImport_TeamNames: a team name two sites share is refused by
// its line for the admin, who edits both, and means the lead's own team
// for a lead of one of them.
func TestAgentImport_TeamNames(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	hamburg := scheduling.Site{OrganisationID: f.site.OrganisationID, Name: "Hamburg", TimeZone: "Europe/Berlin", HolidayRegion: "DE-HH"}
	must(t, f.db.CreateSite(ctx, &hamburg))
	must(t, f.db.CreateTeam(ctx, &scheduling.Team{SiteID: hamburg.ID, Name: "A"}))
	file := "last_name,team,contract_kind,weekly_hours\nNeu,A,full_time,40\n"
	res, body := f.login(t, "admin").do("POST", agentImportPath, file, nil)
	if got := fieldErrors(t, body); res.StatusCode != http.StatusUnprocessableEntity || !slices.Equal(got, []string{"line 2: team"}) {
		t.Errorf("admin, team A of two sites: %d %s, want 422 on line 2's team", res.StatusCode, body)
	}
	res, body = f.login(t, "leadA").do("POST", agentImportPath, file, nil)
	if res.StatusCode != http.StatusOK || agentsOf(t, f.db, f.teamA.ID)["Neu"].ID == "" {
		t.Errorf("lead A, team A of two sites: %d %s, want Neu added to their team A", res.StatusCode, body)
	}
}

// TestAgentImport_ErrorsCapped: a file of maxLineErrors+5 bad lines lists
// the first 100 problems and says 5 more were not listed.
func TestAgentImport_ErrorsCapped(t *testing.T) {
	f := sqliteFixture(t)
	var file strings.Builder
	file.WriteString("last_name,team,contract_kind,weekly_hours\n")
	for i := range 105 {
		fmt.Fprintf(&file, "N%d,A,full_time,x\n", i)
	}
	res, body := f.login(t, "admin").do("POST", agentImportPath, file.String(), nil)
	got := fieldErrors(t, body)
	if res.StatusCode != http.StatusUnprocessableEntity || len(got) != 101 || got[99] != "line 101: weekly_hours" ||
		!strings.Contains(string(body), `"field":"file","message":"5 more problems not listed"`) {
		t.Errorf("105 bad lines: %d, %d problems listed (last %q), want 100 and the 5 more", res.StatusCode, len(got), got[len(got)-1])
	}
}

// TestAgentImport_NumberForUnnumbered: an agent added by hand without an
// employee_no gets the number of the file's line with their name and team
// instead of a namesake; the file's contract replaces theirs.
func TestAgentImport_NumberForUnnumbered(t *testing.T) {
	f := sqliteFixture(t)
	zoe := scheduling.Agent{TeamID: f.teamA.ID, FirstName: "Zoe", LastName: "Solo", Contract: scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40}}
	must(t, f.db.CreateAgent(context.Background(), &zoe))
	file := "employee_no,first_name,last_name,team,contract_kind,weekly_hours\nZ-1,zoe,SOLO,A,part_time,20\n"
	res, body := f.login(t, "leadA").do("POST", agentImportPath, file, nil)
	got := decode[agentImportResult](t, body)
	if res.StatusCode != http.StatusOK || got.Created != 0 || got.Updated != 1 || !slices.Equal(got.Agents, []string{zoe.ID}) {
		t.Fatalf("import: %d %s, want Zoe (%s) updated", res.StatusCode, body, zoe.ID)
	}
	a, err := f.db.FindAgentByID(context.Background(), zoe.ID)
	must(t, err)
	if a.EmployeeNo != "Z-1" || a.Contract.Kind != scheduling.PartTime || a.Contract.WeeklyHours != 20 {
		t.Errorf("Zoe now %+v, want Z-1, part-time 20 h", a)
	}
}

// TestAgentImport_ConcurrentImportsOneAgentPerNumber: the same file
// uploaded twice at once (a double click, two tabs) adds each employee
// number once; the later import updates what the earlier one added.
// Without the import's lock, PostgreSQL let both find the numbers unused.
func TestAgentImport_ConcurrentImportsOneAgentPerNumber(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		admin1, admin2 := f.login(t, "admin"), f.login(t, "admin")
		const rounds = 5
		for round := range rounds {
			lines := []string{"employee_no,first_name,last_name,team_id,contract_kind,weekly_hours"}
			for i := range 3 {
				lines = append(lines, fmt.Sprintf("R%d-%d,Round%d,Agent%d,%s,full_time,40", round, i, round, i, f.teamB.ID))
			}
			file := strings.Join(lines, "\n") + "\n"
			var wg sync.WaitGroup
			codes := make([]int, 2)
			created := make([]int, 2)
			for i, c := range []*client{admin1, admin2} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					res, body := c.do("POST", agentImportPath, file, nil)
					codes[i] = res.StatusCode
					if res.StatusCode == http.StatusOK {
						created[i] = decode[agentImportResult](t, body).Created
					}
				}()
			}
			wg.Wait()
			all, err := db.FindAgents(ctx, store.AgentFilter{TeamID: f.teamB.ID})
			must(t, err)
			n := 0
			for _, a := range all {
				if strings.HasPrefix(a.EmployeeNo, fmt.Sprintf("R%d-", round)) {
					n++
				}
			}
			if codes[0] != http.StatusOK || codes[1] != http.StatusOK || n != 3 || created[0]+created[1] != 3 {
				t.Errorf("round %d: answers %v, created %v, %d agents with the round's numbers; want 200 twice, 3 created in all, 3 agents",
					round, codes, created, n)
			}
		}
	})
}

// TestAgentImport_ContractFrom: a line that raises Anna's rate (20 → 26)
// from 1 March 2026 keeps 20 until then, as PATCH /agents with
// contract_from does; Arno's line without contract_from changes his
// contract from today, so his March stays at the former one. A new
// agent's line with contract_from, a date in no known form, and a date
// more than three years ahead are refused, naming the line and the
// column, and nothing is stored. A line from a day two months ahead
// keeps its change until that day.
func TestAgentImport_ContractFrom(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		bad := "employee_no,first_name,last_name,team,contract_kind,weekly_hours,hourly_rate,contract_from\n" +
			"N1,Nina,New,A,full_time,40,20,2026-03-01\n" + // line 2: a new agent
			"Anna,Anna,Test,A,full_time,40,26,first of March\n" // line 3: no date
		res, body := admin.do("POST", agentImportPath, bad, nil)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad file: %d %s, want 422", res.StatusCode, body)
		}
		if got, want := fieldErrors(t, body), []string{"line 2: contract_from", "line 3: contract_from"}; !slices.Equal(got, want) {
			t.Errorf("problems %v, want %v\n%s", got, want, body)
		}
		res, body = admin.do("POST", agentImportPath, "employee_no,hourly_rate,contract_from\nAnna,26,01.01.2999\n", nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "contract_from") {
			t.Errorf("a future contract_from: %d %s, want 422 naming it", res.StatusCode, body)
		}
		if past, err := db.FindPastContracts(ctx, []string{f.agentA.ID}); err != nil || len(past) != 0 {
			t.Fatalf("refused files kept past contracts %v (%v)", past, err)
		}

		good := "employee_no,hourly_rate,contract_from\nAnna,26,01.03.2026\nArno,24,\n"
		if res, body := admin.do("POST", agentImportPath, good, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("import: %d %s", res.StatusCode, body)
		}
		past, err := db.FindPastContracts(ctx, []string{f.agentA.ID, f.agentA2.ID})
		must(t, err)
		anna, arno := past[f.agentA.ID], past[f.agentA2.ID]
		if len(anna) != 1 || anna[0].HourlyRate != 20 || !anna[0].Until.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("Anna's past contracts %+v, want 20 until 2026-03-01", anna)
		}
		if len(arno) != 1 || arno[0].HourlyRate != 20 || !arno[0].Until.After(time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("Arno's past contracts %+v, want 20 until today", arno)
		}

		// A line from a day ahead keeps the change until then.
		ahead := time.Now().AddDate(0, 2, 0).Format("02.01.2006")
		if res, body := admin.do("POST", agentImportPath, "employee_no,hourly_rate,contract_from\nAnna,28,"+ahead+"\n", nil); res.StatusCode != http.StatusOK {
			t.Fatalf("import ahead: %d %s", res.StatusCode, body)
		}
		a, err := db.FindAgentByID(ctx, f.agentA.ID)
		must(t, err)
		sched, err := db.FindScheduledContracts(ctx, []string{f.agentA.ID}, time.Time{})
		must(t, err)
		if s := sched[f.agentA.ID]; a.HourlyRate != 26 || len(s) != 1 || s[0].HourlyRate != 28 || s[0].From.Format("02.01.2006") != ahead {
			t.Errorf("after a line from %s: rate %v, changes ahead %+v; want 26, and 28 from then", ahead, a.HourlyRate, s)
		}
	})
}

// TestAgentImport_LineProblemsInGerman: a refused file's problems are
// said in the request's language, each after its column, as the same
// file's English ones (TestAgentImport_BadLinesStoreNothing).
func TestAgentImport_LineProblemsInGerman(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	bad := strings.Join([]string{
		"employee_no,first_name,last_name,team,contract_kind,weekly_hours,weekly_min_hours,weekly_max_hours,skills,hire_date,leave_date",
		"E2,Hans,Bad,A,full_time,lots,,,phone,,",             // line 2: no number
		"E3,Ida,Bad,A,full_time,30,35,30,phone,,",            // line 3: min above max
		"E4,Jan,Bad,A,full_time,30,,,phone|chat,,",           // line 4: no skill "chat"
		"E5,Kai,Bad,A,full_time,30,,,,2026-05-01,2026-04-01", // line 5: leaves before hired
	}, "\n") + "\n"
	messages := func(lang string) []string {
		res, body := admin.do("POST", agentImportPath, bad, map[string]string{"Accept-Language": lang})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d %s, want 422", lang, res.StatusCode, body)
		}
		var out []string
		for _, fe := range decode[api.ErrorBody](t, body).Error.Fields {
			out = append(out, fe.Field+": "+fe.Message)
		}
		return out
	}
	en, de := messages("en"), messages("de")
	if len(en) != 4 || len(de) != 4 {
		t.Fatalf("problems\n%v\n%v\nwant 4 each", en, de)
	}
	for _, want := range []string{`line 2: weekly_hours: "lots" ist keine Zahl`, `line 4: skills: unbekannte Fähigkeit "chat"`} {
		if !slices.Contains(de, want) {
			t.Errorf("German problems %q lack %q", de, want)
		}
	}
	for i := range en {
		lineEN, _, _ := strings.Cut(en[i], ": ")
		colEN, _, _ := strings.Cut(strings.TrimPrefix(en[i], lineEN+": "), ":")
		if !strings.HasPrefix(de[i], lineEN+": "+colEN+": ") || de[i] == en[i] {
			t.Errorf("problem %d: German %q, English %q; want the same line and column, said in German", i, de[i], en[i])
		}
	}
}
