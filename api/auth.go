package api

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/api/password"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// SessionCookie is the name of the browser's session cookie.
const SessionCookie = "shiftplan_session"

// CSRFHeader carries the session's CSRF token on unsafe requests.
const CSRFHeader = "X-CSRF-Token"

var (
	errUnauthenticated = &Error{Status: http.StatusUnauthorized, Code: "unauthenticated", Message: "log in first"}
	errBadLogin        = &Error{Status: http.StatusUnauthorized, Code: "bad_credentials", Message: "wrong e-mail or password"}
	errRateLimited     = &Error{Status: http.StatusTooManyRequests, Code: "rate_limited", Message: "too many failed logins; try again later"}
	errCSRF            = &Error{Status: http.StatusForbidden, Code: "csrf", Message: "missing or wrong " + CSRFHeader + " header"}
)

// randomToken returns n random bytes in hex.
func randomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// hashToken is what the store keeps of a secret token: its SHA-256 in hex.
func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

// authenticate finds the caller from the bearer token or the session cookie;
// it refuses unsafe cookie requests without the session's CSRF token.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		p := &principal{}
		var userID string
		if h := c.Request().Header.Get(echo.HeaderAuthorization); h != "" {
			tok, ok := strings.CutPrefix(h, "Bearer ")
			if !ok || tok == "" {
				return errUnauthenticated
			}
			id, err := s.db.FindAPITokenUser(ctx, hashToken(strings.TrimSpace(tok)))
			if errors.Is(err, scheduling.ErrNotFound) {
				return errUnauthenticated
			} else if err != nil {
				return err
			}
			userID = id
		} else {
			ck, err := c.Cookie(SessionCookie)
			if err != nil || ck.Value == "" {
				return errUnauthenticated
			}
			sess, err := s.db.FindSession(ctx, hashToken(ck.Value))
			if errors.Is(err, scheduling.ErrNotFound) {
				return errUnauthenticated
			} else if err != nil {
				return err
			}
			userID, p.csrf, p.cookie = sess.UserID, sess.CSRFToken, true
			if !safeMethod(c.Request().Method) {
				if err := checkCSRF(c, p.csrf); err != nil {
					return err
				}
			}
		}
		u, err := s.db.FindUserByID(ctx, userID)
		if errors.Is(err, scheduling.ErrNotFound) || (err == nil && u.Disabled) {
			return errUnauthenticated
		} else if err != nil {
			return err
		}
		p.user = u
		if u.AgentID != "" {
			a, err := s.db.FindAgentByID(ctx, u.AgentID)
			if err != nil && !errors.Is(err, scheduling.ErrNotFound) {
				return err
			}
			p.agentTeam = a.TeamID
		}
		c.Set(principalKey, p)
		return next(c)
	}
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

type loginRequest struct {
	Email    string `json:"email" required:"true"`
	Password string `json:"password" required:"true"`
}

type userDTO struct {
	ID      string   `json:"id"`
	Email   string   `json:"email"`
	Name    string   `json:"name"`
	Role    string   `json:"role"`
	AgentID *string  `json:"agent_id"`
	TeamIDs []string `json:"team_ids"`
	Locale  string   `json:"locale"`
	// Disabled logins cannot log in (DELETE /users/{id}).
	Disabled bool `json:"disabled"`
}

func toUserDTO(u scheduling.User) userDTO {
	d := userDTO{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), TeamIDs: u.TeamIDs, Locale: u.Locale, Disabled: u.Disabled}
	if u.AgentID != "" {
		a := u.AgentID
		d.AgentID = &a
	}
	if d.TeamIDs == nil {
		d.TeamIDs = []string{}
	}
	return d
}

type loginResponse struct {
	User      userDTO `json:"user"`
	CSRFToken string  `json:"csrf_token"`
}

var (
	dummyOnce sync.Once
	dummy     string
)

// dummyHash is a bcrypt hash of nothing anyone knows.
func dummyHash() string {
	dummyOnce.Do(func() { dummy, _ = password.Hash(randomToken(16)) })
	return dummy
}

// login checks e-mail and password (bcrypt), starts a session and sets the
// HttpOnly, SameSite=Lax session cookie. Failed attempts are counted per
// client address and e-mail; the password is never logged.
func (s *Server) login(c echo.Context) error {
	var req loginRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	email := strings.ToLower(strings.TrimSpace(req.Email))
	key := c.RealIP() + "|" + email
	now := s.now()
	if !s.limiter.allowed(key, now) {
		s.log.Warn("login rate-limited", "request_id", requestIDOf(c), "client", c.RealIP())
		return errRateLimited
	}
	u, err := s.db.FindUserByEmail(c.Request().Context(), email)
	if err != nil && !errors.Is(err, scheduling.ErrNotFound) {
		return err
	}
	if err != nil || u.PasswordHash == "" {
		// Spend the time of a password check anyway, so that response
		// times do not tell which e-mail addresses have an account.
		password.Verify(dummyHash(), req.Password)
	}
	if err != nil || u.PasswordHash == "" || password.Verify(u.PasswordHash, req.Password) != nil || u.Disabled {
		s.limiter.fail(key, now)
		s.log.Info("login failed", "request_id", requestIDOf(c), "client", c.RealIP())
		return errBadLogin
	}
	s.limiter.succeed(key)
	csrf, err := s.startSession(c, u)
	if err != nil {
		return err
	}
	s.log.Info("login", "request_id", requestIDOf(c), "user_id", u.ID)
	return c.JSON(http.StatusOK, loginResponse{User: toUserDTO(u), CSRFToken: csrf})
}

