// The page of an invitation link, /invite/{token}, without a login: the
// agent sees whose invitation it is, chooses a password (twice) and is
// signed in, landing on their schedule.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { field, errorBox, busy, loading } from '../ui.js';

export async function render(root, { afterLogin }) {
  const token = decodeURIComponent(location.pathname.split('/invite/')[1] || '').replace(/\/+$/, '');
  replace(root, loading());
  let inv;
  try {
    inv = await api.get(`/invitations/${encodeURIComponent(token)}`);
  } catch (err) {
    replace(root, err.status === 410 || err.status === 404
      ? h('div', { class: 'card login' }, h('h1', { tabindex: '-1' }, t('invite.gone')), h('p', {}, t('invite.gone_text')),
        h('p', {}, h('a', { href: '/login', 'data-link': '' }, t('invite.to_login'))))
      : errorBox(err));
    return;
  }
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', required: true, minlength: 8, autofocus: true });
  const again = h('input', { type: 'password', name: 'again', autocomplete: 'new-password', required: true, minlength: 8 });
  // The address lets a password manager file the new password under it.
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', value: inv.email, readonly: true, hidden: true });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('invite.submit'));
  const form = h('form', {
    class: 'card login', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      replace(errors);
      if (password.value !== again.value) {
        replace(errors, h('div', { class: 'alert alert-error', role: 'alert' }, t('invite.mismatch')));
        again.select();
        return;
      }
      submit.disabled = true;
      try {
        const res = await busy(api.post(`/invitations/${encodeURIComponent(token)}/accept`, { password: password.value }));
        await afterLogin(res);
      } catch (err) {
        submit.disabled = false;
        replace(errors, errorBox(err));
        password.select();
      }
    },
  },
  h('h1', { tabindex: '-1' }, t('invite.welcome', { name: inv.name || inv.email })),
  h('p', {}, t('invite.intro', { email: inv.email })),
  email, errors,
  field(t('invite.password'), password, t('invite.password_hint')),
  field(t('invite.again'), again),
  submit);
  replace(root, form);
}
