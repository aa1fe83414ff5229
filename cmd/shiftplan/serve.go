package main

import "context"

func runServe(ctx context.Context, args []string, io stdio) error { return usagef("not available yet") }
func runDemo(ctx context.Context, args []string, io stdio) error  { return usagef("not available yet") }
func runMigrate(ctx context.Context, args []string, io stdio) error {
	return usagef("not available yet")
}
