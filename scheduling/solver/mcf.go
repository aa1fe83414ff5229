package solver

// flowNet is a small min-cost flow network solved by successive shortest
// paths with the Bellman–Ford queue (SPFA), which allows negative arc
// costs as long as the network starts without negative cycles (Ahuja,
// Magnanti, Orlin, Network Flows, 1993, §9.7). Arcs are stored in pairs:
// arc i^1 is the residual reverse of arc i.
type flowNet struct {
	head  []int32
	next  []int32
	to    []int32
	cap   []int32
	cost  []int64
	dist  []int64
	prev  []int32 // arc into a node on the current shortest path
	inq   []bool
	queue []int32
}

// reset empties the network and gives it n nodes.
func (f *flowNet) reset(n int) {
	f.head = f.head[:0]
	for i := 0; i < n; i++ {
		f.head = append(f.head, -1)
	}
	f.next, f.to, f.cap, f.cost = f.next[:0], f.to[:0], f.cap[:0], f.cost[:0]
}

// arc adds an arc u→v and returns its index.
func (f *flowNet) arc(u, v, capacity int, cost int64) int {
	i := len(f.to)
	f.to = append(f.to, int32(v), int32(u))
	f.cap = append(f.cap, int32(capacity), 0)
	f.cost = append(f.cost, cost, -cost)
	f.next = append(f.next, f.head[u], f.head[v])
	f.head[u], f.head[v] = int32(i), int32(i+1)
	return i
}

// flow sends up to want units from s to t along cheapest paths and
// returns the units sent and their cost.
func (f *flowNet) flow(s, t, want int) (int, int64) {
	n := len(f.head)
	if cap(f.dist) < n {
		f.dist = make([]int64, n)
		f.prev = make([]int32, n)
		f.inq = make([]bool, n)
	}
	dist, prev, inq := f.dist[:n], f.prev[:n], f.inq[:n]
	sent, total := 0, int64(0)
	for sent < want {
		for i := range dist {
			dist[i], prev[i] = dpInf, -1
		}
		dist[s] = 0
		q := append(f.queue[:0], int32(s))
		inq[s] = true
		for len(q) > 0 {
			u := q[0]
			q = q[1:]
			inq[u] = false
			for a := f.head[u]; a >= 0; a = f.next[a] {
				if f.cap[a] == 0 {
					continue
				}
				v := f.to[a]
				if nd := dist[u] + f.cost[a]; nd < dist[v] {
					dist[v], prev[v] = nd, a
					if !inq[v] {
						inq[v] = true
						q = append(q, v)
					}
				}
			}
		}
		f.queue = q
		if dist[t] >= dpInf {
			break
		}
		// Bottleneck along the path.
		push := want - sent
		for v := t; v != s; v = int(f.to[prev[v]^1]) {
			push = min(push, int(f.cap[prev[v]]))
		}
		for v := t; v != s; v = int(f.to[prev[v]^1]) {
			f.cap[prev[v]] -= int32(push)
			f.cap[prev[v]^1] += int32(push)
		}
		sent += push
		total += int64(push) * dist[t]
	}
	return sent, total
}
