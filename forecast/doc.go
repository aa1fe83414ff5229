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
// Models (names as listed by [Models]):
//
//   - seasonal_naive: the same slot on the last day of the same type;
//   - week_average_4, week_average_6: the mean of the same weekday and slot
//     over the last N weeks that have data (the contact-centre industry's
//     default; a missing day does not shift the weeks);
//   - robust_average: the 8-week average without anomalous days, with
//     weights halving every 4 weeks;
//   - profile: daily total × intraday profile by day type, the total being
//     a long-window level times day-of-week and day-of-month factors, the
//     profile a smoothed multi-week ratio of sums shrunk towards similar
//     day types;
//   - holt_winters: Taylor's double-seasonal Holt–Winters (daily and weekly
//     cycles, AR(1) error adjustment) with fitted smoothing parameters;
//   - combination: the best three of the above, weighted by 1/WAPE².
//
// Day types. Every day is its weekday, or a holiday when Options.Holidays
// says so; a holiday is forecast from past holidays (closed if the centre had
// no data on them), or, if the history holds none, as the site's rest day
// (the weekday of the lowest mean total; see history.restDay). A holiday
// that begins during the day (Christmas Eve from 14:00; see HolidaysFrom)
// splits its date: the intervals starting before it are forecast as the
// weekday, those from it on as a holiday, each by every model as a day of
// that type would be. In the history such a date is an example of
// neither type, since its total mixes the two and the models learn
// whole days; the backtests still score it, forecast the same way. Days far
// off the median of their weekday's neighbours (below 0.6× or above 1.8×)
// and the first open day after a closure (its backlog makes it a "super
// Monday") are anomalous: they are scored by no backtest and used by no
// robust estimate, so an unannounced holiday does not pollute the profiles.
// The profile model forecasts the day after a closure it knows of (a day
// missing from the history, or a holiday it forecasts closed: from closed
// past holidays, or unseen and taken as a closed rest day) with the
// carry-over factor learned from the history's post-closure days, never
// below 1 and 1 when the history has none.
//
// The day-of-month factor matters for banks: on the two public bank series
// in shared/data the first days of a month carry 7–28 % more calls than the
// month's average and the last third of the month up to 18 % fewer.
// Slots with no volume on any of the last eight days of a type are closed
// and forecast as 0; a weekday without any data is closed all day.
//
// Prediction intervals come from a Poisson–Gamma (negative binomial)
// predictive distribution whose over-dispersion is estimated from the
// chosen model's backtest residuals (see dispersion in quantile.go); the
// p10–p90 band should hold about 80 % of the intervals.
//
// The package is pure: no I/O besides the io.Reader/io.Writer of the CSV
// helpers, no clock, no randomness.
package forecast
