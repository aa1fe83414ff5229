package scheduling

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// fieldsOf returns the fields err names, or nil when err is not a
// *ValidationError.
func fieldsOf(err error) []string {
	var v *ValidationError
	if !errors.As(err, &v) {
		return nil
	}
	var out []string
	for _, f := range v.Fields {
		out = append(out, f.Field)
	}
	return out
}

// TestValidate_TextLimits: every free-text field takes exactly its limit in
// characters (counted as runes: "é" is one) and refuses one more, and refuses
// bytes that are not UTF-8, naming the field.
func TestValidate_TextLimits(t *testing.T) {
	at := func(n int) string { return strings.Repeat("é", n) }
	bad := "caf\xe9" // Latin-1 é: not UTF-8
	agent := Agent{TeamID: "t", LastName: "Doe", Contract: Contract{Kind: FullTime, WeeklyHours: 40}}
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		field string
		limit int
		check func(s string) error
	}{
		{"name", MaxNameLength, func(s string) error { return Site{Name: s, TimeZone: "UTC"}.Validate() }},
		{"name", MaxNameLength, func(s string) error { return Team{Name: s, SiteID: "s"}.Validate() }},
		{"name", MaxNameLength, func(s string) error {
			return Queue{Name: s, SiteID: "s", Channel: Phone, AHT: time.Minute, Target: ServiceTarget{ASA: time.Minute}}.Validate()
		}},
		{"first_name", MaxNameLength, func(s string) error { a := agent; a.FirstName = s; return a.Validate() }},
		{"last_name", MaxNameLength, func(s string) error { a := agent; a.LastName = s; return a.Validate() }},
		{"employee_no", MaxNameLength, func(s string) error { a := agent; a.EmployeeNo = s; return a.Validate() }},
		{"name", MaxNameLength, func(s string) error {
			return User{Email: "a@example.com", Role: RoleAdmin, Name: s}.Validate()
		}},
		{"reason", MaxTextLength, func(s string) error {
			return TimeOff{AgentID: "a", Start: start, End: start.Add(24 * time.Hour), Kind: "other", Reason: s}.Validate()
		}},
	}
	for i, tc := range cases {
		if err := tc.check(at(tc.limit)); err != nil {
			t.Errorf("case %d: %d characters: %v, want valid", i, tc.limit, err)
		}
		for _, s := range []string{at(tc.limit + 1), bad} {
			if got := fieldsOf(tc.check(s)); len(got) != 1 || got[0] != tc.field {
				t.Errorf("case %d: %d bytes: fields %v, want [%s]", i, len(s), got, tc.field)
			}
		}
	}
}

// TestValidate_EmailLength: RFC 5321 allows 254 characters in an address;
// 64 in the local part and the rest in the domain's labels of at most 63.
func TestValidate_EmailLength(t *testing.T) {
	domain := strings.Repeat("d", 63) + "." + strings.Repeat("d", 63) + "." + strings.Repeat("d", 57) + ".com"
	ok := strings.Repeat("l", 64) + "@" + domain // 64 + 1 + 189 = 254
	if len(ok) != MaxEmailLength {
		t.Fatalf("test address has %d characters", len(ok))
	}
	if err := (User{Email: ok, Role: RoleAdmin}).Validate(); err != nil {
		t.Errorf("254-character address: %v, want valid", err)
	}
	if got := fieldsOf(User{Email: "l" + ok, Role: RoleAdmin}.Validate()); len(got) != 1 || got[0] != "email" {
		t.Errorf("255-character address: fields %v, want [email]", got)
	}
}

// TestTimeOffValidate_Span: a request of exactly MaxTimeOffDays is valid; a
// second more is refused on end, with the length in days.
func TestTimeOffValidate_Span(t *testing.T) {
	start := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	ok := TimeOff{AgentID: "a", Start: start, End: start.AddDate(0, 0, MaxTimeOffDays), Kind: "vacation"}
	if err := ok.Validate(); err != nil {
		t.Errorf("%d days: %v, want valid", MaxTimeOffDays, err)
	}
	long := ok
	long.End = long.End.Add(time.Second)
	err := long.Validate()
	if got := fieldsOf(err); len(got) != 1 || got[0] != "end" {
		t.Fatalf("%d days and a second: %v, want an error on end", MaxTimeOffDays, err)
	}
	if !strings.Contains(err.Error(), "366.0 days after start, more than 366") {
		t.Errorf("message %q does not give the length", err)
	}
	twenty := ok
	twenty.End = start.AddDate(20, 0, 0)
	if !strings.Contains(twenty.Validate().Error(), "7305.0 days") { // 20 × 365 + 5 leap days (2028…2044)
		t.Errorf("twenty years: %v", twenty.Validate())
	}
}
