package solver

// splitMix is the random source of a search thread: SplitMix64 (Steele,
// Lea and Flood, OOPSLA 2014), which passes BigCrush and costs an add and
// three multiply-xorshifts per value, about a third of PCG's time; the
// annealing draws two or three values per iteration. It fills two cache
// lines of its own: the threads' sources, allocated one after the other,
// would otherwise share a line that both write on every draw.
type splitMix struct {
	s uint64
	_ [120]byte
}

func (r *splitMix) Uint64() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// newSplitMix returns a source whose state is SplitMix64's first value
// from seed, not seed itself: Solve derives thread i's seed as
// Seed·0x9E3779B97F4A7C15 + i + 1, and with the raw seed as state, Seed
// 2's first thread would draw Seed 1's stream shifted by one value.
func newSplitMix(seed uint64) *splitMix {
	r := splitMix{s: seed}
	return &splitMix{s: r.Uint64()}
}
