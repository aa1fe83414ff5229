package api_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestLists_DatesInEachSitesDay: GET /shifts, /time-off and /rosters read
// a date as the start of that day at each item's own site, an RFC 3339
// time as that instant. Sites: Berlin (CET, UTC+1) and New York (EST,
// UTC−5, until 8 March 2026 02:00, then EDT, UTC−4). Wednesday 4 March
// 2026 is [3 Mar 23:00Z, 4 Mar 23:00Z) in Berlin and [4 Mar 05:00Z,
// 5 Mar 05:00Z) in New York; read in UTC it was [4 Mar 00:00Z, 5 Mar
// 00:00Z). Shifts, by hand:
//
//	b1  Berlin Wed 4 Mar 00:30–06:00 CET    3 Mar 23:30Z – 4 Mar 05:00Z  Wednesday in Berlin
//	b2  Berlin Thu 5 Mar 00:30–06:00 CET    4 Mar 23:30Z – 5 Mar 05:00Z  Thursday in Berlin, Wednesday in UTC
//	n1  NY Tue 3 Mar 20:00–23:30 EST        4 Mar 01:00Z – 04:30Z         Tuesday in NY, Wednesday in UTC
//	n2  NY Wed 4 Mar 20:00 – Thu 04:00 EST  5 Mar 01:00Z – 09:00Z         Wednesday in NY, Thursday in UTC
//
// so ?from=2026-03-04&to=2026-03-05 lists b1 and n2 (UTC days gave b1,
// b2 and n1), and the UTC instants 2026-03-04T00:00:00Z to
// 2026-03-05T00:00:00Z list b1, b2 and n1. Time off (whole local days):
// NY Tuesday [3 Mar 05:00Z, 4 Mar 05:00Z) and Berlin Thursday [4 Mar
// 23:00Z, 5 Mar 23:00Z) are not Wednesday (UTC days listed both), NY
// Wednesday is. Rosters (all 2–9 March): the instant 2026-03-09T03:00:00Z
// is still Sunday 8 March 23:00 EDT in New York, whose roster ends at
// 9 March 00:00 EDT = 04:00Z, so from it only the New York roster is
// listed; Berlin's end at 8 March 23:00Z (UTC days listed none).
func TestLists_DatesInEachSitesDay(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		nyz := f.zoneSite(t, "America/New_York", "US", week)
		bz := f.zoneSite(t, "Europe/Berlin", "DE-BE", week)
		shift := func(z zoneSite, y int, m time.Month, d, h, min int, length time.Duration) scheduling.Shift {
			start := time.Date(y, m, d, h, min, 0, 0, z.loc)
			return scheduling.Shift{AgentID: z.agent.ID, Start: start, End: start.Add(length), Activity: "work", Status: scheduling.ShiftActive}
		}
		b1, b2 := shift(bz, 2026, 3, 4, 0, 30, 330*time.Minute), shift(bz, 2026, 3, 5, 0, 30, 330*time.Minute)
		n1, n2 := shift(nyz, 2026, 3, 3, 20, 0, 210*time.Minute), shift(nyz, 2026, 3, 4, 20, 0, 8*time.Hour)
		for _, x := range []struct {
			z      zoneSite
			shifts []scheduling.Shift
		}{{bz, []scheduling.Shift{b1, b2}}, {nyz, []scheduling.Shift{n1, n2}}} {
			v, err := f.db.ReplaceRosterShifts(ctx, x.z.roster.ID, 0, x.shifts)
			must(t, err)
			_, err = f.db.PublishRoster(ctx, x.z.roster.ID, v)
			must(t, err)
		}
		admin := f.login(t, "admin")
		starts := func(q string) []time.Time {
			t.Helper()
			res, body := admin.do("GET", "/api/v1/shifts?limit=100&"+q, nil, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET /shifts?%s: %d %s", q, res.StatusCode, body)
			}
			var out []time.Time
			for _, it := range decode[struct{ Items []struct{ Start time.Time } }](t, body).Items {
				out = append(out, it.Start.UTC())
			}
			return out
		}
		utc := func(ss ...scheduling.Shift) []time.Time {
			var out []time.Time
			for _, s := range ss {
				out = append(out, s.Start.UTC())
			}
			slices.SortFunc(out, time.Time.Compare)
			return out
		}
		for _, tc := range []struct {
			query string
			want  []time.Time
		}{
			{"from=2026-03-04&to=2026-03-05", utc(b1, n2)},
			{"from=2026-03-04T00:00:00Z&to=2026-03-05T00:00:00Z", utc(b1, b2, n1)},
			{"team=" + nyz.team.ID + "&from=2026-03-04&to=2026-03-05", utc(n2)},
			{"from=2026-03-05", utc(b2, n2)}, // open end; the fixture's shifts are on 2 and 3 March
		} {
			if got := starts(tc.query); !slices.Equal(got, tc.want) {
				t.Errorf("GET /shifts?%s: %v, want %v", tc.query, got, tc.want)
			}
		}

		day := func(z zoneSite, d int) scheduling.TimeOff {
			to := scheduling.TimeOff{AgentID: z.agent.ID, Start: time.Date(2026, 3, d, 0, 0, 0, 0, z.loc), End: time.Date(2026, 3, d+1, 0, 0, 0, 0, z.loc), Kind: "vacation"}
			must(t, f.db.CreateTimeOff(ctx, &to))
			return to
		}
		day(nyz, 3)
		day(bz, 5)
		nyWed := day(nyz, 4)
		for _, who := range []string{"admin", "hr"} {
			res, body := f.login(t, who).do("GET", "/api/v1/time-off?from=2026-03-04&to=2026-03-05", nil, nil)
			items := decode[struct{ Items []struct{ ID string } }](t, body).Items
			if res.StatusCode != http.StatusOK || len(items) != 1 || items[0].ID != nyWed.ID {
				t.Errorf("%s: GET /time-off of Wednesday: %d %s, want only New York's Wednesday %s", who, res.StatusCode, body, nyWed.ID)
			}
		}

		rosters := func(q string) []string {
			t.Helper()
			res, body := admin.do("GET", "/api/v1/rosters?limit=100&"+q, nil, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET /rosters?%s: %d %s", q, res.StatusCode, body)
			}
			var ids []string
			for _, it := range decode[struct{ Items []struct{ ID string } }](t, body).Items {
				ids = append(ids, it.ID)
			}
			slices.Sort(ids)
			return ids
		}
		all := []string{f.roster.ID, nyz.roster.ID, bz.roster.ID}
		slices.Sort(all)
		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"from=2026-03-08&to=2026-03-09", all},
			{"from=2026-03-09", nil},
			{"from=2026-03-09T03:00:00Z", []string{nyz.roster.ID}},
			{"to=2026-03-02T04:30:00Z", []string{f.roster.ID, bz.roster.ID}}, // Berlin's Monday began at 1 Mar 23:00Z, New York's begins at 05:00Z
		} {
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if got := rosters(tc.query); !slices.Equal(got, want) {
				t.Errorf("GET /rosters?%s: %v, want %v", tc.query, got, want)
			}
		}
	})
}

