package scheduling

import (
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/forecast/staffing"
)

// TestQueue_Staffing: what the staffing model is given. A chat queue
// carries its abandonment cap, patience, concurrency and growth; an
// e-mail queue only its response time, within which every e-mail is
// handled, so a service level stored with it (the web app and older
// clients send one) neither applies nor is refused by the model.
func TestQueue_Staffing(t *testing.T) {
	chat := Queue{SiteID: "s", Name: "Chat", Channel: Chat, RequiredSkills: []string{"chat", "lang:fr"}, AHT: 300 * time.Second,
		Concurrency: 3, ConcurrencyGrowth: 0.2, Patience: 90 * time.Second,
		Target: ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 60 * time.Second, MaxOccupancy: 0.85, MaxAbandon: 0.05}}
	got, err := chat.Staffing()
	if err != nil {
		t.Fatal(err)
	}
	want := staffing.Queue{Name: "Chat", Skill: staffing.Skill{Channel: staffing.Chat, Language: "fr"}, Patience: 90 * time.Second,
		Concurrency: 3, ConcurrencyGrowth: 0.2,
		Target: staffing.Target{ServiceLevel: 0.8, AnswerWithin: 60 * time.Second, MaxOccupancy: 0.85, MaxAbandon: 0.05}}
	if got != want {
		t.Errorf("chat queue staffed as %+v, want %+v", got, want)
	}
	mail := Queue{SiteID: "s", Name: "Mail", Channel: Email, AHT: 420 * time.Second,
		Target: ServiceTarget{ServiceLevel: 1, ResponseWithin: 24 * time.Hour}}
	got, err = mail.Staffing()
	if err != nil {
		t.Fatal(err)
	}
	if want := (staffing.Target{ResponseWithin: 24 * time.Hour}); got.Target != want {
		t.Errorf("e-mail queue's target %+v, want %+v", got.Target, want)
	}
	phone := Queue{SiteID: "s", Name: "Phone", Channel: Phone, AHT: 300 * time.Second, Target: ServiceTarget{ServiceLevel: 1, AnswerWithin: 20 * time.Second}}
	if _, err := phone.Staffing(); err == nil {
		t.Errorf("phone queue with a service level of 1 staffed, want refused")
	}
}
