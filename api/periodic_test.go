package api

import (
	"testing"
	"time"

	"github.com/robfig/cron/v3"
)

// TestScheduledSlot: every process names a run by the same slot however
// late within its minute its cron fires, so that the run is enqueued once
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
		// Processes started at 08:12:07 and 08:47:30 fire at these times.
		{"EveryHour", "@every 1h", []time.Time{at(9, 12, 7, 0), at(9, 47, 30, 0)}, at(9, 0, 0, 0)},
		{"EveryTenMinutes", "@every 10m", []time.Time{at(9, 20, 0, 0), at(9, 23, 7, 0), at(9, 29, 59, 0)}, at(9, 20, 0, 0)},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := cron.ParseStandard(c.spec)
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
