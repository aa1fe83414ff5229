package store

import "encoding/json"

// toJSON encodes v for a TEXT column; the values stored here always encode.
func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("store: encode column: " + err.Error())
	}
	return string(b)
}

// fromJSON decodes a TEXT column written by toJSON; an empty column leaves v unchanged.
func fromJSON(s string, v any) error {
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), v)
}
