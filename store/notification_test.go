package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// inboxFixture adds to fixture's team two leads, a lead of another team, an
// admin and the agent's login (plus a switched-off second login of the
// agent); it returns the users by name and the two teams.
func inboxFixture(t *testing.T, db *store.DB) (map[string]scheduling.User, scheduling.Team, scheduling.Team, scheduling.Agent) {
	t.Helper()
	ctx := context.Background()
	site, team, agent := fixture(t, db)
	other := scheduling.Team{SiteID: site.ID, Name: "Service EN"}
	must(t, db.CreateTeam(ctx, &other))
	users := map[string]scheduling.User{}
	for name, u := range map[string]scheduling.User{
		"lead1":    {Role: scheduling.RoleTeamLead, TeamIDs: []string{team.ID}},
		"lead2":    {Role: scheduling.RoleTeamLead, TeamIDs: []string{team.ID, other.ID}},
		"leadEN":   {Role: scheduling.RoleTeamLead, TeamIDs: []string{other.ID}},
		"admin":    {Role: scheduling.RoleAdmin, TeamIDs: []string{team.ID}},
		"agent":    {Role: scheduling.RoleAgent, AgentID: agent.ID},
		"agentOld": {Role: scheduling.RoleAgent, AgentID: agent.ID},
	} {
		u.Email, u.Name = name+"@example.com", name
		must(t, db.CreateUser(ctx, &u))
		users[name] = u
	}
	must(t, db.DisableUser(ctx, users["agentOld"].ID))
	return users, team, other, agent
}

