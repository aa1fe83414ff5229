package main

import "context"

func runForecast(ctx context.Context, args []string, io stdio) error {
	return usagef("not available yet")
}

func runBenchForecast(ctx context.Context, args []string, io stdio) error {
	return usagef("not available yet")
}
