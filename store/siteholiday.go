package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
)

type siteHolidayRow struct {
	SiteID      string    `gorm:"primaryKey"`
	Day         time.Time `gorm:"primaryKey"`
	Name        string
	Working     bool
	FromMinutes int
	UpdatedAt   time.Time
}

func (siteHolidayRow) TableName() string { return "site_holidays" }

func (r siteHolidayRow) domain() holiday.Day {
	y, m, d := r.Day.UTC().Date()
	return holiday.Day{Year: y, Month: m, Day: d, Name: r.Name, Working: r.Working, From: time.Duration(r.FromMinutes) * time.Minute}
}

// FindSiteHolidays returns the site's own changes to its region's holiday
// calendar (holiday.Calendar.With), in date order.
func (db *DB) FindSiteHolidays(ctx context.Context, siteID string) ([]holiday.Day, error) {
	var rows []siteHolidayRow
	if err := db.gorm.WithContext(ctx).Where("site_id = ?", siteID).Order("day").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find holidays of site %s: %w", siteID, err)
	}
	out := make([]holiday.Day, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// PutSiteHoliday sets the site's own day on d's date, replacing one
// stored for that date.
func (db *DB) PutSiteHoliday(ctx context.Context, siteID string, d holiday.Day) error {
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Select("id").First(&siteRow{}, "id = ?", siteID).Error; err != nil {
			return notFound(err, "find site "+siteID)
		}
		if err := tx.Delete(&siteHolidayRow{}, "site_id = ? AND day = ?", siteID, d.Date()).Error; err != nil {
			return fmt.Errorf("replace holiday %s of site %s: %w", d.Date().Format(time.DateOnly), siteID, err)
		}
		row := siteHolidayRow{SiteID: siteID, Day: d.Date(), Name: d.Name, Working: d.Working, FromMinutes: int(d.From / time.Minute),
			UpdatedAt: db.now()}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("store holiday %s of site %s: %w", d.Date().Format(time.DateOnly), siteID, err)
		}
		return nil
	})
}

// DeleteSiteHoliday removes the site's own day on the civil date day, so
// that the region's calendar holds there again (ErrNotFound if the site
// had none).
func (db *DB) DeleteSiteHoliday(ctx context.Context, siteID string, day time.Time) error {
	day = civil(day)
	res := db.gorm.WithContext(ctx).Delete(&siteHolidayRow{}, "site_id = ? AND day = ?", siteID, day)
	if res.Error != nil {
		return fmt.Errorf("remove holiday %s of site %s: %w", day.Format(time.DateOnly), siteID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("site %s has no day of its own on %s: %w", siteID, day.Format(time.DateOnly), scheduling.ErrNotFound)
	}
	return nil
}
