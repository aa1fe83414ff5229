package api

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shiftplan/shiftplan/scheduling/roster"
)

// violationMessage says a broken roster rule in lang: from the catalogue's
// format of its English one, with its dates, times, lengths and kinds in
// that language too. A message the catalogue does not hold stays English.
func violationMessage(v roster.Violation, lang string) string {
	format, args := v.Source()
	if said, ok := sayIn(lang, format, args); ok {
		return said
	}
	return v.Message
}

// sayIn says the message of format and args in lang, from the language's
// catalogue and with the arguments in its words (wordsIn); false where
// the catalogue has no such format.
func sayIn(lang, format string, args []any) (string, bool) {
	local, ok := formats[lang][format]
	word, speaks := wordsIn[lang]
	if !ok || !speaks {
		return "", false
	}
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = word(a)
	}
	return fmt.Sprintf(local, out...), true
}

// wordsIn says an argument of a message in a language other than English
// (roster's words.go); other arguments stay as they are.
var wordsIn = map[string]func(any) any{"de": germanWord}

var (
	germanMonths   = [...]string{"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."}
	germanWeekdays = [...]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}
	germanAbsences = map[roster.TimeOffKind]string{"vacation": "Urlaub", "sick": "Krankheit", "training": "Schulung", "other": "Abwesenheit"}
)

func germanWord(a any) any {
	switch a := a.(type) {
	case roster.Day:
		t := time.Time(a)
		return strconv.Itoa(t.Day()) + ". " + germanMonths[t.Month()-1]
	case roster.Clock:
		return a.String()
	case roster.ShiftAt:
		return "Schicht ab " + roster.Clock(a).String() + " am " + germanWord(roster.Day(a)).(string)
	case roster.Hours:
		h := strconv.FormatFloat(float64(time.Duration(a).Round(36*time.Second))/float64(time.Hour), 'f', -1, 64)
		return strings.Replace(h, ".", ",", 1) + " Std."
	case time.Weekday:
		return germanWeekdays[a]
	case roster.TimeOffKind:
		if w, ok := germanAbsences[a]; ok {
			return w
		}
		return string(a)
	case roster.BreakName:
		if a == "" {
			return "Pause"
		}
		return string(a)
	}
	return germanDomainWord(a)
}
