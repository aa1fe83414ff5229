// Package pay classifies paid time and estimates its cost under a site's
// pay rules: regular, night, Saturday, Sunday, public-holiday and overtime
// hours, their premiums and the estimated gross pay.
//
// Everything is evaluated in the site's IANA zone and measured in real
// elapsed time, so days are 23 or 25 hours long around DST changes. For a
// paid minute m of an agent with hourly rate r, the cost is
//
//	r/60 · (1 + Σ p_c)         c ∈ categories(m)   (Stack)
//	r/60 · (1 + max p_c)       c ∈ categories(m)   (Highest)
//
// where p_c is the premium fraction of category c in Rules. Classify handles
// one shift; Summarize handles all shifts of one agent over a period, since
// overtime depends on the whole week. The package is pure: besides the
// standard library it uses only scheduling.LocalTime (the start of a local
// day), and it never reads the clock.
package pay
