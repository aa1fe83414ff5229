// My account: change one's own password (every session of the login ends,
// this one too, so the page sends the user to the login afterwards), and
// the API tokens other tools use to act as the user.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { loading, errorBox, field, busy, notice, pageHeader } from '../ui.js';
import { fmtDateTime } from '../time.js';

export async function render(root, { session, navigate }) {
  const user = session.me.user;
  const current = h('input', { type: 'password', name: 'current_password', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', required: true, minlength: 8 });
  const again = h('input', { type: 'password', name: 'password_again', autocomplete: 'new-password', required: true, minlength: 8 });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('account.change'));
  const form = h('form', {
    class: 'card narrow',
    onsubmit: async (e) => {
      e.preventDefault();
      replace(errors);
      if (next.value !== again.value) {
        replace(errors, h('div', { class: 'alert alert-error', role: 'alert' }, t('account.mismatch')));
        again.focus();
        return;
      }
      submit.disabled = true;
      try {
        await busy(api.post('/me/password', { current_password: current.value, password: next.value }));
        notice(t('account.changed'), 'ok');
        session.me = null;
        api.setCsrfToken('');
        navigate('/login', { replace: true });
      } catch (err) {
        submit.disabled = false;
        replace(errors, errorBox(err));
      }
    },
  },
  h('p', {}, t('account.who', { email: user.email, role: t(`role.${user.role}`) })),
  h('h2', {}, t('account.password')),
  field(t('account.current'), current),
  field(t('account.new'), next, t('account.new_hint')),
  field(t('account.again'), again),
  errors, submit);
  const tokensArea = h('section', { class: 'card narrow' }, loading());
  replace(root, pageHeader(t('account.title')), form, tokensArea);
  await drawTokens(tokensArea);
}

// drawTokens lists the user's API tokens for integrations (another tool
// calling the API as them) and makes a new one, shown once.
async function drawTokens(area, created) {
  let tokens;
  try {
    tokens = await api.items('/tokens', {}, 50);
  } catch (err) {
    replace(area, errorBox(err, { retry: () => drawTokens(area) }));
    return;
  }
  const name = h('input', { type: 'text', name: 'token_name', required: true, maxlength: 200, placeholder: t('account.token_placeholder') });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn' }, t('account.token_create'));
  const tokenForm = h('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      replace(errors);
      submit.disabled = true;
      try {
        const tok = await busy(api.post('/tokens', { name: name.value.trim() }));
        await drawTokens(area, tok);
      } catch (err) {
        submit.disabled = false;
        replace(errors, errorBox(err));
      }
    },
  }, h('div', { class: 'inline' }, field(t('account.token_name'), name), submit), errors);
  replace(area,
    h('h2', {}, t('account.tokens')),
    h('p', { class: 'muted small' }, t('account.tokens_hint')),
    created ? h('div', { class: 'alert alert-ok', role: 'status' },
      h('p', {}, t('account.token_once', { name: created.name })),
      h('code', { class: 'token', tabindex: '0' }, created.token)) : null,
    tokens.length ? h('ul', { class: 'shift-list' }, tokens.map((tok) => h('li', {},
      h('span', { class: 'day' }, tok.name), h('span', { class: 'muted small' }, fmtDateTime(tok.created_at)),
      h('button', {
        type: 'button', class: 'btn btn-quiet', 'aria-label': t('account.token_revoke_who', { name: tok.name }),
        onclick: async () => {
          try {
            await busy(api.request('DELETE', `/tokens/${tok.id}`));
            notice(t('account.token_revoked', { name: tok.name }), 'ok');
            drawTokens(area);
          } catch (err) {
            replace(errors, errorBox(err));
          }
        },
      }, t('account.token_revoke'))))) : h('p', { class: 'muted' }, t('account.no_tokens')),
    tokenForm);
}
