package solver

// splitMix is the random source of a search thread: SplitMix64 (Steele,
// Lea and Flood, OOPSLA 2014), which passes BigCrush and costs an add and
// three multiply-xorshifts per value; the annealing draws one value to
// pick each move, one to accept it, and the move its own. Against PCG it
// took instance 18 of Curtois and Qu from 9.2 to 7.8 s at a fixed number
// of iterations. It fills two cache lines of its own: the threads'
// sources, allocated one after the other, would otherwise share a line
// that both write on every draw (7.8 → 7.3 s).
type splitMix struct {
	s uint64
	_ [120]byte
}

// gamma64 is SplitMix64's increment, 2⁶⁴ divided by the golden ratio.
const gamma64 = 0x9e3779b97f4a7c15

func (r *splitMix) Uint64() uint64 {
	r.s += gamma64
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// threadSeed is the seed of search thread i under Settings.Seed seed.
func threadSeed(seed uint64, i int) uint64 { return seed*gamma64 + uint64(i) + 1 }

// newSplitMix returns a source whose state is SplitMix64's first value
// from seed, not seed itself: with the raw seed as state, seed 2's first
// thread (threadSeed) would draw seed 1's stream shifted by one value.
func newSplitMix(seed uint64) *splitMix {
	r := splitMix{s: seed}
	return &splitMix{s: r.Uint64()}
}
