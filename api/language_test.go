package api_test

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"

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
