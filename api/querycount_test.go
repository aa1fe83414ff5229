package api_test

import (
	"context"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// addAgents adds n full-time phone agents to team teamID (Extra0 Test,
// employee number X0, and so on).
func addAgents(t *testing.T, db *store.DB, teamID string, n int) {
	t.Helper()
	for i := range n {
		a := scheduling.Agent{TeamID: teamID, FirstName: fmt.Sprintf("Extra%d", i), LastName: "Test", EmployeeNo: fmt.Sprintf("X%d", i),
			Contract: scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40, WeeklyMaxHours: 48}, HourlyRate: 20, Skills: []string{"phone"}}
		must(t, db.CreateAgent(context.Background(), &a))
	}
}

// countReads counts, until the test ends, the queries of db that read
// table; the count is read through the pointer returned.
func countReads(t *testing.T, db *store.DB, table string) *int {
	t.Helper()
	var reads int
	name := "test:count_reads_" + table
	must(t, db.Gorm().Callback().Query().Before("gorm:query").Register(name, func(tx *gorm.DB) {
		if tx.Statement.Table == table {
			reads++
		}
	}))
	t.Cleanup(func() { must(t, db.Gorm().Callback().Query().Remove(name)) })
	return &reads
}
