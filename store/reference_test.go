package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// wantUnknown fails unless err is a ValidationError with exactly one
// problem, on field, saying `unknown <what> "<id>"`.
func wantUnknown(t *testing.T, write string, err error, field, what, id string) {
	t.Helper()
	var v *scheduling.ValidationError
	want := []scheduling.FieldError{{Field: field, Message: fmt.Sprintf("unknown %s %q", what, id)}}
	if !errors.As(err, &v) || !reflect.DeepEqual(plain(v.Fields), want) {
		t.Errorf("%s: %v, want a validation error %v", write, err, want)
	}
}

// plain returns the field and message of each problem, what a client sees.
func plain(fs []scheduling.FieldError) []scheduling.FieldError {
	out := make([]scheduling.FieldError, len(fs))
	for i, f := range fs {
		out[i] = scheduling.FieldError{Field: f.Field, Message: f.Message}
	}
	return out
}

// TestRemovedTeamOrSite_RefusedOnField: every write naming a team or site
// that was removed (what the loser of a race with DeleteTeam or DeleteSite
// meets at its insert) is a ValidationError on the field, worded as for
// an id that never existed, and stores nothing.
func TestRemovedTeamOrSite_RefusedOnField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		site, team, jana := fixture(t, db)
		goneSite := scheduling.Site{OrganisationID: site.OrganisationID, Name: "Hamburg", TimeZone: "Europe/Berlin"}
		must(t, db.CreateSite(ctx, &goneSite))
		must(t, db.DeleteSite(ctx, goneSite.ID))
		goneTeam := scheduling.Team{SiteID: site.ID, Name: "Night"}
		must(t, db.CreateTeam(ctx, &goneTeam))
		must(t, db.DeleteTeam(ctx, goneTeam.ID))
		lead := scheduling.User{Email: "lead@example.com", Name: "Petra Lange", Role: scheduling.RoleTeamLead, TeamIDs: []string{team.ID}}
		must(t, db.CreateUser(ctx, &lead))

		for _, id := range []string{goneTeam.ID, "never-a-team"} {
			tom := scheduling.Agent{TeamID: id, FirstName: "Tom", LastName: "Weber", Contract: scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40}}
			wantUnknown(t, "CreateAgent", db.CreateAgent(ctx, &tom), "team_id", "team", id)
			moved := jana
			moved.TeamID = id
			wantUnknown(t, "UpdateAgent", db.UpdateAgent(ctx, moved), "team_id", "team", id)
			r := scheduling.Roster{TeamID: id, PeriodStart: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), PeriodEnd: time.Date(2026, 6, 8, 0, 0, 0, 0, time.UTC)}
			wantUnknown(t, "CreateRoster", db.CreateRoster(ctx, &r), "team_id", "team", id)
			u := scheduling.User{Email: "new-lead@example.com", Name: "Nina Neu", Role: scheduling.RoleTeamLead, TeamIDs: []string{team.ID, id}}
			wantUnknown(t, "CreateUser", db.CreateUser(ctx, &u), "team_ids[1]", "team", id)
			led := lead
			led.TeamIDs = []string{id}
			wantUnknown(t, "UpdateUser", db.UpdateUser(ctx, led), "team_ids[0]", "team", id)
		}
		for _, id := range []string{goneSite.ID, "never-a-site"} {
			tm := scheduling.Team{SiteID: id, Name: "Day"}
			wantUnknown(t, "CreateTeam", db.CreateTeam(ctx, &tm), "site_id", "site", id)
			q := scheduling.Queue{SiteID: id, Name: "Phone", Channel: scheduling.Phone, Target: scheduling.ServiceTarget{ServiceLevel: 0.8,
				AnswerWithin: 20 * time.Second}, AHT: 300 * time.Second}
			wantUnknown(t, "CreateQueue", db.CreateQueue(ctx, &q), "site_id", "site", id)
			tp := scheduling.ShiftTemplate{SiteID: id, Code: "E", Name: "Early", EarliestStart: 7 * time.Hour, LatestStart: 7 * time.Hour, Length: 8 * time.Hour}
			wantUnknown(t, "CreateShiftTemplate", db.CreateShiftTemplate(ctx, &tp), "site_id", "site", id)
		}

		// The fixture's one site, team and agent and the lead stored above,
		// as they were.
		for table, want := range map[string]int64{"sites": 1, "teams": 1, "agents": 1, "rosters": 0, "users": 1, "queues": 0, "shift_templates": 0} {
			if n := rows(t, db, table, "1 = 1"); n != want {
				t.Errorf("%s after the refused writes: %d, want %d", table, n, want)
			}
		}
		if got, err := db.FindAgentByID(ctx, jana.ID); err != nil || got.TeamID != team.ID {
			t.Errorf("Jana after the refused move: team %q (%v), want %s", got.TeamID, err, team.ID)
		}
		if got, err := db.FindUserByID(ctx, lead.ID); err != nil || !reflect.DeepEqual(got.TeamIDs, []string{team.ID}) {
			t.Errorf("the lead after the refused update: teams %v (%v), want only %s", got.TeamIDs, err, team.ID)
		}
	})
}

