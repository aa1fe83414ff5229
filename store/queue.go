package store

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"gorm.io/gorm"

	"github.com/shiftplan/shiftplan/scheduling"
)

type queueRow struct {
	ID              string `gorm:"primaryKey"`
	SiteID          string
	Name            string
	Channel         string
	RequiredSkills  string
	ServiceLevel    float64
	AnswerWithinS   int64 `gorm:"column:answer_within_s"`
	AsaS            int64 `gorm:"column:asa_s"`
	MaxOccupancy    float64
	MaxAbandon      float64
	ResponseWithinS int64 `gorm:"column:response_within_s"`
	AhtS            int64 `gorm:"column:aht_s"`
	Concurrency     int
	PatienceS       int64 `gorm:"column:patience_s"`
	// ConcurrencyGrowth and MaxAbandon came with migration 10.
	ConcurrencyGrowth float64
	CreatedAt         time.Time
}

func (queueRow) TableName() string { return "queues" }

func secs(d time.Duration) int64 { return int64(d / time.Second) }
func dur(s int64) time.Duration  { return time.Duration(s) * time.Second }

func queueToRow(q scheduling.Queue) queueRow {
	return queueRow{ID: q.ID, SiteID: q.SiteID, Name: q.Name, Channel: string(q.Channel),
		RequiredSkills: toJSON(orEmpty(q.RequiredSkills)), ServiceLevel: q.Target.ServiceLevel,
		AnswerWithinS: secs(q.Target.AnswerWithin), AsaS: secs(q.Target.ASA), MaxOccupancy: q.Target.MaxOccupancy,
		MaxAbandon: q.Target.MaxAbandon, ResponseWithinS: secs(q.Target.ResponseWithin), AhtS: secs(q.AHT), Concurrency: q.Concurrency,
		ConcurrencyGrowth: q.ConcurrencyGrowth, PatienceS: secs(q.Patience)}
}

func (r queueRow) domain() (scheduling.Queue, error) {
	q := scheduling.Queue{ID: r.ID, SiteID: r.SiteID, Name: r.Name, Channel: scheduling.Channel(r.Channel),
		Target: scheduling.ServiceTarget{ServiceLevel: r.ServiceLevel, AnswerWithin: dur(r.AnswerWithinS), ASA: dur(r.AsaS),
			MaxOccupancy: r.MaxOccupancy, MaxAbandon: r.MaxAbandon, ResponseWithin: dur(r.ResponseWithinS)},
		AHT: dur(r.AhtS), Concurrency: r.Concurrency, ConcurrencyGrowth: r.ConcurrencyGrowth, Patience: dur(r.PatienceS)}
	if err := fromJSON(r.RequiredSkills, &q.RequiredSkills); err != nil {
		return q, fmt.Errorf("queue %s required_skills: %w", r.ID, err)
	}
	return q, nil
}

