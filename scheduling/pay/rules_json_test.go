package pay

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRules_JSON(t *testing.T) {
	in := `{"night_start":"22:00","night_end":"06:00","night_premium":0.25,"sunday_premium":0.5,
		"holiday_premium":1.25,"week_start":"sunday","daily_limit_hours":10,"overtime_premium":0.25,"stacking":"highest"}`
	var r Rules
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatal(err)
	}
	// Each value as written in the document above.
	want := Rules{NightStart: 22 * time.Hour, NightEnd: 6 * time.Hour, NightPremium: 0.25, SundayPremium: 0.5,
		HolidayPremium: 1.25, WeekStart: ISOWeekday(time.Sunday), DailyLimit: 10 * time.Hour, OvertimePremium: 0.25, Stacking: Highest}
	if r != want {
		t.Fatalf("decoded %+v, want %+v", r, want)
	}
	// Round trip: marshal and decode again gives the same rules.
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Rules
	if err := json.Unmarshal(b, &back); err != nil || back != r {
		t.Errorf("round trip %s → %+v (%v)", b, back, err)
	}
	// The stored default "{}" is the zero value.
	var zero Rules
	if err := json.Unmarshal([]byte("{}"), &zero); err != nil || zero != (Rules{}) {
		t.Errorf("{} → %+v (%v)", zero, err)
	}
	for _, tt := range []struct{ doc, field string }{
		{`{"night_start":"25:00"}`, "rules.night_start"},
		{`{"night_premium":25}`, "rules.night_premium"},
		{`{"week_start":"montag"}`, "rules.week_start"},
		{`{"stacking":"max"}`, "rules.stacking"},
		{`{"nigth_premium":0.25}`, "nigth_premium"},
	} {
		var r Rules
		err := json.Unmarshal([]byte(tt.doc), &r)
		if err == nil || !strings.Contains(err.Error(), tt.field) {
			t.Errorf("%s: err = %v, want it to name %s", tt.doc, err, tt.field)
		}
		if tt.field != "nigth_premium" && !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", tt.doc, err)
		}
	}
}