// shiftWeek creates a roster of team for the week from monday with one
// 8-hour shift of agent on its Monday, and returns them.
func shiftWeek(t *testing.T, db *store.DB, team, agent string, monday time.Time) (scheduling.Roster, scheduling.Shift) {
	t.Helper()
	ctx := context.Background()
	r := scheduling.Roster{TeamID: team, PeriodStart: monday, PeriodEnd: monday.AddDate(0, 0, 7)}
	must(t, db.CreateRoster(ctx, &r))
	start := monday.Add(6 * time.Hour) // 07:00 in Berlin in winter, 08:00 in summer
	shifts := []scheduling.Shift{{AgentID: agent, Start: start, End: start.Add(8 * time.Hour)}}
	_, err := db.ReplaceRosterShifts(ctx, r.ID, 0, shifts)
	must(t, err)
	r, err = db.FindRosterByID(ctx, r.ID)
	must(t, err)
	return r, shifts[0]
}

// queueAndTemplate adds a queue and a shift template named name to site.
func queueAndTemplate(t *testing.T, db *store.DB, site, name string) (scheduling.Queue, scheduling.ShiftTemplate) {
	t.Helper()
	ctx := context.Background()
	q := scheduling.Queue{SiteID: site, Name: name, Channel: scheduling.Phone, Target: scheduling.ServiceTarget{ServiceLevel: 0.8,
		AnswerWithin: 20 * time.Second}, AHT: 300 * time.Second}
	must(t, db.CreateQueue(ctx, &q))
	tp := scheduling.ShiftTemplate{SiteID: site, Code: name, Name: name, EarliestStart: 7 * time.Hour, LatestStart: 7 * time.Hour, Length: 8 * time.Hour}
	must(t, db.CreateShiftTemplate(ctx, &tp))
	return q, tp
}

