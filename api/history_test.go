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

// TestHistory_AwkwardFiles imports files as contact-centre systems and
// spreadsheets write them.
func TestHistory_AwkwardFiles(t *testing.T) {
	path := func(f *fixture) string { return "/api/v1/queues/" + f.queue.ID + "/history" }
	stored := func(t *testing.T, f *fixture) []time.Time {
		got, err := f.db.FindHistory(context.Background(), f.queue.ID, time.Time{}, time.Time{})
		must(t, err)
		var out []time.Time
		for _, h := range got {
			out = append(out, h.Start)
		}
		return out
	}

	t.Run("DSTFallBackBerlin", func(t *testing.T) {
		// Sunday 26 October 2025 in Berlin has 25 hours: 02:00–02:59 runs
		// twice, first in CEST (UTC+2), then in CET (UTC+1). An export of
		// 15-minute intervals writes 02:00–02:45 twice, in time order.
		f := sqliteFixture(t)
		c := f.login(t, "leadA")
		var csv strings.Builder
		csv.WriteString("interval_start,offered\n")
		for h := 0; h < 4; h++ {
			for m := 0; m < 60; m += 15 {
				fmt.Fprintf(&csv, "2025-10-26T%02d:%02d,%d\n", h, m, 10+h)
			}
			if h == 2 {
				for m := 0; m < 60; m += 15 {
					fmt.Fprintf(&csv, "2025-10-26T02:%02d,20\n", m)
				}
			}
		}
		res, body := c.do("POST", path(f), csv.String(), nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("25-hour day: %d %s, want 200", res.StatusCode, body)
		}
		got := stored(t, f)
		// 4 wall-clock hours of rows, one of them twice: 5 h of 15 minutes.
		if len(got) != 20 {
			t.Fatalf("stored %d intervals, want 20", len(got))
		}
		// 00:00 CEST is 22:00 UTC the day before; the rows are then every
		// 15 minutes without a gap or a repeat, the first 02:00 at 00:00
		// UTC and the second at 01:00 UTC.
		first := time.Date(2025, 10, 25, 22, 0, 0, 0, time.UTC)
		for i, s := range got {
			if want := first.Add(time.Duration(i) * 15 * time.Minute); !s.Equal(want) {
				t.Errorf("interval %d starts %v, want %v", i, s, want)
			}
		}
	})

	t.Run("SpreadsheetBOMQuotedCRLF", func(t *testing.T) {
		// Excel's "CSV UTF-8": a byte-order mark, every field quoted, CRLF.
		f := sqliteFixture(t)
		c := f.login(t, "leadA")
		file := "\ufeff\"interval_start\",\"offered\",\"aht_seconds\"\r\n" +
			"\"2026-02-02 08:00\",\"12\",\"300\"\r\n" +
			"\"2026-02-02 08:15\",\"14\",\"\"\r\n"
		res, body := c.do("POST", path(f), file, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("spreadsheet file: %d %s, want 200", res.StatusCode, body)
		}
		if got := stored(t, f); len(got) != 2 {
			t.Errorf("stored %d intervals, want 2", len(got))
		}
	})

	t.Run("TwoIntervalLengths", func(t *testing.T) {
		// An old system's 30-minute export joined to a new one's 15-minute
		// export, and a quiet day whose export has only the three
		// intervals with contacts, 90 minutes apart.
		f := sqliteFixture(t)
		c := f.login(t, "leadA")
		var csv strings.Builder
		csv.WriteString("interval_start,offered\n")
		for m := 8 * 60; m < 18*60; m += 30 {
			fmt.Fprintf(&csv, "2026-03-02T%02d:%02d,20\n", m/60, m%60)
		}
		for m := 8 * 60; m < 18*60; m += 15 {
			fmt.Fprintf(&csv, "2026-03-03T%02d:%02d,10\n", m/60, m%60)
		}
		csv.WriteString("2026-03-04T08:00,1\n2026-03-04T09:30,1\n2026-03-04T11:00,1\n")
		res, body := c.do("POST", path(f), csv.String(), nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("two lengths: %d %s, want 200", res.StatusCode, body)
		}
		got, err := f.db.FindHistory(context.Background(), f.queue.ID, time.Time{}, time.Time{})
		must(t, err)
		length := map[string]time.Duration{}
		for _, h := range got {
			day := h.Start.Format(time.DateOnly)
			if l, ok := length[day]; ok && l != h.Length {
				t.Errorf("%s: lengths %v and %v on one day", day, l, h.Length)
			}
			length[day] = h.Length
		}
		// Berlin is UTC+1 in March: every row's UTC date is its local date.
		want := map[string]time.Duration{"2026-03-02": 30 * time.Minute, "2026-03-03": 15 * time.Minute, "2026-03-04": 15 * time.Minute}
		for day, l := range want {
			if length[day] != l {
				t.Errorf("%s stored with %v intervals, want %v", day, length[day], l)
			}
		}
	})

	t.Run("TooLargeStoresNothing", func(t *testing.T) {
		// One good row whose ignored note runs past the 32 MiB limit: a
		// file cut at the limit would store that row and lose the rest,
		// so the whole file is refused.
		f := sqliteFixture(t)
		c := f.login(t, "leadA")
		file := "interval_start,offered,note\n2026-02-02T08:00,12," + strings.Repeat("x", 32<<20) + "\n2026-02-02T08:15,14,\n"
		res, body := c.do("POST", path(f), file, nil)
		if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "32 MiB") {
			t.Errorf("file over 32 MiB: %d %.300s, want 413 naming the limit", res.StatusCode, body)
		}
		if got := stored(t, f); len(got) != 0 {
			t.Errorf("a refused file stored %d intervals, want 0", len(got))
		}
	})
}
