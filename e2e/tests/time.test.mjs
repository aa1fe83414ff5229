// The web app's site-local clock arithmetic (frontend/static/js/time.js)
// on the nights the clocks change: it must give the instants the server
// gives (scheduling.LocalTime), so that a shift typed into the roster page
// is the shift the solver would make. No browser needed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setZone, instant, localDay, localTime, fmtRange } from '../../frontend/static/js/time.js';

// Expected instants from the tz rules for 2026: EU changes at 01:00 UTC
// (29 Mar, 25 Oct); US at 02:00 local (8 Mar, 1 Nov); Lord Howe 02:00
// +10:30 → 02:30 +11 (4 Oct) and 02:00 +11 → 01:30 +10:30 (5 Apr); Havana
// 00:00 CST → 01:00 CDT (8 Mar). Skipped times move forward by the gap,
// repeated ones take the first instant.
const cases = [
  ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'], // 03:30 CEST
  ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'], // 02:30 CEST, the first
  ['Europe/Berlin', '2026-03-28', '22:00', '2026-03-28T21:00:00.000Z'],
  ['Europe/Berlin', '2026-03-29', '06:00', '2026-03-29T04:00:00.000Z'],
  ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z'], // 03:30 EDT
  ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'], // 01:30 EDT, the first
  ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:45:00.000Z'], // 02:45 +11
  ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45:00.000Z'], // 01:45 +11, the first
  ['America/Havana', '2026-03-08', '00:00', '2026-03-08T05:00:00.000Z'], // 01:00 CDT: the day's start
  ['Asia/Kolkata', '2026-03-29', '02:30', '2026-03-28T21:00:00.000Z'],
];

for (const [zone, day, hhmm, want] of cases) {
  test(`instant ${zone} ${day} ${hhmm}`, () => {
    setZone(zone);
    assert.equal(instant(day, hhmm).toISOString(), want);
  });
}

test('a 22:00–06:00 night across each change shows its clock times and lasts 7 h or 9 h', () => {
  for (const [zone, day, next, hours] of [
    ['Europe/Berlin', '2026-03-28', '2026-03-29', 7],
    ['Europe/Berlin', '2026-10-24', '2026-10-25', 9],
    ['America/New_York', '2026-03-07', '2026-03-08', 7],
    ['America/New_York', '2026-10-31', '2026-11-01', 9],
  ]) {
    setZone(zone);
    const a = instant(day, '22:00');
    const b = instant(next, '06:00');
    assert.equal((b - a) / 3600000, hours, `${zone} ${day}`);
    assert.equal(localDay(a), day);
    assert.equal(localTime(b), '06:00');
    assert.equal(fmtRange(a, b), '22:00–06:00');
  }
});
