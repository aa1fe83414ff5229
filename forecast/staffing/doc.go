// Package staffing turns forecast contact volumes into the number of agents
// needed per interval, for phone (Erlang C and Erlang A), chat (concurrent
// sessions) and e-mail or back-office work (deferred, with a response-time
// target). It is pure maths: no I/O, no clock, standard library only.
//
// # Definitions
//
// For one interval of length P with V contacts of mean handle time AHT, the
// offered load is A = V·AHT/P erlangs, the arrival rate λ = V/P and the
// service rate μ = 1/AHT. N is the number of agents logged in and taking
// contacts (after all shrinkage).
//
// Erlang C (M/M/N, infinitely patient callers) [Erlang 1917; Cooper 1981,
// §3.4]:
//
//	B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1))        Erlang B recursion
//	C(N, A) = N·B(N) / (N − A·(1 − B(N)))              P(wait), for N > A
//	SL(T)   = 1 − C·exp(−(N − A)·T/AHT)                 answered within T
//	ASA     = C·AHT / (N − A)                           mean wait, all calls
//	occupancy = A / N
//
// For N ≤ A the queue is unstable: every call waits (C = 1), SL = 0 and the
// ASA is infinite ([InfiniteWait]). The recursion never forms A^N or N!, so it
// is stable from 0 to well beyond 10 000 erlangs.
//
// Erlang A (M/M/N+M, exponential patience with mean 1/θ) [Palm 1946;
// Garnett, Mandelbaum & Reiman 2002; measures from Zeltyn & Mandelbaum 2005,
// "The M/M/n+G queue: summary of performance measures"]. With
// f(x) = λ·(1 − e^{−θx})/θ − Nμx, J = ∫₀^∞ e^{f(x)} dx and E = 1/B(N−1, A),
// the offered wait V (the wait of an infinitely patient caller) has an atom
// P(V = 0) = E/(E + λJ) and density λ·e^{f(x)}/(E + λJ) on x > 0; a caller is
// served when its patience exceeds V. Hence
//
//	P(wait)    = λJ/(E + λJ)
//	P(abandon) = ∫ (1 − e^{−θx}) f_V(x) dx   (= θ·E[queue]/λ)
//	SL(T)      = P(V = 0) + ∫₀^T e^{−θx} f_V(x) dx
//	ASA        = ∫ x·e^{−θx} f_V(x) dx / (1 − P(abandon))
//	occupancy  = λ·(1 − P(abandon)) / (Nμ)
//
// The integrals are evaluated by Gauss–Legendre quadrature on the
// log-concave integrand (f is concave), scaled by its maximum so no term
// overflows.
//
// Which service level? [Performance.ServiceLevel] is always the fraction of
// all offered contacts answered within T; an abandoned contact counts as a
// failure. This is pyworkforce's Erlang A definition and it coincides with
// Erlang C's when nobody abandons. [Performance.AnsweredServiceLevel] is the
// fraction of answered contacts answered within T (SL/(1 − P(abandon))),
// which some ACD reports show. [Performance.ASA] is the mean wait of answered
// contacts; [Performance.MeanWait] is the mean time in queue of all offered
// contacts, abandoned ones included (E[queue]/λ by Little's law, what
// pyworkforce calls ASA for Erlang A).
//
// # Staffing
//
// [Agents] finds the smallest N meeting every goal of a [Target] (service
// level, ASA, maximum occupancy, maximum abandonment) for one interval;
// [Requirements] does so for a horizon of intervals and dispatches on the
// queue's [Channel]: phone uses Erlang C, or Erlang A when the queue has a
// patience; chat uses the concurrency model of chat.go; e-mail uses the
// deferred-work backlog plan of backlog.go. Every [Requirement] explains
// itself: load, target, performance at N and at N−1, the binding goal, a
// fractional requirement and a marginal-value curve.
//
// [Plan] staffs a whole contact centre: several queues over one horizon,
// e-mail optionally blended into the troughs of the live queues, and pooled
// requirements for agents holding several skills ([Pooled]; a queue's
// [Skill] is channel × language × licence, an agent's [Skills] say which
// queues it serves).
//
// Shrinkage ([Shrinkage]) is applied after staffing, never inside it:
// planned shrinkage (breaks, meetings) belongs to the roster, unplanned
// (absence) is a factor.
//
// Sources: A. K. Erlang (1917), "Solution of some problems in the theory of
// probabilities of significance in automatic telephone exchanges";
// R. B. Cooper (1981), Introduction to Queueing Theory, 2nd ed.;
// O. Garnett, A. Mandelbaum, M. Reiman (2002), "Designing a call center with
// impatient customers", M&SOM 4(3); S. Zeltyn, A. Mandelbaum (2005), "The
// M/M/n+G queue: summary of performance measures", Technion technical note;
// G. Koole (2013), Call Center Optimization, ch. 5–8.
package staffing
