package solver

import "testing"

// The first five outputs for seed 1234567 are the published reference
// values of SplitMix64 (Rosetta Code, "Pseudo-random numbers/Splitmix64").
func TestSplitMix_ReferenceValues(t *testing.T) {
	r := splitMix{s: 1234567}
	want := []uint64{6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821}
	for i, w := range want {
		if got := r.Uint64(); got != w {
			t.Fatalf("output %d = %d, want %d", i, got, w)
		}
	}
}

// Consecutive seeds (their first threads' seeds, threadSeed, lie one
// increment of the generator apart) must not give one stream shifted by
// a draw.
func TestNewSplitMix_SeedsApartAreNotShifted(t *testing.T) {
	for seed := uint64(1); seed <= 8; seed++ {
		a, b := newSplitMix(threadSeed(seed, 0)), newSplitMix(threadSeed(seed+1, 0))
		a.Uint64()
		for i := 0; i < 4; i++ {
			if x, y := a.Uint64(), b.Uint64(); x == y {
				t.Fatalf("seed %d: draw %d of seed %d repeats seed %d's next draw (%d)", seed, i, seed+1, seed, x)
			}
		}
	}
}
