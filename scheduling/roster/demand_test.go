package roster

import (
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

func TestDemandFromHistory_DayStartsWhereTheCalendarDoes(t *testing.T) {
	// Havana skips midnight on 8 March 2026 (00:00 CST → 01:00 CDT): the
	// day runs 23 h from 01:00 CDT (05:00 UTC) to the next midnight
	// (9 March 00:00 CDT, 04:00 UTC), 46 half-hours. The demand must
	// start and end where the roster's calendar does, or every interval
	// of the period would be off by one.
	loc, err := time.LoadLocation("America/Havana")
	if err != nil {
		t.Fatal(err)
	}
	q := scheduling.Queue{ID: "q", SiteID: "s", Name: "Service", Channel: scheduling.Phone, AHT: 5 * time.Minute,
		Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}}
	// Four weeks of 10 calls every half-hour before the period.
	var hist []scheduling.IntervalVolume
	for at := time.Date(2026, 2, 8, 5, 0, 0, 0, time.UTC); at.Before(time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC)); at = at.Add(30 * time.Minute) {
		hist = append(hist, scheduling.IntervalVolume{QueueID: "q", Start: at, Length: 30 * time.Minute, Offered: 10, AHT: 5 * time.Minute})
	}
	start := scheduling.LocalTime(2026, 3, 8, 0, loc)
	if want := time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC); !start.Equal(want) {
		t.Fatalf("day start %v, want %v", start.UTC(), want)
	}
	ds, err := DemandFromHistory([]scheduling.Queue{q}, map[string][]scheduling.IntervalVolume{"q": hist},
		DemandOptions{Location: loc, PeriodStart: start, Days: 1, Interval: 30 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || len(ds[0].Required) != 46 {
		t.Fatalf("demand %d queues, %d intervals; want 1 queue, 46 intervals", len(ds), len(ds[0].Required))
	}
	in := smallInput(t, start, 1, 1)
	in.Location, in.Site.TimeZone = loc, "America/Havana"
	if c := newCalendar(&in); c.n != 46 || !c.start.Equal(start) {
		t.Errorf("calendar %d intervals from %v, want 46 from %v", c.n, c.start.UTC(), start.UTC())
	}
}

// TestStaffQueue_AbandonAndGrowth: the roster's demand staffs a queue's
// cap on abandonment and its chats' handle-time growth. Each makes a
// quarter hour of 100 contacts of 300 s need more agents: a 1 % cap where
// a 20 %-in-60-s service level lets most waiting callers give up, and
// chats made 1.5 times as long by a growth of 0.5 with two at once.
func TestStaffQueue_AbandonAndGrowth(t *testing.T) {
	start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	need := func(q scheduling.Queue) float64 {
		t.Helper()
		qd, err := StaffQueue(q, start, 15*time.Minute, []float64{100}, []time.Duration{300 * time.Second}, 0)
		if err != nil {
			t.Fatal(err)
		}
		return qd.Required[0]
	}
	phone := scheduling.Queue{ID: "p", SiteID: "s", Name: "Phone", Channel: scheduling.Phone, AHT: 300 * time.Second, Patience: 60 * time.Second,
		Target: scheduling.ServiceTarget{ServiceLevel: 0.2, AnswerWithin: 60 * time.Second}}
	capped := phone
	capped.Target.MaxAbandon = 0.01
	if a, b := need(phone), need(capped); !(b > a) {
		t.Errorf("a 1 %% abandonment cap needs %.2f agents, without it %.2f: want more", b, a)
	}
	chat := scheduling.Queue{ID: "c", SiteID: "s", Name: "Chat", Channel: scheduling.Chat, AHT: 300 * time.Second, Concurrency: 2,
		Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 60 * time.Second}}
	slower := chat
	slower.ConcurrencyGrowth = 0.5
	if a, b := need(chat), need(slower); !(b > a) {
		t.Errorf("chats growing by 0.5 need %.2f agents, without growth %.2f: want more", b, a)
	}
}
