package main

import "context"

func runPlan(ctx context.Context, args []string, io stdio) error { return usagef("not available yet") }

func runBenchRoster(ctx context.Context, args []string, io stdio) error {
	return usagef("not available yet")
}
