package staffing

import (
	"math"
	"time"
)

// ChatLoad returns the load seen by the chat slots of a queue whose agents
// each handle up to k chats at once.
//
// Model (concurrency as extra servers with slower service): each agent is k
// independent slots; a chat handled alongside k−1 others takes
//
//	AHT(k) = AHT·(1 + growth·(k − 1)),
//
// where AHT is the single-chat handle time and growth ≥ 0 the measured
// slow-down per extra concurrent chat (agents alternate between customers).
// N agents are then an M/M/(N·k) queue (Erlang C, or Erlang A with
// patience) offered A(k) = Volume·AHT(k)/Period slot-erlangs; occupancy is
// per slot. The approximation is conservative: an agent with fewer than k
// chats works faster than AHT(k). It follows the multi-server view of chat
// centres in T. Tezcan & J. Zhang (2014), "Routing and staffing in customer
// service chat systems with impatient customers", Operations Research 62(4),
// and J. Luo & J. Zhang (2013), "Staffing and control of instant messaging
// contact centers", Operations Research 61(2), with a handle time that
// grows linearly in the concurrency level.
func ChatLoad(l Load, k int, growth float64) Load {
	if k < 1 {
		k = 1
	}
	f := 1 + growth*float64(k-1)
	if aht := float64(l.AHT) * f; aht < math.MaxInt64 {
		l.AHT = time.Duration(aht)
	} else {
		l.AHT = math.MaxInt64 // 292 years: Agents refuses such a load
	}
	return l
}
