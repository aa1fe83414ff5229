package staffing

import (
	"math"
	"testing"
	"time"
)

func TestAgents_Chat(t *testing.T) {
	target := Target{ServiceLevel: 0.8, AnswerWithin: 30 * time.Second, MaxOccupancy: 0.9}
	t.Run("OneChatAtATimeIsErlangC", func(t *testing.T) {
		// Property: concurrency 1 is a phone queue.
		c, _ := Agents(hLoad, Queue{Skill: Skill{Channel: Chat}, Target: target})
		p, _ := Agents(hLoad, Queue{Target: target})
		if c.Agents != p.Agents || c.ServiceLevel != p.ServiceLevel {
			t.Errorf("chat k=1: %d agents, phone: %d", c.Agents, p.Agents)
		}
	})
	t.Run("SlotsAreServers", func(t *testing.T) {
		// Independent calculation: with k = 2 and growth 0.25, a chat takes
		// AHT(2) = 1.25·180 s = 225 s; the smallest number of slots is the
		// phone requirement at that AHT, and agents = ⌈slots/2⌉.
		l := Load{Volume: 300, Period: 30 * time.Minute, AHT: 180 * time.Second}
		chat, err := Agents(l, Queue{Skill: Skill{Channel: Chat}, Concurrency: 2, ConcurrencyGrowth: 0.25, Target: target})
		if err != nil {
			t.Fatal(err)
		}
		slots, _ := Agents(Load{Volume: 300, Period: 30 * time.Minute, AHT: 225 * time.Second}, Queue{Target: target})
		if want := (slots.Agents + 1) / 2; chat.Agents != want {
			t.Errorf("chat agents %d, want ⌈%d/2⌉ = %d", chat.Agents, slots.Agents, want)
		}
		if chat.AHT != 225*time.Second || chat.Model != "chat" {
			t.Errorf("chat AHT %v model %q, want 225s chat", chat.AHT, chat.Model)
		}
	})
	t.Run("HandleTimeNeverWraps", func(t *testing.T) {
		// Property: a growth too large for time.Duration (180 s · 9·10⁹ is
		// 5·10²⁰ ns, past the 9.2·10¹⁸ of math.MaxInt64) saturates instead
		// of wrapping round to a negative handle time.
		if got := ChatLoad(hLoad, 10, 1e9).AHT; got != math.MaxInt64 {
			t.Errorf("AHT(10) = %v, want math.MaxInt64", got)
		}
	})
	t.Run("ConcurrencyHelpsWhenGrowthIsBelowOne", func(t *testing.T) {
		// Property: with growth 0.3 < 1 each extra chat adds capacity, so
		// the requirement falls as concurrency rises from 1 to 3.
		l := Load{Volume: 300, Period: 30 * time.Minute, AHT: 180 * time.Second}
		prev := 1 << 30
		for k := 1; k <= 3; k++ {
			r, err := Agents(l, Queue{Skill: Skill{Channel: Chat}, Concurrency: k, ConcurrencyGrowth: 0.3, Target: target})
			if err != nil || r.Agents >= prev {
				t.Errorf("k=%d: %d agents (prev %d), %v", k, r.Agents, prev, err)
			}
			prev = r.Agents
		}
	})
}
