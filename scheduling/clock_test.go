package scheduling

import (
	"testing"
	"time"
)

func TestLocalTime(t *testing.T) {
	// Expected instants worked out from the tz database's rules for 2026:
	// EU changes at 01:00 UTC on the last Sundays of March and October; US
	// at 02:00 local on 8 Mar and 1 Nov; Lord Howe from 02:00 +10:30 to
	// 02:30 +11 on 4 Oct and from 02:00 +11 back to 01:30 +10:30 on 5 Apr;
	// Havana from 00:00 CST to 01:00 CDT on 8 Mar (midnight is skipped);
	// Kolkata stays at +05:30.
	for _, tc := range []struct {
		name, zone string
		y          int
		m          time.Month
		d          int
		off        time.Duration
		want       time.Time
	}{
		{"BerlinSkipped", "Europe/Berlin", 2026, 3, 29, 2*time.Hour + 30*time.Minute, time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)},
		{"BerlinTwice", "Europe/Berlin", 2026, 10, 25, 2*time.Hour + 30*time.Minute, time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)},
		{"BerlinAfterTheChange", "Europe/Berlin", 2026, 10, 25, 3 * time.Hour, time.Date(2026, 10, 25, 2, 0, 0, 0, time.UTC)},
		{"BerlinNextMorning", "Europe/Berlin", 2026, 3, 28, 30 * time.Hour, time.Date(2026, 3, 29, 4, 0, 0, 0, time.UTC)},
		{"NewYorkSkipped", "America/New_York", 2026, 3, 8, 2*time.Hour + 30*time.Minute, time.Date(2026, 3, 8, 7, 30, 0, 0, time.UTC)},
		{"NewYorkTwice", "America/New_York", 2026, 11, 1, time.Hour + 30*time.Minute, time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)},
		{"NewYorkBeforeTheChange", "America/New_York", 2026, 11, 1, 59 * time.Minute, time.Date(2026, 11, 1, 4, 59, 0, 0, time.UTC)},
		{"LordHoweSkipped", "Australia/Lord_Howe", 2026, 10, 4, 2*time.Hour + 15*time.Minute, time.Date(2026, 10, 3, 15, 45, 0, 0, time.UTC)},
		{"LordHoweTwice", "Australia/Lord_Howe", 2026, 4, 5, time.Hour + 45*time.Minute, time.Date(2026, 4, 4, 14, 45, 0, 0, time.UTC)},
		{"HavanaMidnightSkipped", "America/Havana", 2026, 3, 8, 0, time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC)},
		{"Kolkata", "Asia/Kolkata", 2026, 3, 29, 2*time.Hour + 30*time.Minute, time.Date(2026, 3, 28, 21, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Fatal(err)
			}
			got := LocalTime(tc.y, tc.m, tc.d, tc.off, loc)
			if !got.Equal(tc.want) || got.Location() != loc {
				t.Errorf("LocalTime = %v (%v), want %v", got.UTC(), got, tc.want)
			}
		})
	}
}