// TestShift_RefusesRemovedQueueOrTemplate: a shift edit or a roster's
// new shifts naming a queue or template that was removed are refused on
// the field, and the roster keeps its shifts and version. A shift edit
// that keeps its queue and template does not check them again, and
// replacing 500 shifts reads the queues and the templates once each.
func TestShift_RefusesRemovedQueueOrTemplate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		site, team, jana := fixture(t, db)
		r, shift := shiftWeek(t, db, team.ID, jana.ID, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
		q, tp := queueAndTemplate(t, db, site.ID, "Gone")
		must(t, db.DeleteQueue(ctx, q.ID))
		must(t, db.DeleteShiftTemplate(ctx, tp.ID))
		if err := db.DeleteQueue(ctx, q.ID); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("delete the queue again: %v, want ErrNotFound", err)
		}
		if err := db.DeleteShiftTemplate(ctx, tp.ID); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("delete the template again: %v, want ErrNotFound", err)
		}

		edit := shift
		edit.QueueID = q.ID
		_, err := db.UpdateShift(ctx, edit)
		wantUnknown(t, "UpdateShift to the removed queue", err, "queue_id", "queue", q.ID)
		edit = shift
		edit.TemplateID = tp.ID
		_, err = db.UpdateShift(ctx, edit)
		wantUnknown(t, "UpdateShift to the removed template", err, "template_id", "shift template", tp.ID)

		// Shift 2 of three is the first to name the removed queue, shift 1
		// the first to name the removed template.
		kept, kt := queueAndTemplate(t, db, site.ID, "Kept")
		next := []scheduling.Shift{shift, shift, shift}
		next[0].QueueID, next[1].TemplateID, next[2].QueueID, next[2].TemplateID = kept.ID, tp.ID, q.ID, kt.ID
		for i := range next {
			next[i].ID, next[i].Version = "", 0
		}
		_, err = db.ReplaceRosterShifts(ctx, r.ID, r.Version, next)
		var v *scheduling.ValidationError
		want := []scheduling.FieldError{{Field: "shifts[2].queue_id", Message: fmt.Sprintf("unknown queue %q", q.ID)},
			{Field: "shifts[1].template_id", Message: fmt.Sprintf("unknown shift template %q", tp.ID)}}
		if !errors.As(err, &v) || !reflect.DeepEqual(plain(v.Fields), want) {
			t.Errorf("ReplaceRosterShifts naming the removed queue and template: %v, want %v", err, want)
		}
		stored, err := db.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID})
		must(t, err)
		after, err := db.FindRosterByID(ctx, r.ID)
		must(t, err)
		if len(stored) != 1 || stored[0].ID != shift.ID || stored[0].Version != shift.Version || after.Version != r.Version {
			t.Errorf("after the refused writes: %d shifts (%+v), roster version %d; want the 1 shift at version %d, roster at %d",
				len(stored), stored, after.Version, shift.Version, r.Version)
		}

		// A shift already naming a queue keeps it through an edit of its
		// end without the queue being read.
		served := stored[0]
		served.QueueID, served.TemplateID = kept.ID, kt.ID
		served, err = db.UpdateShift(ctx, served)
		must(t, err)
		var reads int
		count := func(tx *gorm.DB) {
			if tx.Statement.Table == "queues" || tx.Statement.Table == "shift_templates" {
				reads++
			}
		}
		must(t, db.Gorm().Callback().Query().Before("gorm:query").Register("test:count_reads", count))
		served.End = served.End.Add(-time.Hour)
		if _, err := db.UpdateShift(ctx, served); err != nil || reads != 0 {
			t.Errorf("an edit keeping the queue and template: %v, %d reads of them; want none", err, reads)
		}

		// 500 shifts: one agent's Monday to Friday, 100 times over, every
		// one naming the kept queue and template.
		many := make([]scheduling.Shift, 500)
		for i := range many {
			start := r.PeriodStart.Add(time.Duration(i%5)*24*time.Hour + 6*time.Hour)
			many[i] = scheduling.Shift{AgentID: jana.ID, QueueID: kept.ID, TemplateID: kt.ID, Start: start, End: start.Add(8 * time.Hour)}
		}
		reads = 0
		_, err = db.ReplaceRosterShifts(ctx, r.ID, 0, many)
		must(t, err)
		if reads != 2 {
			t.Errorf("replacing 500 shifts read queues and templates %d times, want 2 (once each)", reads)
		}
	})
}