// CreateQueue validates and stores a new queue and sets its ID. A
// site_id no site has, or a required skill no skill has, is refused.
func (db *DB) CreateQueue(ctx context.Context, q *scheduling.Queue) error {
	if err := q.Validate(); err != nil {
		return err
	}
	row := queueToRow(*q)
	row.ID, row.CreatedAt = newID(), db.now()
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := knownSkills(tx, "required_skills", q.RequiredSkills); err != nil {
			return err
		}
		if err := tx.Create(&row).Error; err != nil {
			if isUnique(err) {
				return nameTaken("queue", q.Name)
			}
			if isForeignKey(err) {
				return unknown("site_id", "site", q.SiteID)
			}
			return fmt.Errorf("create queue: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	q.ID = row.ID
	return nil
}

// FindQueueByID returns one queue.
func (db *DB) FindQueueByID(ctx context.Context, id string) (scheduling.Queue, error) {
	var row queueRow
	if err := db.gorm.WithContext(ctx).First(&row, "id = ?", id).Error; err != nil {
		return scheduling.Queue{}, notFound(err, "find queue "+id)
	}
	return row.domain()
}

// FindQueues returns the queues of a site ("" = all), ordered by name.
func (db *DB) FindQueues(ctx context.Context, siteID string) ([]scheduling.Queue, error) {
	q := db.gorm.WithContext(ctx).Order("name")
	if siteID != "" {
		q = q.Where("site_id = ?", siteID)
	}
	var rows []queueRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find queues: %w", err)
	}
	out := make([]scheduling.Queue, 0, len(rows))
	for _, r := range rows {
		d, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

type historyRow struct {
	QueueID string    `gorm:"primaryKey"`
	StartAt time.Time `gorm:"primaryKey"`
	LengthS int64     `gorm:"column:length_s"`
	Offered float64
	Handled float64
	AhtS    float64 `gorm:"column:aht_s"`
}

func (historyRow) TableName() string { return "interval_history" }

// ImportHistory stores interval volumes of one queue, all or nothing: a
// stored interval that overlaps an imported one is replaced by it, so
// that history re-imported at another interval length (30 minutes over
// 15) does not count the same contacts twice. It returns how many
// intervals were written.
func (db *DB) ImportHistory(ctx context.Context, queueID string, vs []scheduling.IntervalVolume) (int, error) {
	rows := make([]historyRow, len(vs))
	for i, v := range vs {
		rows[i] = historyRow{QueueID: queueID, StartAt: v.Start.UTC(), LengthS: secs(v.Length), Offered: v.Offered,
			Handled: v.Handled, AhtS: v.AHT.Seconds()}
	}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&queueRow{}).Where("id = ?", queueID).Count(&n).Error; err != nil {
			return fmt.Errorf("check queue: %w", err)
		}
		if n == 0 {
			return fmt.Errorf("import history: queue %s: %w", queueID, scheduling.ErrNotFound)
		}
		const batch = 500
		if err := deleteOverlapping(tx, queueID, rows, batch); err != nil {
			return err
		}
		for i := 0; i < len(rows); i += batch {
			chunk := rows[i:min(i+batch, len(rows))]
			if err := tx.Create(&chunk).Error; err != nil {
				if isForeignKey(err) {
					// The queue was removed after the check above.
					return fmt.Errorf("import history: queue %s: %w", queueID, scheduling.ErrNotFound)
				}
				return fmt.Errorf("import history: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// maxHistoryInterval bounds a stored interval's length (the API refuses
// longer ones): a stored interval overlapping an imported one starts at
// most this long before it.
const maxHistoryInterval = 24 * time.Hour

// deleteOverlapping removes the queue's stored intervals that overlap any
// of rows, batch imported rows at a time.
func deleteOverlapping(tx *gorm.DB, queueID string, rows []historyRow, batch int) error {
	in := slices.Clone(rows)
	slices.SortFunc(in, func(a, b historyRow) int { return a.StartAt.Compare(b.StartAt) })
	// reach[i] is the latest end among in[0..i]: a stored interval [s, e)
	// overlaps an imported one iff, with j the last imported start before
	// e, reach[j] > s.
	reach := make([]time.Time, len(in))
	for i, r := range in {
		reach[i] = r.StartAt.Add(max(dur(r.LengthS), time.Second))
		if i > 0 && reach[i-1].After(reach[i]) {
			reach[i] = reach[i-1]
		}
	}
	var gone []time.Time
	for i := 0; i < len(in); i += batch {
		j := min(i+batch, len(in)) - 1
		var stored []historyRow
		if err := tx.Select("start_at", "length_s").Where("queue_id = ? AND start_at >= ? AND start_at < ?", queueID,
			in[i].StartAt.Add(-maxHistoryInterval), reach[j]).Find(&stored).Error; err != nil {
			return fmt.Errorf("replace history: %w", err)
		}
		for _, r := range stored {
			s := r.StartAt.UTC()
			e := s.Add(max(dur(r.LengthS), time.Second)) // an interval without a length still covers its start
			k := sort.Search(len(in), func(k int) bool { return !in[k].StartAt.Before(e) }) - 1
			if k >= 0 && reach[k].After(s) {
				gone = append(gone, s)
			}
		}
	}
	slices.SortFunc(gone, time.Time.Compare)
	gone = slices.Compact(gone)
	for i := 0; i < len(gone); i += batch {
		if err := tx.Where("queue_id = ? AND start_at IN ?", queueID, gone[i:min(i+batch, len(gone))]).Delete(&historyRow{}).Error; err != nil {
			return fmt.Errorf("replace history: %w", err)
		}
	}
	return nil
}

// FindHistory returns a queue's interval volumes with from <= start < to
// (zero times do not bound), ordered by start.
func (db *DB) FindHistory(ctx context.Context, queueID string, from, to time.Time) ([]scheduling.IntervalVolume, error) {
	q := db.gorm.WithContext(ctx).Where("queue_id = ?", queueID).Order("start_at")
	if !from.IsZero() {
		q = q.Where("start_at >= ?", from.UTC())
	}
	if !to.IsZero() {
		q = q.Where("start_at < ?", to.UTC())
	}
	var rows []historyRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find history: %w", err)
	}
	out := make([]scheduling.IntervalVolume, len(rows))
	for i, r := range rows {
		out[i] = scheduling.IntervalVolume{QueueID: r.QueueID, Start: r.StartAt.UTC(), Length: dur(r.LengthS), Offered: r.Offered,
			Handled: r.Handled, AHT: time.Duration(r.AhtS * float64(time.Second))}
	}
	return out, nil
}

// UpdateQueue validates and replaces a queue's fields (not its site); a
// required skill no skill has is refused.
func (db *DB) UpdateQueue(ctx context.Context, q scheduling.Queue) error {
	if err := q.Validate(); err != nil {
		return err
	}
	row := queueToRow(q)
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := knownSkills(tx, "required_skills", q.RequiredSkills); err != nil {
			return err
		}
		res := tx.Model(&queueRow{}).Where("id = ? AND site_id = ?", q.ID, q.SiteID).
			Select("name", "channel", "required_skills", "service_level", "answer_within_s", "asa_s", "max_occupancy",
				"max_abandon", "response_within_s", "aht_s", "concurrency", "concurrency_growth", "patience_s").Updates(&row)
		return updated(res, "queue", q.Name, q.ID)
	})
}

// updated turns the result of updating (or deleting) one row of a site's
// named things into the store's errors: a name in use is ErrConflict
// (nameTaken), no row ErrNotFound.
func updated(res *gorm.DB, what, name, id string) error {
	if res.Error != nil {
		if isUnique(res.Error) {
			return nameTaken(what, name)
		}
		return fmt.Errorf("write %s: %w", what, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("%s %s: %w", what, id, scheduling.ErrNotFound)
	}
	return nil
}

// nameTaken is the conflict of the name (a code for a shift template or
// skill) of a what that a unique index refused.
func nameTaken(what, name string) error {
	switch what {
	case "site":
		return siteNameTaken(name)
	case "team":
		return scheduling.Conflict("team %q already exists at this site", name)
	case "queue":
		return scheduling.Conflict("queue %q already exists at this site", name)
	case "shift template":
		return templateCodeTaken(name)
	}
	return scheduling.Conflict("%s %q exists already", what, name)
}

// DeleteQueue removes a queue no shift serves, with its history and
// forecasts: one added by mistake, which would otherwise be forecast and
// staffed in every roster of its site. A queue shifts serve stays
// (ErrConflict). The queue's row is locked first (see locked and
// knownShiftRefs): a shift naming it written meanwhile waits, and is
// either counted here or refused there.
func (db *DB) DeleteQueue(ctx context.Context, id string) error {
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row queueRow
		if err := locked(tx).Select("id", "name").First(&row, "id = ?", id).Error; err != nil {
			return notFound(err, "find queue "+id)
		}
		shifts := tx.Model(&shiftRow{}).Where("queue_id = ?", id)
		if err := unused(shifts, row.Name, "queue %q: 1 shift serves it", "queue %q: %d shifts serve it"); err != nil {
			return err
		}
		if err := tx.Delete(&historyRow{}, "queue_id = ?", id).Error; err != nil {
			return fmt.Errorf("delete queue history: %w", err)
		}
		if err := tx.Delete(&forecastRow{}, "queue_id = ?", id).Error; err != nil {
			return fmt.Errorf("delete queue forecasts: %w", err)
		}
		return updated(tx.Delete(&queueRow{}, "id = ?", id), "queue", "", id)
	})
}

// unused refuses (ErrConflict) when query counts any row that uses the
// thing called name: formatOne says name and that one row uses it,
// formatMany name and how many (%q then %d), as in
// `queue "Phone DE": 3 shifts serve it`.
func unused(query *gorm.DB, name, formatOne, formatMany string) error {
	var n int64
	if err := query.Count(&n).Error; err != nil {
		return fmt.Errorf("count what uses %q: %w", name, err)
	}
	switch {
	case n == 1:
		return scheduling.Conflict(formatOne, name)
	case n > 1:
		return scheduling.Conflict(formatMany, name, n)
	}
	return nil
}

// use is one kind of row that may still refer to what a delete removes:
// query counts them; formatOne and formatMany say one row and %d rows.
type use struct {
	formatOne, formatMany string
	query                 *gorm.DB
}

// counted is the use of the rows query counts, said "1 agent" by
// formatOne and "3 agents" by formatMany.
func counted(query *gorm.DB, formatOne, formatMany string) use {
	return use{formatOne: formatOne, formatMany: formatMany, query: query}
}

// uses counts each use and lists those with rows, "3 agents and 1
// roster" (empty when none has any); single says the list is one row,
// for the verb that follows.
func uses(us ...use) (list scheduling.Phrases, single bool, err error) {
	var total int64
	for _, u := range us {
		var n int64
		if err := u.query.Count(&n).Error; err != nil {
			return nil, false, fmt.Errorf("count what uses it: %w", err)
		}
		switch {
		case n == 1:
			list = append(list, scheduling.Say(u.formatOne))
		case n > 1:
			list = append(list, scheduling.Say(u.formatMany, n))
		}
		total += n
	}
	return list, total == 1, nil
}

// belonging refuses (ErrConflict) to remove the thing called name while
// rows of us still belong to it: formatOne says name and the list (%q
// then %s) when it is one row, formatMany when it is more, as in
// `team "A": 3 agents and 1 roster belong to it; move or remove them
// first`.
func belonging(name, formatOne, formatMany string, us ...use) error {
	list, single, err := uses(us...)
	if err != nil || len(list) == 0 {
		return err
	}
	if single {
		return scheduling.Conflict(formatOne, name, list)
	}
	return scheduling.Conflict(formatMany, name, list)
}
