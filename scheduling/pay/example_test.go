package pay_test

import (
	"fmt"
	"time"

	"github.com/shiftplan/shiftplan/scheduling/holiday"
	"github.com/shiftplan/shiftplan/scheduling/pay"
)

func ExampleSummarize() {
	loc, _ := time.LoadLocation("Europe/Berlin")
	hol, _ := holiday.For("DE-BY")
	rules := pay.Rules{
		NightStart: 22 * time.Hour, NightEnd: 6 * time.Hour, NightPremium: 0.25,
		SundayPremium: 0.5, HolidayPremium: 1.25, OvertimePremium: 0.25,
	}
	// Christmas Eve into Christmas Day, 30 minutes unpaid break at midnight.
	shift := pay.Shift{
		ID:     "s-1",
		Start:  time.Date(2026, 12, 24, 20, 0, 0, 0, loc),
		End:    time.Date(2026, 12, 25, 4, 30, 0, 0, loc),
		Breaks: []pay.Break{{Start: time.Date(2026, 12, 25, 0, 0, 0, 0, loc), End: time.Date(2026, 12, 25, 0, 30, 0, 0, loc)}},
	}
	sum, err := pay.Summarize([]pay.Shift{shift}, pay.Contract{WeeklyHours: 38.5, HourlyRate: 20}, rules, loc, hol)
	if err != nil {
		fmt.Println(err)
		return
	}
	t := sum.Total
	fmt.Printf("paid %v, regular %v, night %v, holiday %v\n", t.Paid, t.Regular, t.Category[pay.Night], t.Category[pay.Holiday])
	fmt.Printf("base %.2f + night %.2f + holiday %.2f = gross %.2f\n", t.Base, t.Premium[pay.Night], t.Premium[pay.Holiday], t.Gross())
	// Output:
	// paid 8h0m0s, regular 2h0m0s, night 6h0m0s, holiday 4h0m0s
	// base 160.00 + night 30.00 + holiday 100.00 = gross 290.00
}
