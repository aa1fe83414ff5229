// Look-ups shared by several pages: teams, agents, queues and rosters.

import * as api from './api.js';
import { addDays } from './time.js';

const cache = new Map();
function once(key, fn) {
  if (!cache.has(key)) cache.set(key, fn().catch((err) => { cache.delete(key); throw err; }));
  return cache.get(key);
}
/** forget drops cached look-ups (after logout or a language change). */
export function forget() { cache.clear(); }

const allTeams = () => once('teams', () => api.items('/teams'));

/**
 * teams lists the teams the user works with: a team lead's own teams
 * (user.team_ids), every team for admin and HR.
 */
export async function teams(user) {
  const list = await allTeams();
  if (user?.role === 'team_lead' && Array.isArray(user.team_ids)) {
    const mine = new Set(user.team_ids.map(String));
    return list.filter((tm) => mine.has(String(tm.id)));
  }
  return list;
}
export const queues = () => once('queues', () => api.items('/queues'));
export const sites = () => once('sites', () => api.items('/sites', {}, 50));

/**
 * zoneOfSite is the IANA zone of a site, '' when unknown: a page that
 * shows one site's times (a team's roster, a queue's forecast) shows them
 * on that site's clock, whichever site the user belongs to.
 */
export async function zoneOfSite(siteId) {
  return (await sites()).find((s) => String(s.id) === String(siteId))?.time_zone || '';
}

/** zoneOfTeam is the IANA zone of a team's site, '' when unknown. */
export async function zoneOfTeam(teamId) {
  const team = (await allTeams()).find((tm) => String(tm.id) === String(teamId));
  return team ? zoneOfSite(team.site_id) : '';
}
export const agents = (team) => once(`agents:${team}`, () => api.items('/agents', { team }));

/** agentName is "First Last" whichever way the API spells an agent. */
export function agentName(a) {
  if (!a) return '';
  return a.name || [a.first_name, a.last_name].filter(Boolean).join(' ') || a.email || a.id;
}

/** teamName of an id from a team list. */
export function teamName(list, id) {
  return list.find((t) => String(t.id) === String(id))?.name || id;
}

/**
 * rostersFor lists rosters of a team overlapping the days first…last
 * (inclusive), newest period first, drafts before published ones of the
 * same period. A roster's period_end is the day after its last day.
 */
export async function rostersFor(team, first, last) {
  const list = await api.items('/rosters', { team, from: first, to: addDays(last, 1) });
  return list
    .filter((r) => !r.period_end || r.period_end > first)
    .filter((r) => !r.period_start || r.period_start <= last)
    .sort((a, b) => (b.period_start || '').localeCompare(a.period_start || '')
      || (a.status === 'draft' ? -1 : 1) - (b.status === 'draft' ? -1 : 1));
}

/** roster fetches one roster with its ETag; version comes from either. */
export async function roster(id) {
  const res = await api.request('GET', `/rosters/${id}`);
  const r = res.data;
  if (r && r.version === undefined && res.etag) r.version = res.etag.replace(/^W\//, '').replace(/"/g, '');
  return r;
}

/** typeCode is the template letter that picks a shift's colour. */
export function typeCode(shift) {
  const c = (shift.template_code || shift.activity || '').toString();
  return /^[EDLNP]/i.test(c) ? c[0].toUpperCase() : 'X';
}

/** lastDay of a roster: its period_end is exclusive. */
export function lastDay(r) { return addDays(r.period_end, -1); }
