package api

import (
	"sync"
	"time"
)

// loginLimiter counts failed logins per client address and e-mail in a
// sliding window: after limit failures within window, further attempts are
// refused until the oldest failure leaves the window. Counting per address
// and e-mail pair stops guessing one account's password without letting one
// client lock others out from elsewhere. A successful login clears the pair.
type loginLimiter struct {
	mu       sync.Mutex
	limit    int
	window   time.Duration
	failures map[string][]time.Time
}

func newLoginLimiter(limit int, window time.Duration) *loginLimiter {
	return &loginLimiter{limit: limit, window: window, failures: map[string][]time.Time{}}
}

// allowed reports whether key may try to log in at now.
func (l *loginLimiter) allowed(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recent(key, now)) < l.limit
}

// fail records a failed attempt.
func (l *loginLimiter) fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.failures[key] = append(l.recent(key, now), now)
	if len(l.failures) > 100000 {
		// Bound the memory: forget pairs with no recent failure.
		for k := range l.failures {
			if len(l.recent(k, now)) == 0 {
				delete(l.failures, k)
			}
		}
	}
}

// succeed clears key's failures.
func (l *loginLimiter) succeed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, key)
}

// recent drops key's failures older than the window and returns the rest.
func (l *loginLimiter) recent(key string, now time.Time) []time.Time {
	fs := l.failures[key]
	i := 0
	for i < len(fs) && now.Sub(fs[i]) >= l.window {
		i++
	}
	fs = fs[i:]
	if len(fs) == 0 {
		delete(l.failures, key)
		return nil
	}
	l.failures[key] = fs
	return fs
}
