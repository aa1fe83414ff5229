package api

import (
	"context"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// otherTeamsCover counts, per queue and interval of [start, start+n·interval),
// the agents of other teams of the same site whose published shifts serve
// that queue then (breaks excluded). A team's roster covers only what the
// rest of the site leaves open.
func otherTeamsCover(ctx context.Context, db *store.DB, rc *rosterContext, start time.Time, n int, interval time.Duration) (map[string][]int, error) {
	end := start.Add(time.Duration(n) * interval)
	rosters, err := db.FindRosters(ctx, store.RosterFilter{Status: scheduling.Published, From: civilOf(start.In(rc.loc)), To: civilOf(end.In(rc.loc)).AddDate(0, 0, 1)})
	if err != nil {
		return nil, err
	}
	teams, err := db.FindTeams(ctx, rc.site.ID)
	if err != nil {
		return nil, err
	}
	siteTeam := map[string]bool{}
	for _, t := range teams {
		siteTeam[t.ID] = t.ID != rc.roster.TeamID
	}
	out := map[string][]int{}
	for _, r := range rosters {
		if !siteTeam[r.TeamID] {
			continue
		}
		shifts, err := db.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID, From: start, To: end})
		if err != nil {
			return nil, err
		}
		for _, s := range shifts {
			if s.QueueID == "" || s.Activity != "work" {
				continue
			}
			cnt := out[s.QueueID]
			if cnt == nil {
				cnt = make([]int, n)
				out[s.QueueID] = cnt
			}
			for i := 0; i < n; i++ {
				a := start.Add(time.Duration(i) * interval)
				if onPhones(s, a, a.Add(interval)) {
					cnt[i]++
				}
			}
		}
	}
	return out, nil
}

// onPhones reports whether shift s covers all of [a, b) outside its breaks.
func onPhones(s scheduling.Shift, a, b time.Time) bool {
	if s.Start.After(a) || s.End.Before(b) {
		return false
	}
	for _, br := range s.Breaks {
		if br.Start.Before(b) && br.End.After(a) {
			return false
		}
	}
	return true
}

// lessCover lowers a requirement by the agents already there and shifts its
// marginal-value curve (Marginal[k] is the k-th agent's value, Marginal[0]
// unused) so that the first agent of this team is valued as the (m+1)-th.
func lessCover(required float64, marginal []float64, m int) (float64, []float64) {
	if m <= 0 {
		return required, marginal
	}
	rest := []float64{0}
	if m+1 < len(marginal) {
		rest = append(rest, marginal[m+1:]...)
	}
	return max(0, required-float64(m)), rest
}
