// Inviting agents (admins, on the Users page): each agent of a team who
// has an e-mail address and no login gets one without a password and a
// sign-in link, where they choose their password; a login not yet
// activated can be invited again. The links are shown once, with copy
// buttons and as a CSV file to hand them on.

import { h, replace } from './dom.js';
import { t } from './i18n.js';
import * as api from './api.js';
import { fmtDateTime } from './time.js';
import { field, select, formDialog, notice, dataTable, busy, errorBox } from './ui.js';

/**
 * inviteAgents asks for a team (read afresh: one just added on the Setup
 * page is there), invites it and shows the links in area.
 */
export async function inviteAgents(area, onDone) {
  let teams;
  try {
    teams = await busy(api.items('/teams'));
  } catch (err) {
    replace(area, errorBox(err));
    return;
  }
  const team = select(teams.map((tm) => ({ value: tm.id, label: tm.name })), teams[0]?.id || '', { name: 'team' });
  formDialog(t('invite.agents'), [
    field(t('invite.team'), team, t('invite.team_hint')),
  ], t('invite.send'), () => send(area, { team_id: team.value }, onDone));
}

/**
 * inviteAgent invites one agent again (a login whose link is unused or
 * expired gets a new one; the old one stops working) and shows the link
 * in area.
 */
export async function inviteAgent(area, agentId, onDone) {
  try {
    await busy(send(area, { agent_ids: [agentId] }, onDone));
  } catch (err) {
    replace(area, errorBox(err));
  }
  area.scrollIntoView?.({ block: 'nearest' });
}

/** send asks POST /invitations for the links and shows them in area. */
async function send(area, body, onDone) {
  const res = await api.post('/invitations', body);
  replace(area, result(res));
  notice(t('invite.done', { count: res.invited.length }), 'ok');
  onDone?.();
}

/** csvCell quotes a cell, neutralising what a spreadsheet would run as a formula. */
function csvCell(s) {
  const v = /^[=+\-@\t\r]/.test(s) ? `'${s}` : String(s);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** invitationsCSV is what POST /invitations?format=csv answers, for these links. */
export function invitationsCSV(invited) {
  const rows = [['name', 'email', 'team', 'link', 'expires_at'],
    ...invited.map((i) => [i.name, i.email, i.team, i.link, i.expires_at])];
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    button.previousElementSibling?.select();
    document.execCommand('copy');
  }
  notice(t('invite.copied'), 'ok');
}

/** result lists the links made and the agents left out, with the reason. */
function result(res) {
  const links = res.invited.map((i) => {
    const input = h('input', { type: 'text', readonly: true, value: i.link, 'aria-label': t('invite.link_of', { name: i.name }), onfocus: (e) => e.target.select() });
    const btn = h('button', { type: 'button', class: 'btn', 'aria-label': t('invite.copy_of', { name: i.name }), onclick: () => copy(i.link, btn) }, t('invite.copy'));
    return [i.name, i.email, i.team, h('div', { class: 'copy-row' }, input, btn), fmtDateTime(i.expires_at)];
  });
  const csv = URL.createObjectURL(new Blob([invitationsCSV(res.invited)], { type: 'text/csv;charset=utf-8' }));
  return h('div', { class: 'card invitations' },
    h('div', { class: 'page-head' }, h('h2', {}, t('invite.result', { count: res.invited.length })),
      res.invited.length ? h('a', { class: 'btn', href: csv, download: 'invitations.csv' }, t('invite.csv')) : null),
    h('p', { class: 'muted' }, t('invite.result_hint')),
    dataTable([t('users.name'), t('users.email'), t('invite.team'), t('invite.link'), t('invite.expires')], links, t('invite.none')),
    res.not_invited.length ? h('div', {},
      h('h3', {}, t('invite.not_invited', { count: res.not_invited.length })),
      h('ul', {}, res.not_invited.map((n) => h('li', {}, h('strong', {}, n.name), ': ', t(`invite.reason.${n.reason}`))))) : null);
}