// TestNotification_ReadStatePerReader: a team-wide reminder and personal
// notifications; each reader sees what is addressed to them, and marking a
// team-wide notification read marks it for that reader only.
func TestNotification_ReadStatePerReader(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		users, team, other, _ := inboxFixture(t, db)
		clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		db = db.WithClock(func() time.Time { clock = clock.Add(time.Minute); return clock })
		add := func(n store.Notification) store.Notification {
			t.Helper()
			ok, err := db.CreateNotification(ctx, &n)
			must(t, err)
			if !ok {
				t.Fatalf("%s not stored", n.Key)
			}
			return n
		}
		reminder := add(store.Notification{Kind: "roster_unpublished", TeamID: team.ID, Key: "reminder:de", Message: "m",
			Params: map[string]any{"team_id": team.ID, "week_start": "2026-03-09"}})
		reminderEN := add(store.Notification{Kind: "roster_unpublished", TeamID: other.ID, Key: "reminder:en", Message: "m"})
		toAgent := add(store.Notification{Kind: "time_off_approved", UserID: users["agent"].ID, TeamID: team.ID, Key: "a", Message: "m",
			Params: map[string]any{"start": "2026-03-09T23:00:00Z", "shifts": 3}})
		toLead1 := add(store.Notification{Kind: "time_off_requested", UserID: users["lead1"].ID, TeamID: team.ID, Key: "l1", Message: "m"})

		// The same key again is not stored (de-duplication).
		dup := store.Notification{Kind: "roster_unpublished", TeamID: team.ID, Key: "reminder:de", Message: "again"}
		if ok, err := db.CreateNotification(ctx, &dup); err != nil || ok {
			t.Errorf("second notification with one key: stored %v, err %v; want not stored", ok, err)
		}

		ids := func(f store.NotificationFilter) []string {
			t.Helper()
			ns, err := db.FindNotifications(ctx, f)
			must(t, err)
			out := []string{}
			for _, n := range ns {
				out = append(out, n.ID)
			}
			return out
		}
		lead1 := store.NotificationFilter{UserID: users["lead1"].ID, TeamIDs: users["lead1"].TeamIDs}
		lead2 := store.NotificationFilter{UserID: users["lead2"].ID, TeamIDs: users["lead2"].TeamIDs}
		admin := store.NotificationFilter{UserID: users["admin"].ID, AllTeams: true}
		agent := store.NotificationFilter{UserID: users["agent"].ID}
		// Newest first: each was stored a minute after the one before.
		for _, tc := range []struct {
			name string
			f    store.NotificationFilter
			want []string
		}{
			{"lead1: own and own team's", lead1, []string{toLead1.ID, reminder.ID}},
			{"lead2: both teams' reminders, nobody's personal ones", lead2, []string{reminderEN.ID, reminder.ID}},
			{"admin: every team-wide one", admin, []string{reminderEN.ID, reminder.ID}},
			{"agent: own only", agent, []string{toAgent.ID}},
			{"no reader: team-wide only", store.NotificationFilter{AllTeams: true}, []string{reminderEN.ID, reminder.ID}},
			{"paged: the one after lead1's first", store.NotificationFilter{UserID: lead1.UserID, TeamIDs: lead1.TeamIDs,
				After: &store.NotificationCursor{CreatedAt: toLead1.CreatedAt, ID: toLead1.ID}, Limit: 1}, []string{reminder.ID}},
		} {
			if got := ids(tc.f); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}

		ns, err := db.FindNotifications(ctx, agent)
		must(t, err)
		// Params come back as stored; JSON numbers decode as float64.
		if want := map[string]any{"start": "2026-03-09T23:00:00Z", "shifts": float64(3)}; len(ns) != 1 || !reflect.DeepEqual(ns[0].Params, want) {
			t.Errorf("agent's params = %+v, want %v", ns, want)
		}

		unread := func(f store.NotificationFilter) int {
			t.Helper()
			f.UnreadOnly = true
			n, err := db.CountNotifications(ctx, f)
			must(t, err)
			return n
		}
		// lead1 reads the reminder: lead2 and the admin still have it unread.
		must(t, db.MarkNotificationRead(ctx, lead1, reminder.ID))
		must(t, db.MarkNotificationRead(ctx, lead1, reminder.ID)) // twice is once
		for _, tc := range []struct {
			name string
			f    store.NotificationFilter
			want int
		}{
			{"lead1", lead1, 1}, // toLead1
			{"lead2", lead2, 2}, // both reminders
			{"admin", admin, 2}, // both reminders
			{"agent", agent, 1}, // toAgent
		} {
			if got := unread(tc.f); got != tc.want {
				t.Errorf("%s: %d unread, want %d", tc.name, got, tc.want)
			}
		}
		got, err := db.FindNotifications(ctx, lead1)
		must(t, err)
		if len(got) != 2 || got[0].Read || !got[1].Read {
			t.Errorf("lead1's notifications = %+v, want the personal one unread and the reminder read", got)
		}

		// Another reader's notification, or another team's, is not found.
		for _, tc := range []struct {
			name string
			f    store.NotificationFilter
			id   string
		}{
			{"lead1 marks the agent's", lead1, toAgent.ID},
			{"lead1 marks team EN's reminder", lead1, reminderEN.ID},
			{"the agent marks a reminder", agent, reminder.ID},
			{"an unknown id", agent, "no-such-id"},
		} {
			if err := db.MarkNotificationRead(ctx, tc.f, tc.id); !errors.Is(err, scheduling.ErrNotFound) {
				t.Errorf("%s: err %v, want ErrNotFound", tc.name, err)
			}
		}
		if n := unread(agent); n != 1 {
			t.Errorf("agent: %d unread after others' attempts, want 1", n)
		}

		// lead2 reads everything: their two, nobody else's.
		n, err := db.MarkNotificationsRead(ctx, lead2, "")
		must(t, err)
		if n != 2 || unread(lead2) != 0 || unread(admin) != 2 || unread(lead1) != 1 {
			t.Errorf("read-all marked %d; unread lead2 %d admin %d lead1 %d; want 2; 0 2 1", n, unread(lead2), unread(admin), unread(lead1))
		}
		if got := ids(store.NotificationFilter{UserID: lead2.UserID, TeamIDs: lead2.TeamIDs, UnreadOnly: true}); len(got) != 0 {
			t.Errorf("lead2's unread after read-all: %v", got)
		}
	})
}

// TestNotification_Recipients: an agent's logins (switched-off ones left
// out) and a team's leads (not its admins, not other teams' leads).
func TestNotification_Recipients(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		users, team, other, agent := inboxFixture(t, db)
		logins, err := db.AgentLogins(ctx, []string{agent.ID, "no-such-agent"})
		must(t, err)
		if want := map[string][]string{agent.ID: {users["agent"].ID}}; !reflect.DeepEqual(logins, want) {
			t.Errorf("agent logins = %v, want %v (agentOld is switched off)", logins, want)
		}
		sorted := func(names ...string) []string {
			var ids []string
			for _, n := range names {
				ids = append(ids, users[n].ID)
			}
			slices.Sort(ids)
			return ids
		}
		for _, tc := range []struct {
			team scheduling.Team
			want []string
		}{
			{team, sorted("lead1", "lead2")},
			{other, sorted("lead2", "leadEN")},
		} {
			got, err := db.TeamLeadLogins(ctx, tc.team.ID)
			must(t, err)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("leads of %s = %v, want %v", tc.team.Name, got, tc.want)
			}
		}
	})
}

