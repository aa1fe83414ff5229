package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
)

// route is one API operation: its handler and what the OpenAPI document
// says of it.
type route struct {
	method  string
	path    string // Echo syntax, relative to /api/v1: /rosters/:id
	handler echo.HandlerFunc
	summary string
	// public routes need no login.
	public bool
	// query lists the query parameters.
	query []string
	// body is a value of the JSON request body's type (nil: none).
	body any
	// upload marks a text/csv or multipart body.
	upload bool
	// raw marks a body validated by the handler (pay rules' own format).
	raw bool
	// status and resp describe the success response.
	status int
	resp   any
}

var (
	listQuery  = []string{"limit", "cursor"}
	rangeQuery = []string{"from", "to"}
)

func q(names ...[]string) []string {
	var out []string
	for _, n := range names {
		out = append(out, n...)
	}
	return out
}

// apiRoutes is the one table of every /api/v1 operation.
func (s *Server) apiRoutes() []route {
	type page = pageBody[any]
	return []route{
		{method: "GET", path: "", handler: s.apiRoot, summary: "API name and version", public: true, resp: map[string]string{}},
		{method: "GET", path: "/openapi.json", handler: s.openAPI, summary: "this OpenAPI document", public: true},
		{method: "POST", path: "/auth/login", handler: s.login, summary: "log in with e-mail and password; sets the session cookie", public: true, body: loginRequest{}, resp: loginResponse{}},
		{method: "POST", path: "/auth/logout", handler: s.logout, summary: "end the session", public: true, status: http.StatusNoContent},
		{method: "GET", path: "/me", handler: s.me, summary: "the caller, their CSRF token and site", resp: meResponse{}},
		{method: "GET", path: "/tokens", handler: s.listTokens, summary: "the caller's API tokens", query: listQuery, resp: pageBody[tokenDTO]{}},
		{method: "POST", path: "/tokens", handler: s.createToken, summary: "create an API token (shown once)", body: tokenRequest{}, status: http.StatusCreated, resp: tokenDTO{}},
		{method: "DELETE", path: "/tokens/:id", handler: s.revokeToken, summary: "revoke an API token", status: http.StatusNoContent},

		{method: "GET", path: "/holiday-regions", handler: s.listHolidayRegions, summary: "the holiday regions a site may name", resp: holidayRegionsDTO{}},
		{method: "GET", path: "/sites", handler: s.listSites, summary: "sites", query: listQuery, resp: pageBody[siteDTO]{}},
		{method: "POST", path: "/sites", handler: s.createSite, summary: "add a site (admin)", body: siteInput{}, status: http.StatusCreated, resp: siteDTO{}},
		{method: "GET", path: "/sites/:id", handler: s.getSite, summary: "one site", resp: siteDTO{}},
		{method: "PATCH", path: "/sites/:id", handler: s.patchSite, summary: "rename a site, change its holiday region, or its zone while it has no roster (admin)", body: sitePatch{}, resp: siteDTO{}},
		{method: "DELETE", path: "/sites/:id", handler: adminDelete("id", s.db.DeleteSite), summary: "remove a site without teams, queues and shift templates, with its rules (admin)", status: http.StatusNoContent},
		{method: "GET", path: "/sites/:id/pay-rules", handler: s.getPayRules, summary: "the site's pay rules (admin, HR, the leads of its teams)"},
		{method: "PUT", path: "/sites/:id/pay-rules", handler: s.putPayRules, summary: "replace the site's pay rules (admin, HR)", raw: true},
		{method: "GET", path: "/sites/:id/holidays", handler: s.listSiteHolidays, summary: "a year's public holidays of the site's region with the site's own days (?year=, default this year)", query: []string{"year"}, resp: siteHolidaysDTO{}},
		{method: "PUT", path: "/sites/:id/holidays/:date", handler: s.putSiteHoliday, summary: "make a date a holiday of the site's own ({name}), or work a public holiday ({working:true}) (admin, HR)", body: siteHolidayInput{}, resp: siteHolidayDTO{}},
		{method: "DELETE", path: "/sites/:id/holidays/:date", handler: s.deleteSiteHoliday, summary: "remove the site's own day on a date: the region's calendar holds there again (admin, HR)", status: http.StatusNoContent},
		{method: "GET", path: "/sites/:id/labour-rules", handler: s.getLabourRules, summary: "the site's labour rules (admin, HR, the leads of its teams)", resp: labourRulesDTO{}},
		{method: "PUT", path: "/sites/:id/labour-rules", handler: s.putLabourRules, summary: "replace the site's labour rules (admin)", body: labourRulesDTO{}, resp: labourRulesDTO{}},
		{method: "GET", path: "/teams", handler: s.listTeams, summary: "teams", query: q(listQuery, []string{"site"}), resp: pageBody[teamDTO]{}},
		{method: "POST", path: "/teams", handler: s.createTeam, summary: "add a team to a site (admin)", body: teamInput{}, status: http.StatusCreated, resp: teamDTO{}},
		{method: "GET", path: "/teams/:id", handler: s.getTeam, summary: "one team", resp: teamDTO{}},
		{method: "PATCH", path: "/teams/:id", handler: s.patchTeam, summary: "rename a team (admin)", body: teamPatch{}, resp: teamDTO{}},
		{method: "DELETE", path: "/teams/:id", handler: adminDelete("id", s.db.DeleteTeam), summary: "remove a team without agents and rosters (admin)", status: http.StatusNoContent},
		{method: "GET", path: "/skills", handler: s.listSkills, summary: "skills", query: listQuery, resp: pageBody[skillDTO]{}},
		{method: "PUT", path: "/skills/:code", handler: s.putSkill, summary: "add or rename a skill (admin)", body: skillInput{}, resp: skillDTO{}},
		{method: "DELETE", path: "/skills/:code", handler: adminDelete("code", s.db.DeleteSkill), summary: "remove a skill no agent holds and no queue needs (admin)", status: http.StatusNoContent},
		{method: "GET", path: "/users", handler: s.listUsers, summary: "every login (admin)", query: listQuery, resp: pageBody[listedUserDTO]{}},
		{method: "POST", path: "/users", handler: s.createUser, summary: "add a login (admin)", body: userInput{}, status: http.StatusCreated, resp: userDTO{}},
		{method: "PATCH", path: "/users/:id", handler: s.patchUser, summary: "change a login's name, role, agent, teams or locale (admin)", body: userInput{}, resp: userDTO{}},
		{method: "DELETE", path: "/users/:id", handler: s.disableUser, summary: "switch a login off: no login, sessions, tokens or calendar feed (admin)", status: http.StatusNoContent},
		{method: "POST", path: "/users/:id/password", handler: s.setUserPassword, summary: "set a login's password and end its sessions (admin)", body: passwordInput{}, status: http.StatusNoContent},
		{method: "POST", path: "/invitations", handler: s.createInvitations, summary: "invite agents: a login without password and a sign-in link each; by agent_ids or team_id (admin); ?format=csv for a file", query: []string{"format"}, body: invitationRequest{}, resp: invitationResult{}},
		{method: "GET", path: "/invitations/:token", handler: s.getInvitation, summary: "whose invitation a link is; 410 for unknown, used and expired links alike", public: true, resp: invitationDTO{}},
		{method: "POST", path: "/invitations/:token/accept", handler: s.acceptInvitation, summary: "choose the first password (422 on password) and log in; sets the session cookie", public: true, body: acceptRequest{}, resp: loginResponse{}},
		{method: "GET", path: "/agents", handler: s.listAgents, summary: "agents of the caller's teams", query: q(listQuery, []string{"team", "skill"}), resp: pageBody[agentDTO]{}},
		{method: "POST", path: "/agents", handler: s.createAgent, summary: "add an agent (admin, the team's leads)", body: agentInput{}, status: http.StatusCreated, resp: agentDTO{}},
		{method: "POST", path: "/agents/import", handler: s.importAgents, summary: "add and change agents from a CSV file (admin, the teams' leads), all or nothing", upload: true, resp: agentImportResult{}},
		{method: "GET", path: "/agents/:id", handler: s.getAgent, summary: "one agent", resp: agentDTO{}},
		{method: "PATCH", path: "/agents/:id", handler: s.patchAgent, summary: "change an agent; a changed contract or rate holds from contract_from (default today)", body: agentInput{}, resp: agentDTO{}},
		{method: "GET", path: "/agents/:id/contracts", handler: s.agentContracts, summary: "an agent's contracts and rates over time: past, current, then changes that have not started", resp: pageBody[contractSpellDTO]{}},
		{method: "GET", path: "/agents/:id/vacation", handler: s.agentVacation, summary: "an agent's paid vacation of a year: entitlement, approved, requested and remaining working days", query: []string{"year"}, resp: vacationDTO{}},
		{method: "DELETE", path: "/agents/:id/contracts/:from", handler: s.cancelContractChange, summary: "cancel an agent's contract change that has not started (whoever may change the agent)", status: http.StatusNoContent},
		{method: "GET", path: "/queues", handler: s.listQueues, summary: "queues", query: q(listQuery, []string{"site"}), resp: pageBody[queueDTO]{}},
		{method: "POST", path: "/queues", handler: s.createQueue, summary: "add a queue (admin)", body: queueDTO{}, status: http.StatusCreated, resp: queueDTO{}},
		{method: "GET", path: "/queues/:id", handler: s.getQueue, summary: "one queue", resp: queueDTO{}},
		{method: "PUT", path: "/queues/:id", handler: s.putQueue, summary: "replace a queue's settings; its site stays (admin)", body: queueDTO{}, resp: queueDTO{}},
		{method: "DELETE", path: "/queues/:id", handler: adminDelete("id", s.db.DeleteQueue), summary: "remove a queue no shift serves, with its history and forecasts (admin)", status: http.StatusNoContent},
		{method: "POST", path: "/queues/:id/history", handler: s.importHistory, summary: "import interval history (CSV), all or nothing", upload: true, resp: importResult{}},
		{method: "GET", path: "/queues/:id/history", handler: s.getHistory, summary: "a queue's interval history", query: q(listQuery, rangeQuery), resp: page{}},
		{method: "POST", path: "/forecasts", handler: s.createForecast, summary: "run a forecast (background job)", body: forecastRequest{}, status: http.StatusAccepted, resp: jobAccepted{}},
		{method: "GET", path: "/forecasts", handler: s.listForecasts, summary: "forecasts, newest first", query: q(listQuery, []string{"queue"}), resp: pageBody[forecastDTO]{}},
		{method: "GET", path: "/forecasts/:id", handler: s.getForecast, summary: "one forecast with its adjusted points", resp: forecastDTO{}},
		{method: "GET", path: "/forecasts/:id/outcome", handler: s.getForecastOutcome, summary: "how a forecast fared against the history imported after it", resp: outcomeDTO{}},
		{method: "POST", path: "/forecasts/:id/adjustments", handler: s.adjustForecast, summary: "adjust a forecast by percent or absolute volume", body: adjustmentDTO{}, resp: forecastDTO{}},
		{method: "DELETE", path: "/forecasts/:id/adjustments/:adjustmentId", handler: s.removeAdjustment, summary: "remove one adjustment of a forecast", resp: forecastDTO{}},
		{method: "GET", path: "/requirements", handler: s.listRequirements, summary: "agents needed per interval", query: q(listQuery, rangeQuery, []string{"queue"}), resp: pageBody[requirementDTO]{}},
		{method: "GET", path: "/shift-templates", handler: s.listTemplates, summary: "shift templates", query: q(listQuery, []string{"site"}), resp: pageBody[templateDTO]{}},
		{method: "PUT", path: "/shift-templates/:id", handler: s.putTemplate, summary: "replace a shift template; its site stays (admin)", body: templateDTO{}, resp: templateDTO{}},
		{method: "DELETE", path: "/shift-templates/:id", handler: adminDelete("id", s.db.DeleteShiftTemplate), summary: "remove a shift template no shift and no agent's wish uses (admin)", status: http.StatusNoContent},
		{method: "POST", path: "/shift-templates", handler: s.createTemplate, summary: "add a shift template (admin)", body: templateDTO{}, status: http.StatusCreated, resp: templateDTO{}},

		{method: "GET", path: "/rosters", handler: s.listRosters, summary: "rosters", query: q(listQuery, rangeQuery, []string{"team", "status"}), resp: pageBody[rosterDTO]{}},
		{method: "POST", path: "/rosters", handler: s.createRoster, summary: "create a draft roster", body: createRosterRequest{}, status: http.StatusCreated, resp: rosterDTO{}},
		{method: "GET", path: "/rosters/:id", handler: s.getRoster, summary: "a roster with shifts, KPIs and coverage", resp: rosterDetail{}},
		{method: "DELETE", path: "/rosters/:id", handler: s.deleteRoster, summary: "remove a draft that was never published", status: http.StatusNoContent},
		{method: "POST", path: "/rosters/:id/solve", handler: s.solveRoster, summary: "solve the roster (background job)", body: solveRequest{}, status: http.StatusAccepted, resp: jobAccepted{}},
		{method: "POST", path: "/rosters/:id/shifts", handler: s.addShift, summary: "add a shift (rules checked; ?force=true stores one that breaks them)", query: []string{"force"}, body: shiftPatch{}, status: http.StatusCreated, resp: shiftEditResponse{}},
		{method: "GET", path: "/rosters/:id/shifts/:shiftId/candidates", handler: s.coverCandidates, summary: "who of the team could take a shift over, with the rules it would break for each"},
		{method: "PATCH", path: "/rosters/:id/shifts/:shiftId", handler: s.patchShift, summary: "edit a shift (If-Match: shift version)", query: []string{"force"}, body: shiftPatch{}, resp: shiftEditResponse{}},
		{method: "POST", path: "/rosters/:id/check", handler: s.checkShift, summary: "rules a changed or added shift would break", body: shiftPatch{}, resp: checkResponse{}},
		{method: "POST", path: "/rosters/:id/publish", handler: s.publishRoster, summary: "publish (If-Match: roster version)", resp: rosterDTO{}},
		{method: "GET", path: "/rosters/:id/versions", handler: s.listVersions, summary: "a roster's versions", query: listQuery, resp: pageBody[versionDTO]{}},
		{method: "GET", path: "/rosters/:id/diff", handler: s.diffVersions, summary: "shifts added, removed and changed between versions", query: []string{"from", "to"}, resp: diffResponse{}},
		{method: "GET", path: "/rosters/:id/audit", handler: s.listAudit, summary: "every change to a roster", query: listQuery, resp: pageBody[auditDTO]{}},
		{method: "GET", path: "/shifts", handler: s.listShifts, summary: "shifts across rosters", query: q(listQuery, rangeQuery, []string{"team", "agent", "status"}), resp: pageBody[shiftDTO]{}},
		{method: "GET", path: "/jobs/:id", handler: s.getJob, summary: "a background job's status, progress and result", resp: jobDTO{}},
		{method: "GET", path: "/jobs/:id/events", handler: s.jobEvents, summary: "server-sent events of a job's progress"},
		{method: "POST", path: "/jobs/:id/cancel", handler: s.cancelJob, summary: "cancel a queued or running job (409 once finished)", resp: jobDTO{}},

		{method: "GET", path: "/time-off", handler: s.listTimeOff, summary: "time-off requests", query: q(listQuery, rangeQuery, []string{"status", "team"}), resp: pageBody[timeOffDTO]{}},
		{method: "POST", path: "/time-off", handler: s.createTimeOff, summary: "ask for time off", body: timeOffRequest{}, status: http.StatusCreated, resp: timeOffDTO{}},
		{method: "POST", path: "/time-off/:id/approve", handler: s.decideTimeOff(scheduling.TimeOffApproved), summary: "approve (suggests a re-solve)", resp: decisionResponse{}},
		{method: "POST", path: "/time-off/:id/decline", handler: s.decideTimeOff(scheduling.TimeOffDeclined), summary: "decline", resp: decisionResponse{}},
		{method: "POST", path: "/time-off/:id/withdraw", handler: s.withdrawTimeOff, summary: "take back a request not yet decided (the agent, or the team's leads)", resp: timeOffDTO{}},
		{method: "GET", path: "/availability", handler: s.getDocument(docAvailability, availabilityDTO{Windows: []windowDTO{}}), summary: "an agent's availability", query: []string{"agent"}, resp: availabilityDTO{}},
		{method: "PUT", path: "/availability", handler: s.putAvailability, summary: "replace an agent's availability", query: []string{"agent"}, body: availabilityDTO{}, resp: availabilityDTO{}},
		{method: "GET", path: "/preferences", handler: s.getDocument(docPreferences, preferencesDTO{Items: []preferenceDTO{}}), summary: "an agent's shift preferences", query: []string{"agent"}, resp: preferencesDTO{}},
		{method: "PUT", path: "/preferences", handler: s.putPreferences, summary: "replace an agent's shift preferences", query: []string{"agent"}, body: preferencesDTO{}, resp: preferencesDTO{}},
		{method: "GET", path: "/swaps", handler: s.listSwaps, summary: "swap requests", query: listQuery, resp: pageBody[swapDTO]{}},
		{method: "POST", path: "/swaps", handler: s.createSwap, summary: "propose a swap", body: swapRequest{}, status: http.StatusCreated, resp: swapDTO{}},
		{method: "POST", path: "/swaps/:id/accept", handler: s.acceptSwap, summary: "the colleague accepts", resp: swapDTO{}},
		{method: "POST", path: "/swaps/:id/approve", handler: s.approveSwap, summary: "a lead approves (rules checked)", resp: swapDTO{}},
		{method: "POST", path: "/swaps/:id/decline", handler: s.declineSwap, summary: "decline or withdraw", resp: swapDTO{}},
		{method: "GET", path: "/notifications", handler: s.listNotifications, summary: "the caller's notifications and their teams' team-wide ones, newest first", query: q(listQuery, []string{"unread"}), resp: pageBody[notificationDTO]{}},
		{method: "GET", path: "/notifications/unread", handler: s.countUnread, summary: "how many of the caller's notifications are unread", resp: unreadDTO{}},
		{method: "POST", path: "/notifications/read-all", handler: s.readAllNotifications, summary: "mark the caller's notifications read: up_to (the newest shown) and older, or every one without it", body: readAllRequest{}, status: http.StatusNoContent},
		{method: "POST", path: "/notifications/:id/read", handler: s.readNotification, summary: "mark one of the caller's notifications read", status: http.StatusNoContent},

		{method: "GET", path: "/me/shifts", handler: s.myShifts, summary: "the caller's published shifts", query: q(listQuery, rangeQuery), resp: pageBody[shiftDTO]{}},
		{method: "GET", path: "/me/vacation", handler: s.myVacation, summary: "the caller's paid vacation of a year: entitlement, approved, requested and remaining working days", query: []string{"year"}, resp: vacationDTO{}},
		{method: "GET", path: "/me/hours", handler: s.myHours, summary: "the caller's paid hours by category over [from, to), as the hours report pays them", query: q(rangeQuery)},
		{method: "GET", path: "/me/calendar", handler: s.myCalendar, summary: "whether the caller has a calendar feed and since when (not its secret address)", resp: calendarDTO{}},
		{method: "POST", path: "/me/calendar/rotate", handler: s.rotateCalendar, summary: "make the caller's calendar feed, or revoke its address and make a new one; the address is returned only here", resp: calendarDTO{}},
		{method: "POST", path: "/me/password", handler: s.changeMyPassword, summary: "change your password (ends every session of yours)", body: passwordInput{}, status: http.StatusNoContent},
		{method: "GET", path: "/reports/hours", handler: s.hoursReport, summary: "paid hours per agent (CSV, XLSX or JSON)", query: q(rangeQuery, []string{"team", "site", "format", "detail"})},
	}
}

func (s *Server) apiRoot(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"name": "shiftplan", "version": s.cfg.Version})
}

// routes registers the health probes, the API, the calendar feeds and the
// web app.
func (s *Server) routes() {
	e := s.echo
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/ical/:file", s.calendarFeed)
	// Calendar apps may check a subscription with HEAD (RFC 9110 §9.3.2).
	e.HEAD("/ical/:file", s.calendarFeed)

	table := s.apiRoutes()
	s.spec = buildSpec(s.cfg.Version, table)
	v1 := e.Group("/api/v1")
	for _, r := range table {
		mw := []echo.MiddlewareFunc{s.spec.validator(r)}
		if !r.public {
			mw = append([]echo.MiddlewareFunc{s.authenticate}, mw...)
		}
		v1.Add(r.method, r.path, r.handler, mw...)
	}
	v1.Any("/*", func(c echo.Context) error { return echo.ErrNotFound })
	s.frontendRoutes()
}
