package holiday

import (
	"errors"
	"testing"
	"time"
)

func TestFor_KnownDates(t *testing.T) {
	// Dates from the German and US public-holiday laws (Christmas Day, Epiphany
	// only in Bavaria, Independence Day), not from the library under test.
	tests := []struct {
		code string
		y    int
		m    time.Month
		d    int
		want bool
	}{
		{"DE", 2026, time.December, 25, true},
		{"DE", 2026, time.December, 23, false},
		{"DE", 2026, time.January, 6, false},
		{"DE-BY", 2026, time.January, 6, true},
		{"DE-BY", 2026, time.December, 25, true},
		{"US", 2026, time.July, 4, true},
		{"US", 2026, time.July, 6, false},
		{"", 2026, time.December, 25, false},
	}
	for _, tt := range tests {
		c, err := For(tt.code)
		if err != nil {
			t.Fatalf("For(%q): %v", tt.code, err)
		}
		if _, got := c.On(tt.y, tt.m, tt.d); got != tt.want {
			t.Errorf("%s %d-%02d-%02d holiday = %v, want %v", tt.code, tt.y, tt.m, tt.d, got, tt.want)
		}
	}
}

func TestFor_Unknown(t *testing.T) {
	for _, code := range []string{"XX", "DE-ZZ", "AU"} {
		if _, err := For(code); !errors.Is(err, ErrUnknownRegion) {
			t.Errorf("For(%q) err = %v, want ErrUnknownRegion", code, err)
		}
	}
}
