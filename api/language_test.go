package api_test

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/scheduling"
)

// TestValidation_AcceptLanguage: a team lead's PATCH of an agent with 200
// weekly hours and a negative hourly rate is refused on both fields, in
// German when Accept-Language prefers it (the formats' German from
// api/i18n/de.json, filled with the same arguments), else in English,
// also for a language the API does not speak.
func TestValidation_AcceptLanguage(t *testing.T) {
	f := sqliteFixture(t)
	lead := f.login(t, "leadA")
	body := map[string]any{"contract": map[string]any{"kind": "full_time", "weekly_hours": 200}, "hourly_rate": -5}
	english := api.ErrorDetail{Code: "invalid", Message: "invalid input", Fields: []scheduling.FieldError{
		{Field: "contract.weekly_hours", Message: "must be in (0, 60]"},
		{Field: "hourly_rate", Message: fmt.Sprintf("must be in [0, %d] (in the site's currency), got -5", scheduling.MaxHourlyRate)},
	}}
	german := api.ErrorDetail{Code: "invalid", Message: "ungültige Eingabe", Fields: []scheduling.FieldError{
		{Field: "contract.weekly_hours", Message: "muss größer als 0 und höchstens 60 sein"},
		{Field: "hourly_rate", Message: fmt.Sprintf("muss zwischen 0 und %d liegen (in der Währung des Standorts), erhalten: -5", scheduling.MaxHourlyRate)},
	}}
	for _, c := range []struct {
		acceptLanguage string
		want           api.ErrorDetail
	}{
		{"de-DE,de;q=0.9,en;q=0.8", german},
		{"de", german},
		{"", english},
		{"en-US,en;q=0.9", english},
		{"fr", english},
		{"fr-FR,fr;q=0.9,de;q=0.4", german},
	} {
		var hdr map[string]string
		if c.acceptLanguage != "" {
			hdr = map[string]string{"Accept-Language": c.acceptLanguage}
		}
		res, b := lead.do("PATCH", "/api/v1/agents/"+f.agentA2.ID, body, hdr)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("Accept-Language %q: %d %s, want 422", c.acceptLanguage, res.StatusCode, b)
		}
		got := decode[api.ErrorBody](t, b).Error
		got.RequestID = ""
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Accept-Language %q:\n got %+v\nwant %+v", c.acceptLanguage, got, c.want)
		}
	}
}

// TestViolations_AcceptLanguage: a lead's move of Anna's Monday shift
// (2 March 2026, 07:00–15:00 in Berlin) to 14:00–22:00 leaves 9 hours of
// rest before her Tuesday shift at 07:00, against the 11 required. The
// refusal names the broken rule in the request's language, dates, times
// and lengths included.
func TestViolations_AcceptLanguage(t *testing.T) {
	f := sqliteFixture(t)
	lead := f.login(t, "leadA")
	sh := f.shifts[0]
	late := map[string]any{"start": sh.Start.Add(7 * time.Hour), "end": sh.End.Add(7 * time.Hour)}
	for _, c := range []struct{ acceptLanguage, want string }{
		{"en", "9h between 14:00 shift on 2 Mar and 07:00 shift on 3 Mar, 11h required"},
		{"de-DE,de;q=0.9", "9 Std. Ruhezeit zwischen Schicht ab 14:00 am 2. März und Schicht ab 07:00 am 3. März, 11 Std. erforderlich"},
	} {
		res, body := lead.do("PATCH", "/api/v1/rosters/"+f.roster.ID+"/shifts/"+sh.ID, late,
			map[string]string{"If-Match": `"1"`, "Accept-Language": c.acceptLanguage})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d %s, want 422", c.acceptLanguage, res.StatusCode, body)
		}
		vs := decode[api.ErrorBody](t, body).Error.Violations
		if len(vs) != 1 || vs[0].Rule != "min_daily_rest" || vs[0].Message != c.want {
			t.Errorf("%s: violations %+v, want min_daily_rest %q", c.acceptLanguage, vs, c.want)
		}
	}
}

// TestForbidden_AcceptLanguage: an agent listing agents is refused (403)
// with the reason in the request's language.
func TestForbidden_AcceptLanguage(t *testing.T) {
	f := sqliteFixture(t)
	agent := f.login(t, "agentA")
	for _, c := range []struct{ acceptLanguage, want string }{
		{"en", "agents cannot list agents: forbidden"},
		{"de-DE,de;q=0.9", "Mitarbeitende können keine Mitarbeitenden auflisten: nicht erlaubt"},
		{"fr", "agents cannot list agents: forbidden"},
	} {
		res, body := agent.do("GET", "/api/v1/agents", nil, map[string]string{"Accept-Language": c.acceptLanguage})
		if res.StatusCode != http.StatusForbidden {
			t.Fatalf("%s: %d %s, want 403", c.acceptLanguage, res.StatusCode, body)
		}
		if got := decode[api.ErrorBody](t, body).Error; got.Code != "forbidden" || got.Message != c.want {
			t.Errorf("%s: %+v, want forbidden %q", c.acceptLanguage, got, c.want)
		}
	}
}

