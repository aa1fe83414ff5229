// Package forecast predicts contact volumes and handle times per interval
// from a site's interval history.
//
// A caller builds a [Series] (or reads one with [ParseCSV]) and calls [Run]
// with [Options]. Run organises the history into local calendar days of
// wall-clock slots (so 23- and 25-hour DST days need no special casing: a
// slot is "10:15 local", never "the 41st interval since midnight UTC"),
// classifies every day into a day type (its weekday, a public holiday, or an
// anomalous day that is left out of the estimates), fits every candidate
// model, scores them by a rolling-origin backtest on the series' own recent
// weeks and forecasts the horizon with the winner. The result carries the
// winner's backtest accuracy and every candidate's score, so a planner can see
// how far to trust the numbers.
//
// Models (see [Models]):
//
//   - seasonal naive: the same slot on the last day of the same type;
//   - N-week average: the mean of the same weekday and slot over the last N
//     weeks that have data (the contact-centre industry's default);
//   - robust average: the N-week average with days far off their day type's
//     level left out and recency weights;
//   - daily total × intraday profile by day type: a recency-weighted,
//     day-of-week-adjusted level times a multi-week smoothed profile;
//   - Taylor's double-seasonal Holt–Winters with fitted smoothing parameters;
//   - a combination of the best of the above, weighted by backtest accuracy.
//
// Prediction intervals come from a Poisson–Gamma (negative binomial)
// predictive distribution whose overdispersion is estimated from the
// backtest residuals; see [Point].
//
// The package is pure: no I/O besides the io.Reader/io.Writer of the CSV
// helpers, no clock, no randomness.
package forecast
