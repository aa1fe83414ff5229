// Admins: every login, and a form to add one — a lead with their teams, an
// agent with their agent record, HR or another admin; change a login's role,
// teams or agent record, set its password, switch it off or on; invite a
// team's agents, who choose their own passwords, see whose invitation is
// pending or expired and invite them again.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import * as data from '../data.js';
import { loading, errorBox, field, select, busy, notice, pageHeader, formDialog } from '../ui.js';
import { inviteAgents, inviteAgent } from '../invitations.js';
import { fmtDateTime } from '../time.js';

const ROLES = ['team_lead', 'agent', 'hr', 'admin'];

export async function render(root, { session }) {
  const listArea = h('div', {}, loading());
  const formArea = h('div', {});
  const inviteArea = h('div', {});
  const inviteBtn = h('button', { type: 'button', class: 'btn', onclick: () => inviteAgents(inviteArea, drawList) }, t('invite.agents'));
  replace(root, pageHeader(t('users.title'), inviteBtn), inviteArea, formArea, h('h2', {}, t('users.all')), listArea);
  let teams = [];
  let agents = [];
  try {
    teams = await data.teams(session.me.user);
    for (const tm of teams) agents.push(...await data.agents(tm.id));
  } catch (err) {
    replace(formArea, errorBox(err));
  }
  const teamName = (id) => data.teamName(teams, id);
  agents = agents.sort((a, b) => data.agentName(a).localeCompare(data.agentName(b)));

  async function drawList() {
    replace(listArea, loading());
    try {
      const users = await api.items('/users', {}, 50);
      replace(listArea, h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, [t('users.name'), t('users.email'), t('users.role'), t('users.teams'), t('users.access')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, users.map((u) => h('tr', { class: u.disabled ? 'muted' : null },
          h('td', {}, u.name || '—'), h('td', {}, u.email, invitation(u)), h('td', {}, t(`role.${u.role}`)),
          h('td', {}, (u.team_ids || []).map(teamName).join(', ') || '—'),
          h('td', {}, h('div', { class: 'buttons' },
            h('button', { type: 'button', class: 'btn btn-quiet', 'aria-label': t('users.edit_who', { email: u.email }), onclick: () => editUser(u) }, t('users.edit')),
            h('button', { type: 'button', class: 'btn btn-quiet', 'aria-label': t('users.password_who', { email: u.email }), onclick: () => setPassword(u) }, t('users.password_action')),
            u.invitation && u.agent_id ? h('button', { type: 'button', class: 'btn btn-quiet', 'aria-label': t('users.invite_again_who', { email: u.email }), onclick: () => inviteAgent(inviteArea, u.agent_id, drawList) }, t('users.invite_again')) : null,
            String(u.id) === String(session.me.user.id) ? h('span', { class: 'muted' }, t('users.you')) : h('button', {
              type: 'button', class: 'btn btn-quiet',
              'aria-label': t(u.disabled ? 'users.enable_who' : 'users.disable_who', { email: u.email }),
              onclick: () => toggle(u),
            }, t(u.disabled ? 'users.enable' : 'users.disable'))))))))));
    } catch (err) {
      replace(listArea, errorBox(err, { retry: drawList }));
    }
  }

  // invitation tells whether a login's invitation is pending or expired
  // (null for none).
  function invitation(u) {
    if (!u.invitation) return null;
    return h('div', { class: 'muted' }, u.invitation.expired ? t('users.invitation_expired')
      : t('users.invited_until', { date: fmtDateTime(u.invitation.expires_at) }));
  }

  // toggle switches a login off (sessions, tokens and calendar feed stop
  // at once) or back on.
  async function toggle(u) {
    try {
      if (u.disabled) await busy(api.patch(`/users/${u.id}`, { disabled: false }));
      else await busy(api.request('DELETE', `/users/${u.id}`));
      notice(t(u.disabled ? 'users.enabled' : 'users.disabled', { email: u.email }), 'ok');
      drawList();
    } catch (err) {
      replace(listArea, errorBox(err, { retry: drawList }));
    }
  }

  // userFields builds the inputs of a login (u: the one to change, or
  // null for a new one) and body() reads them into the API's body: a
  // lead's teams, an agent's agent record.
  function userFields(u) {
    const name = h('input', { type: 'text', name: 'name', maxlength: 200, value: u?.name || '' });
    const role = select(ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })), u?.role || 'team_lead', { name: 'role' });
    const mine = new Set((u?.team_ids || []).map(String));
    const teamBoxes = teams.map((tm) => h('input', { type: 'checkbox', name: 'team', value: tm.id, checked: mine.has(String(tm.id)) ? true : null }));
    const teamField = h('fieldset', { class: 'field' }, h('legend', {}, t('users.teams')),
      teams.map((tm, i) => h('label', { class: 'check' }, teamBoxes[i], ' ', tm.name)));
    const agent = select([{ value: '', label: t('users.pick_agent') }, ...agents.map((a) => ({ value: a.id, label: data.agentName(a) }))], u?.agent_id || '', { name: 'agent' });
    const agentField = field(t('users.agent'), agent);
    const showFor = () => {
      teamField.hidden = role.value !== 'team_lead';
      agentField.hidden = role.value !== 'agent';
    };
    role.addEventListener('change', showFor);
    showFor();
    return {
      name, role, teamField, agentField,
      body() {
        const body = { name: name.value.trim(), role: role.value };
        if (role.value === 'team_lead') body.team_ids = teamBoxes.filter((b) => b.checked).map((b) => b.value);
        if (role.value === 'agent') body.agent_id = agent.value;
        return body;
      },
    };
  }

  function drawForm() {
    const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'off' });
    const f = userFields(null);
    const password = h('input', { type: 'password', name: 'password', required: true, minlength: 8, autocomplete: 'new-password' });
    const errors = h('div', { 'aria-live': 'assertive' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('users.add'));
    const form = h('form', {
      class: 'card',
      onsubmit: async (e) => {
        e.preventDefault();
        replace(errors);
        const body = { email: email.value.trim(), ...f.body(), password: password.value };
        submit.disabled = true;
        try {
          await busy(api.post('/users', body));
          notice(t('users.added', { email: body.email }), 'ok');
          drawForm();
          drawList();
        } catch (err) {
          submit.disabled = false;
          replace(errors, errorBox(err));
        }
      },
    },
    h('h2', {}, t('users.new')),
    h('div', { class: 'inline' }, field(t('users.email'), email), field(t('users.name'), f.name), field(t('users.role'), f.role)),
    f.teamField, f.agentField,
    field(t('users.password'), password, t('users.password_hint')),
    errors, submit);
    replace(formArea, form);
  }

  // editUser changes a login's name, role, teams or agent record.
  function editUser(u) {
    const f = userFields(u);
    formDialog(t('users.edit_who', { email: u.email }), [
      h('div', { class: 'inline' }, field(t('users.name'), f.name), field(t('users.role'), f.role)),
      f.teamField, f.agentField,
    ], t('users.save'), async () => {
      await api.patch(`/users/${u.id}`, f.body());
      notice(t('users.saved', { email: u.email }), 'ok');
      drawList();
    });
  }

  // setPassword gives a login a new password; its sessions end.
  function setPassword(u) {
    const password = h('input', { type: 'password', name: 'password', required: true, minlength: 8, autocomplete: 'new-password' });
    formDialog(t('users.password_who', { email: u.email }), [
      field(t('users.new_password'), password, t('users.password_hint')),
    ], t('users.set_password'), async () => {
      await api.post(`/users/${u.id}/password`, { password: password.value });
      notice(t('users.password_set', { email: u.email }), 'ok');
    });
  }

  drawForm();
  await drawList();
}
