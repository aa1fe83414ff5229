package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// outFile is an --out file written in full or not at all: writes go to a
// temporary file beside it, which Commit renames over the path, so a
// command that fails, or is stopped, never leaves a partial or empty file
// over a good one. A path that is not a regular file (/dev/stdout, a
// pipe) is written in place.
type outFile struct {
	*os.File
	path string // the file the caller named
	temp bool   // File is a temporary file to rename over path
	done bool
}

// createOut opens the --out file path. Commands call it before their work,
// so an unwritable path fails at once rather than after a long solve; end
// with Commit, and defer Discard.
func createOut(path string) (*outFile, error) {
	target := path
	if t, err := filepath.EvalSymlinks(path); err == nil {
		target = t // write through a symlink, not over it
	}
	mode := fs.FileMode(0o644)
	st, err := os.Stat(target)
	switch {
	case err == nil && !st.Mode().IsRegular():
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return nil, fmt.Errorf("--out: %w", err)
		}
		return &outFile{File: f, path: path}, nil
	case err == nil:
		mode = st.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("--out: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("--out %s: cannot create a file in %s: %w", path, filepath.Dir(target), errors.Unwrap(err))
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("--out: %w", err)
	}
	return &outFile{File: f, path: target, temp: true}, nil
}

// Commit closes the file and puts it in place of path.
func (o *outFile) Commit() error {
	o.done = true
	err := o.File.Close()
	if err == nil && o.temp {
		err = os.Rename(o.Name(), o.path)
	}
	if err != nil {
		if o.temp {
			os.Remove(o.Name())
		}
		return fmt.Errorf("writing %s: %w", o.path, err)
	}
	return nil
}

// Discard closes the file and removes what was written, leaving path as it
// was; after Commit it does nothing.
func (o *outFile) Discard() {
	if o.done {
		return
	}
	o.done = true
	o.File.Close()
	if o.temp {
		os.Remove(o.Name())
	}
}
