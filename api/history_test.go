package api_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestHistory_BadFileStoresNothing uploads a file with good rows and three
// bad ones: 422 lists exactly the bad lines, and not even the good rows are
// stored. The good file is then stored whole.
func TestHistory_BadFileStoresNothing(t *testing.T) {
	f := sqliteFixture(t)
	c := f.login(t, "leadA")
	path := "/api/v1/queues/" + f.queue.ID + "/history"
	bad := strings.Join([]string{
		"interval_start,offered,handled,aht_seconds",
		"2026-02-02T08:00,12,12,300", // line 2: good
		"2026-02-02T08:15,-3,0,300",  // line 3: negative volume
		"2026-02-02T08:30,14,15,300", // line 4: handled > offered
		"2026-03-29T02:30,5,5,300",   // line 5: 02:30 does not exist in Berlin on 29 March 2026 (DST)
		"2026-02-02T08:45,11,11,300", // line 6: good
		"2026-02-02T09:00,4,4,1e12",  // line 7: a handle time of 31 700 years
		"2099-02-02T09:15,4,4,300",   // line 8: in the future
		"1850-02-02T09:30,4,4,300",   // line 9: more than 20 years ago
	}, "\n") + "\n"
	res, body := c.do("POST", path, bad, nil)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad file: status %d, want 422: %s", res.StatusCode, body)
	}
	e := decode[struct {
		Error struct {
			Fields []struct{ Field, Message string }
		}
	}](t, body).Error
	var lines []string
	for _, fe := range e.Fields {
		lines = append(lines, fe.Field)
	}
	if strings.Join(lines, ",") != "line 3,line 4,line 5,line 7,line 8,line 9" {
		t.Errorf("errors name %v, want lines 3, 4, 5, 7, 8 and 9: %s", lines, body)
	}
	got, err := f.db.FindHistory(context.Background(), f.queue.ID, time.Time{}, time.Time{})
	must(t, err)
	if len(got) != 0 {
		t.Fatalf("a rejected file stored %d intervals, want 0", len(got))
	}
	// The same good rows as a multipart upload are stored, all of them.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "history.csv")
	fw.Write([]byte("interval_start,offered\n2026-02-02T08:00,12\n2026-02-02T08:15,14\n2026-02-02T08:30,9\n"))
	mw.Close()
	res, body = c.do("POST", path, buf.Bytes(), map[string]string{"Content-Type": mw.FormDataContentType()})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("good file: %d %s", res.StatusCode, body)
	}
	got, err = f.db.FindHistory(context.Background(), f.queue.ID, time.Time{}, time.Time{})
	must(t, err)
	// Three rows, 15 minutes apart (the smallest gap between starts).
	if len(got) != 3 || got[0].Length != 15*time.Minute || got[1].Offered != 14 {
		t.Errorf("stored %+v, want the three rows of 15 minutes", got)
	}
	// 08:00 in Berlin in February (CET, UTC+1) is 07:00 UTC.
	if want := time.Date(2026, 2, 2, 7, 0, 0, 0, time.UTC); !got[0].Start.Equal(want) {
		t.Errorf("first start %v, want %v", got[0].Start, want)
	}
}

// TestHistory_OffGridRowNamed: one row typed 08:07 among twenty half-hours
// is refused by its line; before, the smallest gap (7 minutes) became every
// row's length and the forecast's interval a minute.
func TestHistory_OffGridRowNamed(t *testing.T) {
	f := sqliteFixture(t)
	c := f.login(t, "leadA")
	var csv strings.Builder
	csv.WriteString("interval_start,offered\n")
	for m := 8 * 60; m < 18*60; m += 30 { // lines 2–21
		fmt.Fprintf(&csv, "2026-02-02T%02d:%02d,10\n", m/60, m%60)
	}
	body := strings.Replace(csv.String(), "2026-02-02T12:00", "2026-02-02T12:07", 1) // line 10
	res, got := c.do("POST", "/api/v1/queues/"+f.queue.ID+"/history", body, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(got), `"field":"line 10"`) || !strings.Contains(string(got), "30m0s grid") {
		t.Errorf("off-grid row: %d %s, want 422 naming line 10 and the 30-minute grid", res.StatusCode, got)
	}
	// With its own lengths the file says what it means and is stored.
	withLen := strings.Replace(strings.ReplaceAll(body, ",10\n", ",10,30\n"), "offered\n", "offered,interval_minutes\n", 1)
	if res, got := c.do("POST", "/api/v1/queues/"+f.queue.ID+"/history", withLen, nil); res.StatusCode != http.StatusOK {
		t.Errorf("with interval_minutes: %d %s, want 200", res.StatusCode, got)
	}
}
