package scheduling

import (
	"net/mail"
	"slices"
)

// Role decides what a user may do.
type Role string

// Roles.
const (
	RoleAdmin    Role = "admin"
	RoleTeamLead Role = "team_lead"
	RoleAgent    Role = "agent"
	RoleHR       Role = "hr"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleAdmin, RoleTeamLead, RoleAgent, RoleHR:
		return true
	}
	return false
}

// User is someone who logs in.
type User struct {
	ID    string
	Email string
	Name  string
	Role  Role
	// PasswordHash is the encoded password hash; never shown or logged.
	PasswordHash string
	// AgentID links an agent user to their agent record.
	AgentID string
	// TeamIDs are the teams a team lead leads.
	TeamIDs []string
	// Locale is the preferred UI language, one of Locales ("" = "en").
	Locale string
	// Disabled is set when the login was switched off: it cannot log in,
	// and its sessions, tokens and calendar feed no longer work.
	Disabled bool
}

// Locales are the languages of the web app.
var Locales = []string{"en", "de"}

// Validate checks the user's fields.
func (u User) Validate() error {
	var v ValidationError
	if _, err := mail.ParseAddress(u.Email); err != nil || u.Email == "" {
		v.Add("email", "must be an e-mail address")
	}
	v.Text("email", u.Email, MaxEmailLength)
	v.Text("name", u.Name, MaxNameLength)
	if !u.Role.Valid() {
		v.Add("role", "must be admin, team_lead, agent or hr")
	}
	if u.Role == RoleAgent && u.AgentID == "" {
		v.Add("agent_id", "is required for agent users")
	}
	if u.Locale != "" && !slices.Contains(Locales, u.Locale) {
		v.Add("locale", "must be one of %v", Locales)
	}
	return v.Err()
}