// TestConflict_AcceptLanguage: refusals (409) of a team name another
// team of the site has but for case, of a roster over days the fixture's
// published week (2–8 March 2026) covers, of removing teams that agents
// and a roster belong to, and of deciding a swap that is not waiting for
// that decision, each said in German when the request asks for it, else
// in English as before. Names and IDs stay as they are.
func TestConflict_AcceptLanguage(t *testing.T) {
	f := beforeWeekFixture(t)
	admin, a, a2, lead := f.login(t, "admin"), f.login(t, "agentA"), f.login(t, "agentA2"), f.login(t, "leadA")
	swap := proposeSwap(t, a, map[string]any{"shift_id": f.shifts[0].ID, "with_agent_id": f.agentA2.ID})
	if res, body := a2.do("POST", "/api/v1/swaps/"+swap+"/decline", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("decline: %d %s", res.StatusCode, body)
	}
	overlap := map[string]string{"team_id": f.teamA.ID, "period_start": "2026-03-08", "period_end": "2026-03-15"}
	for _, c := range []struct {
		what         string
		by           *client
		method, path string
		body         any
		en, de       string
	}{
		{"a team name in use but for case", admin, "POST", "/api/v1/teams", map[string]string{"site_id": f.site.ID, "name": "a"},
			`team "a": the site has team "A" (names differing only in case or spaces name one team): conflict`,
			`Team "a": Der Standort hat das Team "A" (Namen, die sich nur in Groß-/Kleinschreibung oder Leerzeichen unterscheiden, benennen ein Team): Konflikt`},
		{"a roster over the published week", admin, "POST", "/api/v1/rosters", overlap,
			"the team's roster " + f.roster.ID + " (2026-03-02 to 2026-03-08, published) already covers part of this period: conflict",
			"der Dienstplan " + f.roster.ID + " des Teams (2. März 2026 bis 8. März 2026, veröffentlicht) deckt schon einen Teil dieses Zeitraums ab: Konflikt"},
		{"removing team A", admin, "DELETE", "/api/v1/teams/" + f.teamA.ID, nil,
			`team "A": 2 agents and 1 roster belong to it; move or remove them first: conflict`,
			`Team "A": 2 Mitarbeitende und 1 Dienstplan gehören dazu und müssen zuerst verschoben oder entfernt werden: Konflikt`},
		{"removing team B", admin, "DELETE", "/api/v1/teams/" + f.teamB.ID, nil,
			`team "B": 1 agent belongs to it; move or remove it first: conflict`,
			`Team "B": 1 Mitarbeiter:in gehört dazu und muss zuerst verschoben oder entfernt werden: Konflikt`},
		{"declining a declined swap", a2, "POST", "/api/v1/swaps/" + swap + "/decline", nil,
			"swap " + swap + " is declined: conflict",
			"der Tausch " + swap + " ist abgelehnt: Konflikt"},
		{"approving a declined swap", lead, "POST", "/api/v1/swaps/" + swap + "/approve", nil,
			"only an accepted swap can be approved; it is declined",
			"nur ein angenommener Tausch kann genehmigt werden; dieser ist abgelehnt"},
	} {
		for _, l := range []struct{ acceptLanguage, want string }{
			{"", c.en},
			{"en-GB,en;q=0.9", c.en},
			{"fr", c.en},
			{"de-DE,de;q=0.9", c.de},
		} {
			var hdr map[string]string
			if l.acceptLanguage != "" {
				hdr = map[string]string{"Accept-Language": l.acceptLanguage}
			}
			res, body := c.by.do(c.method, c.path, c.body, hdr)
			if res.StatusCode != http.StatusConflict {
				t.Errorf("%s, Accept-Language %q: %d %s, want 409", c.what, l.acceptLanguage, res.StatusCode, body)
				continue
			}
			if got := decode[api.ErrorBody](t, body).Error; got.Code != "conflict" || got.Message != l.want {
				t.Errorf("%s, Accept-Language %q:\n got %s %q\nwant conflict %q", c.what, l.acceptLanguage, got.Code, got.Message, l.want)
			}
		}
	}
}
