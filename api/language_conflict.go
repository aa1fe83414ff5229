package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
	"github.com/shiftplan/shiftplan/store"
)

// inConflict is "conflict" in each language the API speaks.
var inConflict = map[string]string{"en": "conflict", "de": "Konflikt"}

// conflictMessage is the message of err, a conflict ce or an error
// wrapping it, in lang: ce's reason from the language's catalogue, then
// "conflict" in that language, as forbidden.say says a 403. In English,
// or where the catalogue has no such reason, it is err's message, with
// what a wrapping error says before the reason.
func conflictMessage(err error, ce *scheduling.ConflictError, lang string) string {
	format, args := ce.Source()
	if said, ok := sayIn(lang, format, args); ok {
		return said + ": " + inConflict[lang]
	}
	return err.Error()
}

// refuse is a 409 with code (for clients to tell apart conflicts that no
// sentinel names) whose message, format and args, is said in the
// request's language.
func refuse(code, format string, args ...any) *Error {
	return &Error{Status: http.StatusConflict, Code: code, Message: fmt.Sprintf(format, args...), format: format, args: args}
}

// sayRefusal is the message of e in lang where e was made by refuse and
// the language's catalogue has its format.
func sayRefusal(e *Error, lang string) (string, bool) {
	if e.format == "" {
		return "", false
	}
	return sayIn(lang, e.format, e.args)
}

var (
	germanSwapStatuses    = map[store.SwapStatus]string{"proposed": "vorgeschlagen", "accepted": "angenommen", "approved": "genehmigt", "declined": "abgelehnt"}
	germanJobStatuses     = map[store.JobStatus]string{"queued": "eingereiht", "running": "in Arbeit", "succeeded": "abgeschlossen", "failed": "fehlgeschlagen"}
	germanTimeOffStatuses = map[scheduling.TimeOffStatus]string{"requested": "beantragt", "approved": "genehmigt", "declined": "abgelehnt", "withdrawn": "zurückgezogen"}
	germanRosterStatuses  = map[scheduling.RosterStatus]string{"draft": "Entwurf", "published": "veröffentlicht"}
)

// germanDomainWord says in German an argument of a conflict: a phrase
// or list of them from the catalogue, a status, a date ("2. März 2026")
// or the problems of a validation error. Other arguments stay as they
// are.
func germanDomainWord(a any) any {
	switch a := a.(type) {
	case scheduling.Phrase:
		format, args := a.Source()
		local, ok := formats["de"][format]
		if !ok {
			return a.String()
		}
		out := make([]any, len(args))
		for i, arg := range args {
			out[i] = germanWord(arg)
		}
		return fmt.Sprintf(local, out...)
	case scheduling.Phrases:
		parts := make([]string, len(a))
		for i, p := range a {
			parts[i] = fmt.Sprint(germanWord(p))
		}
		return scheduling.And(parts, "und")
	case store.SwapStatus:
		return wordOr(germanSwapStatuses, a)
	case store.JobStatus:
		return wordOr(germanJobStatuses, a)
	case scheduling.TimeOffStatus:
		return wordOr(germanTimeOffStatuses, a)
	case scheduling.RosterStatus:
		return wordOr(germanRosterStatuses, a)
	case pay.Date:
		return strconv.Itoa(a.Day) + ". " + germanMonths[a.Month-1] + " " + strconv.Itoa(a.Year)
	case *scheduling.ValidationError:
		parts := make([]string, len(a.Fields))
		for i, f := range localize(a.Fields, "de") {
			parts[i] = f.Field + ": " + f.Message
		}
		return invalidInput["de"] + ": " + strings.Join(parts, "; ")
	}
	return a
}

// wordOr is the word words hold for k, else k as it is.
func wordOr[K ~string](words map[K]string, k K) string {
	if w, ok := words[k]; ok {
		return w
	}
	return string(k)
}