// startSession starts a session of u and sets the HttpOnly, SameSite=Lax
// session cookie; it returns the session's CSRF token.
func (s *Server) startSession(c echo.Context, u scheduling.User) (string, error) {
	token, csrf := randomToken(32), randomToken(32)
	expires := s.now().Add(s.cfg.SessionTTL)
	if err := s.db.CreateSession(c.Request().Context(), hashToken(token), store.Session{UserID: u.ID, CSRFToken: csrf, ExpiresAt: expires}); err != nil {
		return "", err
	}
	c.SetCookie(&http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.cfg.SecureCookies || c.Scheme() == "https", Expires: expires, MaxAge: int(s.cfg.SessionTTL.Seconds())})
	return csrf, nil
}

// checkCSRF refuses (errCSRF) a request whose CSRF header is not the
// session's token, compared in constant time.
func checkCSRF(c echo.Context, token string) error {
	if subtle.ConstantTimeCompare([]byte(c.Request().Header.Get(CSRFHeader)), []byte(token)) != 1 {
		return errCSRF
	}
	return nil
}

// logout ends the session and clears the cookie. Ending a live session
// is a change like any other: it needs the session's CSRF token, or any
// site could log the user out.
func (s *Server) logout(c echo.Context) error {
	if ck, err := c.Cookie(SessionCookie); err == nil && ck.Value != "" {
		ctx := c.Request().Context()
		sess, err := s.db.FindSession(ctx, hashToken(ck.Value))
		if err != nil && !errors.Is(err, scheduling.ErrNotFound) {
			return err
		}
		if err == nil {
			if err := checkCSRF(c, sess.CSRFToken); err != nil {
				return err
			}
		}
		if err := s.db.DeleteSession(ctx, hashToken(ck.Value)); err != nil {
			return err
		}
	}
	c.SetCookie(&http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	return c.NoContent(http.StatusNoContent)
}

type siteRef struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	TimeZone string `json:"time_zone"`
}

type meResponse struct {
	User      userDTO  `json:"user"`
	CSRFToken string   `json:"csrf_token,omitempty"`
	Site      *siteRef `json:"site"`
}

// me describes the caller, their CSRF token and their site.
func (s *Server) me(c echo.Context) error {
	p := principalOf(c)
	ctx := c.Request().Context()
	out := meResponse{User: toUserDTO(p.user), CSRFToken: p.csrf}
	team := p.agentTeam
	if team == "" && len(p.user.TeamIDs) > 0 {
		team = p.user.TeamIDs[0]
	}
	var site scheduling.Site
	var err error
	if team != "" {
		var t scheduling.Team
		if t, err = s.db.FindTeamByID(ctx, team); err == nil {
			site, err = s.db.FindSiteByID(ctx, t.SiteID)
		}
	} else {
		var sites []scheduling.Site
		if sites, err = s.db.FindSites(ctx); err == nil && len(sites) > 0 {
			site = sites[0]
		}
	}
	if err != nil && !errors.Is(err, scheduling.ErrNotFound) {
		return err
	}
	if site.ID != "" {
		out.Site = &siteRef{ID: site.ID, Name: site.Name, TimeZone: site.TimeZone}
	}
	return c.JSON(http.StatusOK, out)
}

type tokenRequest struct {
	Name string `json:"name" required:"true"`
}

type tokenDTO struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	CreatedAt string `json:"created_at"`
	// Token is shown once, when created.
	Token string `json:"token,omitempty"`
}

// createToken makes a bearer token for the caller; the store keeps its hash.
func (s *Server) createToken(c echo.Context) error {
	p := principalOf(c)
	var req tokenRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	tok := "spt_" + randomToken(32)
	t, err := s.db.CreateAPIToken(c.Request().Context(), p.user.ID, req.Name, hashToken(tok))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, tokenDTO{ID: t.ID, Name: t.Name, CreatedAt: rfc(t.CreatedAt), Token: tok})
}

func (s *Server) listTokens(c echo.Context) error {
	ts, err := s.db.FindAPITokens(c.Request().Context(), principalOf(c).user.ID)
	if err != nil {
		return err
	}
	out := make([]tokenDTO, len(ts))
	for i, t := range ts {
		out[i] = tokenDTO{ID: t.ID, Name: t.Name, CreatedAt: rfc(t.CreatedAt)}
	}
	return page(c, out)
}

func (s *Server) revokeToken(c echo.Context) error {
	if err := s.db.RevokeAPIToken(c.Request().Context(), principalOf(c).user.ID, c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