// TestDelete_ConcurrentShiftWritesLeaveNothingDangling: in each of five
// rounds, eight rosters get a shift naming a new queue and a new
// template, four by a shift edit and four by replacing the roster's
// shifts (as a solve does), while the queue and the template are deleted.
// Whichever wins, no shift names a queue or template that is gone, every
// write that succeeded is stored, and every refused one is refused on the
// field. This checks the outcome; both outcomes occur (here 52 of 60
// rounds refused the deletes, 8 the writes). With knownShiftRefs taken
// out it failed here in 9 of 10 runs on PostgreSQL and 4 of 10 on SQLite;
// with the deletes' row locks taken out, in 18 of 20 on PostgreSQL.
func TestDelete_ConcurrentShiftWritesLeaveNothingDangling(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		site, team, jana := fixture(t, db)
		const rounds, writers = 5, 8
		for round := range rounds {
			q, tp := queueAndTemplate(t, db, site.ID, fmt.Sprint("New ", round))
			rosters, shifts := make([]scheduling.Roster, writers), make([]scheduling.Shift, writers)
			for i := range writers {
				monday := time.Date(2026, 3, 2+7*(round*writers+i), 0, 0, 0, 0, time.UTC)
				rosters[i], shifts[i] = shiftWeek(t, db, team.ID, jana.ID, monday)
			}
			var wg sync.WaitGroup
			errs := make([]error, writers)
			var delQueue, delTemplate error
			for i := range writers {
				if i == 0 {
					wg.Add(2)
					go func() { defer wg.Done(); delQueue = db.DeleteQueue(ctx, q.ID) }()
					go func() { defer wg.Done(); delTemplate = db.DeleteShiftTemplate(ctx, tp.ID) }()
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					s := shifts[i]
					s.QueueID, s.TemplateID = q.ID, tp.ID
					if i%2 == 0 {
						_, errs[i] = db.UpdateShift(ctx, s)
						return
					}
					s.ID, s.Version = "", 0
					_, errs[i] = db.ReplaceRosterShifts(ctx, rosters[i].ID, 0, []scheduling.Shift{s})
				}()
			}
			wg.Wait()
			var stored int64
			for i, err := range errs {
				var v *scheduling.ValidationError
				switch {
				case err == nil:
					stored++
				case !errors.As(err, &v):
					t.Errorf("round %d: writer %d failed otherwise than refused on the field: %v", round, i, err)
				}
			}
			for _, err := range []error{delQueue, delTemplate} {
				if err != nil && !errors.Is(err, scheduling.ErrConflict) {
					t.Errorf("round %d: a delete failed otherwise than refused: %v", round, err)
				}
			}
			for _, c := range []struct {
				table, column, id string
				del               error
			}{{"queues", "queue_id", q.ID, delQueue}, {"shift_templates", "template_id", tp.ID, delTemplate}} {
				kept := rows(t, db, c.table, "id = ?", c.id)
				naming := rows(t, db, "shifts", c.column+" = ?", c.id)
				if (c.del == nil) != (kept == 0) || (kept == 0 && naming != 0) || naming != stored {
					t.Errorf("round %d: %s delete %v: %d kept, %d shifts naming it, %d writes succeeded; want it gone with none, or kept with every one",
						round, c.table, c.del, kept, naming, stored)
				}
			}
		}
	})
}

// TestImportHistory_QueueRemovedAtTheInsert: a queue removed between the
// import's check and its insert (as a DeleteQueue committing at that
// moment would) makes the import not found, as for a queue that never
// existed, instead of a foreign-key error; nothing is stored.
func TestImportHistory_QueueRemovedAtTheInsert(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		site, _, _ := fixture(t, db)
		q := scheduling.Queue{SiteID: site.ID, Name: "Claims", Channel: scheduling.Phone, RequiredSkills: []string{"phone"},
			Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}, AHT: 300 * time.Second}
		must(t, db.CreateQueue(ctx, &q))
		remove := func(tx *gorm.DB) {
			if tx.Statement.Table != "interval_history" {
				return
			}
			if err := tx.Session(&gorm.Session{NewDB: true}).Exec("DELETE FROM queues WHERE id = ?", q.ID).Error; err != nil {
				t.Errorf("remove the queue at the insert: %v", err)
			}
		}
		must(t, db.Gorm().Callback().Create().Before("gorm:create").Register("test:remove_queue", remove))
		defer func() { must(t, db.Gorm().Callback().Create().Remove("test:remove_queue")) }()
		start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
		_, err := db.ImportHistory(ctx, q.ID, []scheduling.IntervalVolume{{Start: start, Length: 15 * time.Minute, Offered: 12}})
		if !errors.Is(err, scheduling.ErrNotFound) {
			t.Fatalf("import into a queue removed at the insert: %v, want not found", err)
		}
		hist, err := db.FindHistory(ctx, q.ID, time.Time{}, time.Time{})
		must(t, err)
		if len(hist) != 0 {
			t.Errorf("%d intervals stored, want none", len(hist))
		}
	})
}
