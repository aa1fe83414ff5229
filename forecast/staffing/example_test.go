package staffing_test

import (
	"fmt"
	"time"

	"github.com/shiftplan/shiftplan/forecast/staffing"
)

// 100 calls in half an hour, 3 minutes each, 80 % answered within 20 s,
// occupancy at most 85 %, 30 % shrinkage (erlang_reference.md row 1).
func ExampleAgents() {
	load := staffing.Load{Volume: 100, Period: 30 * time.Minute, AHT: 180 * time.Second}
	q := staffing.Queue{Target: staffing.Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, MaxOccupancy: 0.85}}
	r, err := staffing.Agents(load, q)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Explain())
	fmt.Println("scheduled with 30% shrinkage:", staffing.Shrinkage{Unplanned: 0.3}.Scheduled(r.Agents))
	// Output:
	// 14 agents (13.05) for 10.00 erlangs (erlang-c), bound by service level: at 14 SL 88.8%, ASA 7.8s, occupancy 71.4%, P(wait) 17.4%; at 13 SL 79.6%, ASA 17.1s, occupancy 76.9%, P(wait) 28.5%
	// scheduled with 30% shrinkage: 20
}

func ExampleErlangC() {
	// Section 4 of erlang_reference.md: C(2, 1) = 1/3.
	fmt.Printf("%.4f\n", staffing.ErlangC(1, 2))
	// Output: 0.3333
}