// TestNotification_StoredWithTheAction: a notification written in a
// transaction that fails is not stored.
func TestNotification_StoredWithTheAction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		users, _, _, _ := inboxFixture(t, db)
		boom := fmt.Errorf("the action failed")
		err := db.Tx(ctx, func(tx *store.DB) error {
			n := store.Notification{Kind: "swap_proposed", UserID: users["agent"].ID, Key: "k", Message: "m"}
			if _, err := tx.CreateNotification(ctx, &n); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("tx err = %v, want %v", err, boom)
		}
		n, err := db.CountNotifications(ctx, store.NotificationFilter{UserID: users["agent"].ID})
		must(t, err)
		if n != 0 {
			t.Errorf("%d notifications after the rolled-back action, want 0", n)
		}
	})
}

// TestNotification_KeysetPaging: pages after a cursor neither skip nor
// repeat a notification, also among notifications stored at one instant
// (ordered by ID) and when one of a page is read before the next page of
// unread ones; MarkNotificationsRead up to a notification leaves newer
// ones unread, and refuses one the reader does not have.
func TestNotification_KeysetPaging(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		users, _, _, _ := inboxFixture(t, db)
		clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		db = db.WithClock(func() time.Time { return clock })
		reader := store.NotificationFilter{UserID: users["agent"].ID}
		var all []store.Notification
		for i := range 7 {
			if i%3 == 0 {
				clock = clock.Add(time.Second) // three at a time share an instant
			}
			n := store.Notification{Kind: "time_off_approved", UserID: reader.UserID, Key: fmt.Sprint("k", i), Message: "m"}
			_, err := db.CreateNotification(ctx, &n)
			must(t, err)
			all = append(all, n)
		}
		newestFirst, err := db.FindNotifications(ctx, reader)
		must(t, err)
		if len(newestFirst) != len(all) {
			t.Fatalf("%d notifications, want %d", len(newestFirst), len(all))
		}
		ids := func(ns []store.Notification) []string {
			out := []string{}
			for _, n := range ns {
				out = append(out, n.ID)
			}
			return out
		}

		// One at a time, each page after the last one's cursor: the whole list in order.
		var paged []store.Notification
		f := reader
		f.Limit = 1
		for range len(all) + 1 {
			p, err := db.FindNotifications(ctx, f)
			must(t, err)
			if len(p) == 0 {
				break
			}
			paged = append(paged, p...)
			f.After = &store.NotificationCursor{CreatedAt: p[0].CreatedAt, ID: p[0].ID}
		}
		if got, want := ids(paged), ids(newestFirst); !slices.Equal(got, want) {
			t.Errorf("paged one at a time: %v, want %v", got, want)
		}

		// Unread, three a page; the first of the first page is read before the second page.
		f = reader
		f.UnreadOnly, f.Limit = true, 3
		first, err := db.FindNotifications(ctx, f)
		must(t, err)
		must(t, db.MarkNotificationRead(ctx, reader, first[0].ID))
		last := first[len(first)-1]
		f.After = &store.NotificationCursor{CreatedAt: last.CreatedAt, ID: last.ID}
		second, err := db.FindNotifications(ctx, f)
		must(t, err)
		if got, want := ids(append(first, second...)), ids(newestFirst[:6]); !slices.Equal(got, want) {
			t.Errorf("unread pages with one read between them: %v, want %v", got, want)
		}

		// Read up to the fourth newest: the three newer stay unread (but the one read before).
		upTo := newestFirst[3]
		if _, err := db.MarkNotificationsRead(ctx, store.NotificationFilter{UserID: users["lead1"].ID}, upTo.ID); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("another reader marks up to the agent's notification: %v, want ErrNotFound", err)
		}
		n, err := db.MarkNotificationsRead(ctx, reader, upTo.ID)
		must(t, err)
		f = reader
		f.UnreadOnly = true
		unread, err := db.FindNotifications(ctx, f)
		must(t, err)
		if got, want := ids(unread), ids(newestFirst[1:3]); n != 4 || !slices.Equal(got, want) {
			t.Errorf("read up to the fourth: marked %d, unread %v; want 4 marked, unread %v", n, got, want)
		}
	})
}
