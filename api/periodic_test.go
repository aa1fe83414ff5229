package api

import (
	"testing"
	"time"
)

// TestScheduledSlot: every process names a run by the same slot however
// late its cron fires, so that the run is enqueued once
// (Fire's unique key); an @every schedule, which each process counts from
// its own start, is named by the period of the epoch it falls in.
func TestScheduledSlot(t *testing.T) {
	at := func(h, m, s, ms int) time.Time { return time.Date(2026, 3, 2, h, m, s, ms*1e6, time.UTC) }
	for _, c := range []struct {
		name, spec string
		fired      []time.Time // the instants several processes' crons fire at
		want       time.Time
	}{
		{"Daily", "0 9 * * 1-5", []time.Time{at(9, 0, 0, 1), at(9, 0, 0, 900), at(9, 0, 2, 0), at(9, 0, 59, 999)}, at(9, 0, 0, 0)},
		{"EveryMinute", "* * * * *", []time.Time{at(9, 1, 0, 0), at(9, 1, 0, 300), at(9, 1, 59, 0)}, at(9, 1, 0, 0)},
		{"EveryFiveMinutes", "*/5 * * * *", []time.Time{at(9, 5, 0, 10), at(9, 5, 1, 0)}, at(9, 5, 0, 0)},
		{"Hourly", "@hourly", []time.Time{at(9, 0, 0, 5), at(9, 0, 3, 0)}, at(9, 0, 0, 0)},
		// A process busy or paused fires its runs 90 s late (or later): the
		// run keeps its slot rather than falling back to the minute it
		// fired in, which another process's on-time run would not share.
		{"DailyLate", "0 9 * * 1-5", []time.Time{at(9, 0, 0, 0), at(9, 1, 30, 0), at(9, 1, 30, 500), at(17, 30, 0, 0)}, at(9, 0, 0, 0)},
		{"EveryFiveMinutesLate", "*/5 * * * *", []time.Time{at(9, 5, 0, 0), at(9, 6, 30, 0), at(9, 9, 59, 0)}, at(9, 5, 0, 0)},
		{"HourlyLate", "@hourly", []time.Time{at(9, 0, 0, 0), at(9, 1, 30, 0)}, at(9, 0, 0, 0)},
		// Monday's 09:00 run fired late on Monday is still Monday's; the
		// last run before Monday 2 March 2026 was Friday's.
		{"WeekdaysOverWeekend", "0 9 * * 1-5", []time.Time{at(8, 59, 59, 0)}, time.Date(2026, 2, 27, 9, 0, 0, 0, time.UTC)},
		// Processes started at 08:12:07 and 08:47:30 fire at these times.
		{"EveryHour", "@every 1h", []time.Time{at(9, 12, 7, 0), at(9, 47, 30, 0)}, at(9, 0, 0, 0)},
		{"EveryTenMinutes", "@every 10m", []time.Time{at(9, 20, 0, 0), at(9, 23, 7, 0), at(9, 29, 59, 0)}, at(9, 20, 0, 0)},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := parseSchedule(c.spec)
			if err != nil {
				t.Fatal(err)
			}
			for _, now := range c.fired {
				if got := scheduledSlot(s, now); !got.Equal(c.want) {
					t.Errorf("fired at %s: slot %s, want %s", now.Format("15:04:05.000"), got.Format("15:04:05"), c.want.Format("15:04:05"))
				}
			}
		})
	}
}

// TestScheduledSlot_ProcessZones: processes whose local zones differ (the
// times their clocks report are in that zone) name the same run of a
// schedule by the same instant: a spec without a zone is read in UTC, one
// with a CRON_TZ= prefix in the zone it names.
func TestScheduledSlot_ProcessZones(t *testing.T) {
	var zones []*time.Location
	for _, name := range []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Pacific/Chatham"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		zones = append(zones, loc)
	}
	// Wednesday 4 March 2026; Berlin is UTC+1 then.
	at := func(h, m int) time.Time { return time.Date(2026, 3, 4, h, m, 0, 0, time.UTC) }
	for _, c := range []struct {
		name, spec string
		now, want  time.Time
	}{
		{"UTC", "0 9 * * 1-5", at(9, 0), at(9, 0)},
		{"UTCLate", "0 9 * * 1-5", at(9, 1).Add(30 * time.Second), at(9, 0)},
		{"UTCBeforeRun", "0 9 * * 1-5", at(8, 0), at(9, 0).AddDate(0, 0, -1)},
		{"NamedZone", "CRON_TZ=Europe/Berlin 0 9 * * 1-5", at(8, 0), at(8, 0)},
		{"NamedZoneTZ", "TZ=Europe/Berlin 0 9 * * 1-5", at(8, 0).Add(90 * time.Second), at(8, 0)},
		{"Daily", "@daily", at(13, 0), at(0, 0)},
	} {
		t.Run(c.name, func(t *testing.T) {
			// One schedule per process, as each process parses its own.
			for _, loc := range zones {
				s, err := parseSchedule(c.spec)
				if err != nil {
					t.Fatal(err)
				}
				if got := scheduledSlot(s, c.now.In(loc)); !got.Equal(c.want) {
					t.Errorf("process in %s: slot %s, want %s", loc, got.UTC().Format(time.RFC3339), c.want.Format(time.RFC3339))
				}
			}
		})
	}
}
