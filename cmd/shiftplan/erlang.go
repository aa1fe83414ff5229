package main

import "context"

func runErlang(ctx context.Context, args []string, io stdio) error {
	return usagef("not available yet")
}

func runRequirements(ctx context.Context, args []string, io stdio) error {
	return usagef("not available yet")
}
