package password

import (
	"errors"
	"testing"
)

func TestHashVerify(t *testing.T) {
	h, err := Hash("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(h, "correct horse"); err != nil {
		t.Errorf("right password: %v", err)
	}
	if err := Verify(h, "wrong horse!"); !errors.Is(err, ErrMismatch) {
		t.Errorf("wrong password err = %v, want ErrMismatch", err)
	}
	if _, err := Hash("short"); err == nil {
		t.Error("a 5-character password was accepted")
	}
}
