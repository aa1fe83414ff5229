package scenario

import (
	"strings"
	"testing"
)

// TestDecode_ErrorsNameTheLine: each kind of bad scenario names the line
// of the problem (counted by hand in each input); a value a type refuses
// is named itself.
func TestDecode_ErrorsNameTheLine(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"syntax", "{\n \"site\": {\n  \"name\": \"x\",,\n }\n}\n", "scenario: line 3: invalid character ','"},
		{"unknown key", "{\n \"site\": {\n  \"name\": \"bogus\",\n  \"bogus\": 1\n }\n}\n", `scenario: line 4: json: unknown field "bogus"`},
		{"wrong type", "{\n \"site\": {\n  \"time_zone\": 5\n }\n}\n", "scenario: line 3: site.time_zone: want string, got JSON number"},
		{"cut short", "{\n \"site\": {\n  \"name\": \"x\"", "scenario: line 3: the file ends inside a value"},
		{"bad duration", "{\n \"days\": 7,\n \"interval\": \"15 minutes\"\n}\n", `scenario: time: unknown unit " minutes" in duration "15 minutes"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tc.in))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to start %q", err, tc.want)
			}
		})
	}
}
