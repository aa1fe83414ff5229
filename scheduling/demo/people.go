package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

var germanFirst = []string{"Anna", "Lukas", "Lea", "Jonas", "Marie", "Felix", "Sophie", "Leon", "Laura", "Paul", "Julia",
	"Maximilian", "Katharina", "Tim", "Hannah", "Niklas", "Sarah", "Jan", "Lena", "Moritz", "Johanna", "Florian",
	"Miriam", "Tobias", "Carla", "Sebastian", "Nina", "David", "Franziska", "Emre", "Aylin", "Mehmet", "Zeynep"}
var germanLast = []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
	"Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Zimmermann", "Krüger",
	"Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Yılmaz", "Kaya", "Nowak", "Kowalski"}
var englishFirst = []string{"Oliver", "Amelia", "Harry", "Isla", "George", "Emily", "Jack", "Grace", "Thomas", "Chloe",
	"James", "Olivia", "Liam", "Aoife", "Sean", "Priya", "Arjun", "Fatima", "Daniel", "Megan"}
var englishLast = []string{"Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walsh", "Murphy", "O'Brien", "Patel",
	"Khan", "Clarke", "Hughes", "Kelly", "Byrne", "Campbell", "Robinson", "Wright"}

// agents makes 62 agents: team 0 is German-speaking, team 1 mixes English
// speakers, bilingual agents and licensed claims handlers. Every fifth agent
// is part-time. Team 0 works German phone and chat only: its roster, built
// first, takes on the whole demand of every queue its agents can serve, and
// team 1 covers the rest. The bilingual agents of team 1 all hold the
// claims licence: the 24/7 claims hotline needs about three quarters of
// their hours.
func agents(rng *rand.Rand) []scheduling.Agent {
	var out []scheduling.Agent
	seen := map[string]bool{}
	pick := func(first, last []string) (string, string) {
		for {
			f, l := first[rng.IntN(len(first))], last[rng.IntN(len(last))]
			if !seen[f+l] {
				seen[f+l] = true
				return f, l
			}
		}
	}
	for i := 0; i < 62; i++ {
		team := 0
		if i >= 32 {
			team = 1
		}
		var f, l string
		skills := []string{"phone"}
		switch {
		case team == 0:
			f, l = pick(germanFirst, germanLast)
			skills = append(skills, "lang:de")
			if i%3 == 0 {
				skills = append(skills, "chat")
			}
		case i%3 == 0:
			f, l = pick(englishFirst, englishLast)
			skills = append(skills, "lang:en", "email")
		default:
			f, l = pick(germanFirst, germanLast)
			skills = append(skills, "lang:de", "lang:en", "licence:insurance")
			if i%5 == 2 {
				skills = append(skills, "chat")
			}
		}
		c := scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40, WeeklyMinHours: 32, WeeklyMaxHours: 48, MaxDaysPerWeek: 5}
		rate := 17.0 + float64(rng.IntN(9))*0.5
		if i%5 == 4 {
			h := []float64{20, 25, 30}[rng.IntN(3)]
			c = scheduling.Contract{Kind: scheduling.PartTime, WeeklyHours: h, WeeklyMinHours: h - 4, WeeklyMaxHours: h + 4, MaxDaysPerWeek: 5}
			if rng.IntN(2) == 0 {
				c.FixedDaysOff = []time.Weekday{time.Saturday, time.Sunday}
			}
		}
		hire := time.Date(2014+rng.IntN(12), time.Month(1+rng.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
		out = append(out, scheduling.Agent{TeamID: strconv.Itoa(team), EmployeeNo: fmt.Sprintf("NL-%05d", 10031+i*7),
			FirstName: f, LastName: l, Email: email(f, l), Contract: c, HourlyRate: rate, Skills: skills, HireDate: hire})
	}
	return out
}

// email makes an ASCII address from a name.
func email(first, last string) string {
	r := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "ı", "i", "'", "", " ", "")
	return strings.ToLower(r.Replace(strings.ToLower(first)) + "." + r.Replace(strings.ToLower(last)) + "@nordlicht.example")
}

// users makes the demo logins: an admin, one lead per team, HR, and an
// agent login for every agent.
func users(as []scheduling.Agent) []User {
	u := []User{
		{User: scheduling.User{Email: "admin@nordlicht.example", Name: "Sabine Vogel", Role: scheduling.RoleAdmin}, Agent: -1},
		{User: scheduling.User{Email: "lead.de@nordlicht.example", Name: "Thomas Albrecht", Role: scheduling.RoleTeamLead}, Teams: []int{0}, Agent: -1},
		{User: scheduling.User{Email: "lead.intl@nordlicht.example", Name: "Claire Dubois", Role: scheduling.RoleTeamLead}, Teams: []int{1}, Agent: -1},
		{User: scheduling.User{Email: "hr@nordlicht.example", Name: "Monika Brandt", Role: scheduling.RoleHR}, Agent: -1},
	}
	for i, a := range as {
		u = append(u, User{User: scheduling.User{Email: a.Email, Name: a.Name(), Role: scheduling.RoleAgent, Locale: "de"}, Agent: i})
	}
	return u
}
