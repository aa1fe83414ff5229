package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
)

// config is the server's configuration: defaults, overridden by the
// environment, overridden by flags.
type config struct {
	Addr        string
	DatabaseURL string
	DataDir     string
	LogLevel    string
	LogFormat   string
}

// envVars documents every environment variable (also in the README).
var envVars = []struct{ name, field, def, help string }{
	{"SHIFTPLAN_ADDR", "addr", "127.0.0.1:8080", "address the HTTP server listens on"},
	{"SHIFTPLAN_DATABASE_URL", "database-url", "", "postgres://user:pass@host:5432/db; empty = embedded SQLite in the data directory"},
	{"SHIFTPLAN_DATA_DIR", "data-dir", "./shiftplan-data", "directory of the embedded SQLite database"},
	{"SHIFTPLAN_LOG_LEVEL", "log-level", "info", "debug, info, warn or error"},
	{"SHIFTPLAN_LOG_FORMAT", "log-format", "json", "json or text"},
}

// bindConfig registers the config flags on fs with defaults taken from the
// environment.
func bindConfig(fs *flag.FlagSet, getenv func(string) string, withAddr bool) *config {
	c := &config{}
	ptr := map[string]*string{"addr": &c.Addr, "database-url": &c.DatabaseURL, "data-dir": &c.DataDir,
		"log-level": &c.LogLevel, "log-format": &c.LogFormat}
	for _, v := range envVars {
		if v.field == "addr" && !withAddr {
			continue
		}
		def := v.def
		if e := getenv(v.name); e != "" {
			def = e
		}
		fs.StringVar(ptr[v.field], v.field, def, fmt.Sprintf("%s (env %s)", v.help, v.name))
	}
	if !withAddr {
		c.Addr = ""
	}
	return c
}

// String prints the configuration with the database password masked.
func (c config) String() string {
	return fmt.Sprintf("addr=%s database=%s data-dir=%s", c.Addr, maskURL(c.DatabaseURL), c.DataDir)
}

// maskURL hides the password of a database URL.
func maskURL(raw string) string {
	if raw == "" {
		return "(embedded SQLite)"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	return u.String()
}

// parseTrustedProxies reads --trusted-proxies: comma-separated CIDR ranges
// (a bare address is its own range). A bad entry is a usage error naming
// the setting and the entry.
func parseTrustedProxies(s string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if ip := net.ParseIP(f); ip != nil {
			if v4 := ip.To4(); v4 != nil {
				ip = v4
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(8*len(ip), 8*len(ip))})
			continue
		}
		_, n, err := net.ParseCIDR(f)
		if err != nil {
			return nil, usagef("--trusted-proxies (SHIFTPLAN_TRUSTED_PROXIES): %q is not a CIDR range such as 10.0.0.0/8 or an IP address", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// logger builds the structured logger.
func (c config) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return nil, usagef("--log-level: %q is not debug, info, warn or error", c.LogLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(c.LogFormat) {
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	}
	return nil, usagef("--log-format: %q is not json or text", c.LogFormat)
}
