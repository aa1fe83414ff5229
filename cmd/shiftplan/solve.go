package main

import "context"

func runSolve(ctx context.Context, args []string, io stdio) error { return usagef("not available yet") }

func runBenchCurtois(ctx context.Context, args []string, io stdio) error {
	return usagef("not available yet")
}
