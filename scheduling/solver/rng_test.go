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
