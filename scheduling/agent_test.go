package scheduling

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"
)

func TestAgentValidate_PeriodHours(t *testing.T) {
	base := Agent{TeamID: "t", LastName: "Doe", Contract: Contract{Kind: PartTime, WeeklyHours: 20}}
	for _, tc := range []struct {
		name     string
		min, max float64
		field    string // "" = valid
	}{
		{"None", 0, 0, ""},
		{"MinOnly", 24, 0, ""},
		{"MaxOnly", 0, 16, ""},
		{"Both", 24, 80, ""},
		{"Equal", 40, 40, ""},
		{"NegativeMin", -1, 0, "contract.period_min_hours"},
		{"NegativeMax", 0, -8, "contract.period_max_hours"},
		{"MinAboveMax", 24, 16, "contract.period_min_hours"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := base
			a.Contract.PeriodMinHours, a.Contract.PeriodMaxHours = tc.min, tc.max
			err := a.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var v *ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("Validate() = %v, want a *ValidationError", err)
			}
			found := false
			for _, f := range v.Fields {
				found = found || f.Field == tc.field
			}
			if !found {
				t.Errorf("Validate() = %v, want field %s", err, tc.field)
			}
		})
	}
}

// TestAgentValidate_HourlyRate: a rate in [0, MaxHourlyRate] is valid;
// negative, past the maximum (10³⁰⁸ made a roster's cost +Inf) or NaN is
// refused on hourly_rate.
func TestAgentValidate_HourlyRate(t *testing.T) {
	base := Agent{TeamID: "t", LastName: "Doe", Contract: Contract{Kind: FullTime, WeeklyHours: 40}}
	for _, rate := range []float64{0, 21.5, MaxHourlyRate} {
		a := base
		a.HourlyRate = rate
		if err := a.Validate(); err != nil {
			t.Errorf("rate %v: %v, want valid", rate, err)
		}
	}
	for _, rate := range []float64{-1, MaxHourlyRate + 1, 1e308, math.NaN()} {
		a := base
		a.HourlyRate = rate
		var v *ValidationError
		if err := a.Validate(); !errors.As(err, &v) || len(v.Fields) != 1 || v.Fields[0].Field != "hourly_rate" {
			t.Errorf("rate %v: %v, want one error on hourly_rate", rate, err)
		}
	}
}

// TestAgentName: a name given in one part has no stray space, in the
// board, the exports and the calendar.
func TestAgentName(t *testing.T) {
	for _, c := range []struct{ first, last, want string }{
		{"Anna", "Test", "Anna Test"}, {"", "Test", "Test"}, {"Anna", "", "Anna"},
	} {
		if got := (Agent{FirstName: c.first, LastName: c.last}).Name(); got != c.want {
			t.Errorf("Name(%q, %q) = %q, want %q", c.first, c.last, got, c.want)
		}
	}
}

// TestSkillValidate: each of SkillKinds is valid; another kind or a
// missing code is refused naming it.
func TestSkillValidate(t *testing.T) {
	for _, k := range SkillKinds {
		if err := (Skill{Code: "x", Kind: k}).Validate(); err != nil {
			t.Errorf("kind %s: %v", k, err)
		}
	}
	for _, code := range []string{"phone", "lang:de", "licence:insurance", "Lang_PT-br.2"} {
		if err := (Skill{Code: code, Kind: SkillLanguage}).Validate(); err != nil {
			t.Errorf("code %q: %v", code, err)
		}
	}
	for _, c := range []struct {
		field string
		s     Skill
	}{
		{"kind", Skill{Code: "x", Kind: "hobby"}},
		{"code", Skill{Kind: SkillChannel}},
		{"code", Skill{Code: "lang fr", Kind: SkillLanguage}},
		{"code", Skill{Code: "lang/fr", Kind: SkillLanguage}},
		{"code", Skill{Code: "sprache:französisch", Kind: SkillLanguage}},
		{"code", Skill{Code: "a?b", Kind: SkillLanguage}},
	} {
		var v *ValidationError
		if err := c.s.Validate(); !errors.As(err, &v) || len(v.Fields) != 1 || v.Fields[0].Field != c.field {
			t.Errorf("%+v: %v, want an error on %s", c.s, err, c.field)
		}
	}
}

func TestContractsOver(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	a := Agent{HourlyRate: 20}
	spells := ContractSpells(a, []PastContract{{HourlyRate: 10, Until: day(3, 1)}},
		[]ScheduledContract{{HourlyRate: 30, From: day(3, 5)}, {HourlyRate: 40, From: day(4, 1)}})
	for _, tc := range []struct {
		first, last time.Time
		rate        float64
		changes     []float64 // rates of the changes within
	}{
		{day(2, 23), day(2, 28), 10, nil},
		{day(2, 23), day(3, 1), 10, []float64{20}},
		{day(3, 2), day(3, 8), 20, []float64{30}},
		{day(3, 5), day(3, 31), 30, nil},
		{day(3, 30), day(4, 26), 30, []float64{40}},
		{day(4, 1), day(4, 28), 40, nil},
	} {
		_, rate, changes := ContractsOver(spells, tc.first, tc.last)
		var got []float64
		for _, c := range changes {
			got = append(got, c.HourlyRate)
		}
		if rate != tc.rate || !slices.Equal(got, tc.changes) {
			t.Errorf("ContractsOver(%s–%s) = %v, %v; want %v, %v", tc.first.Format(time.DateOnly), tc.last.Format(time.DateOnly), rate, got, tc.rate, tc.changes)
		}
	}
}
