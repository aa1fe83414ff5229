package hours

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes the report as one JSON object: "from", "to" (RFC 3339
// with the zone's offset), "time_zone", "agents" and "shifts"; figures are
// numbers with two decimals.
func WriteJSON(w io.Writer, r Report) error {
	return writeJSON(w, r)
}

// WriteAgentsJSON is WriteJSON without the shift rows ("shifts" is
// empty): the agents' totals, a twentieth of the size for a month.
func WriteAgentsJSON(w io.Writer, r Report) error {
	r.Details = []ShiftRow{}
	return writeJSON(w, r)
}

func writeJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("hours: write json: %w", err)
	}
	return nil
}
