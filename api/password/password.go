// Package password hashes and checks login passwords with bcrypt.
package password

import (
	"errors"
	"fmt"

	"golang.org/x/crypto/bcrypt"
)

// MinLength is the shortest accepted password.
const MinLength = 8

// ErrMismatch means the password does not match the hash.
var ErrMismatch = errors.New("password does not match")

// Hash returns the bcrypt hash of pw.
func Hash(pw string) (string, error) {
	if len(pw) < MinLength {
		return "", fmt.Errorf("password must have at least %d characters", MinLength)
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// Verify checks pw against hash; it returns ErrMismatch when they differ.
func Verify(hash, pw string) error {
	if err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)); err != nil {
		return ErrMismatch
	}
	return nil
}