// TestTimeOff_ApprovalListsShiftsWithTheirFlags: the shifts an approval
// lists are described as GET /shifts describes them, in the site's zone
// and holiday region. New York (EST, UTC−5), US holidays (Christmas Day,
// 25 December, is one; Christmas Eve is not):
//
//   - night shift (template N) Thu 24 Dec 2026 22:00 → Fri 06:00 EST
//     (25 Dec 03:00Z–11:00Z): night, not weekend, not holiday (it starts
//     on the 24th; in UTC it would start on Christmas Day);
//   - Fri 25 Dec 20:00–23:00 EST (26 Dec 01:00Z–04:00Z): holiday, not
//     weekend (in UTC it would start on Saturday), not night.
//
// Time off from 24 Dec 12:00 to 25 Dec 22:00 EST covers the first whole
// (cancelled) and the second in part (it stays active).
func TestTimeOff_ApprovalListsShiftsWithTheirFlags(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	z := f.zoneSite(t, "America/New_York", "US", time.Date(2026, 12, 21, 0, 0, 0, 0, time.UTC))
	at := func(d, h int) time.Time { return time.Date(2026, 12, d, h, 0, 0, 0, z.loc) }
	night := scheduling.Shift{AgentID: z.agent.ID, TemplateID: z.night.ID, Start: at(24, 22), End: at(25, 6), Activity: "work", Status: scheduling.ShiftActive}
	xmas := scheduling.Shift{AgentID: z.agent.ID, Start: at(25, 20), End: at(25, 23), Activity: "work", Status: scheduling.ShiftActive}
	_, err := f.db.ReplaceRosterShifts(ctx, z.roster.ID, 0, []scheduling.Shift{night, xmas})
	must(t, err)
	off := scheduling.TimeOff{AgentID: z.agent.ID, Start: at(24, 12), End: at(25, 22), Kind: "vacation"}
	must(t, f.db.CreateTimeOff(ctx, &off))

	res, body := f.login(t, "admin").do("POST", "/api/v1/time-off/"+off.ID+"/approve", nil, nil)
	type flags struct {
		Status                  string
		Night, Weekend, Holiday bool
	}
	d := decode[struct {
		Affected []struct {
			Start     time.Time
			AgentName string `json:"agent_name"`
			flags
		} `json:"affected_shifts"`
	}](t, body)
	if res.StatusCode != http.StatusOK || len(d.Affected) != 2 {
		t.Fatalf("approve: %d %s", res.StatusCode, body)
	}
	want := map[time.Time]flags{
		night.Start.UTC(): {Status: "cancelled", Night: true},
		xmas.Start.UTC():  {Status: "active", Holiday: true},
	}
	for _, s := range d.Affected {
		if w, ok := want[s.Start.UTC()]; !ok || s.flags != w || s.AgentName != z.agent.Name() {
			t.Errorf("affected shift from %v: %+v (%q), want %+v (%q)", s.Start.UTC(), s.flags, s.AgentName, w, z.agent.Name())
		}
	}
}
