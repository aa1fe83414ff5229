package api

import (
	_ "embed"
	"encoding/json"
	"net/http"

	"golang.org/x/text/language"

	"github.com/shiftplan/shiftplan/scheduling"
)

// The API speaks English, and German where it has the words: the problems
// of a validation error are said in the language of the request's
// Accept-Language (the web app sends the one its user chose).

// deFormats maps each English format of a validation problem, as passed
// to scheduling.ValidationError.Add or scheduling.Invalid, of a broken
// rule, a 403's reason or a 409's (scheduling.Conflict and the phrases of
// its arguments, refuse), to the German format with the same verbs in
// the same order.
//
//go:embed i18n/de.json
var deFormats []byte

// formats holds the catalogue of each language besides English.
var formats = map[string]map[string]string{"de": mustCatalogue(deFormats)}

// invalidInput is the message of a validation error in each language.
var invalidInput = map[string]string{"en": "invalid input", "de": "ungültige Eingabe"}

// spoken matches a request's languages to those the API speaks; the first
// is the answer when none of them is acceptable.
var spoken = language.NewMatcher([]language.Tag{language.English, language.German})

func mustCatalogue(b []byte) map[string]string {
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		panic("api: message catalogue: " + err.Error())
	}
	return m
}

// requestLanguage returns the language to answer r in, "de" or "en": the
// one its Accept-Language prefers most among those the API speaks (a
// region or script does not matter: "de-AT" is "de"), else "en".
func requestLanguage(r *http.Request) string {
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(tags) == 0 {
		return "en"
	}
	tag, _, conf := spoken.Match(tags...)
	if conf == language.No {
		return "en"
	}
	if base, _ := tag.Base(); base.String() == "de" {
		return "de"
	}
	return "en"
}

// localize returns fields with their messages in lang.
func localize(fields []scheduling.FieldError, lang string) []scheduling.FieldError {
	cat, ok := formats[lang]
	if !ok {
		return fields
	}
	out := make([]scheduling.FieldError, len(fields))
	for i, f := range fields {
		out[i] = scheduling.FieldError{Field: f.Field, Message: f.Localize(cat)}
	}
	return out
}
