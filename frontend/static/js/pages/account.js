// My account: change one's own password. Every session of the login ends,
// this one too, so the page sends the user to the login afterwards.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { errorBox, field, busy, notice, pageHeader } from '../ui.js';

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
  replace(root, pageHeader(t('account.title')), form);
}
