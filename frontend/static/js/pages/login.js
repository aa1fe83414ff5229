// Login page: e-mail and password; the server sets the session cookie.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { field, errorBox, busy } from '../ui.js';

export function render(root, { afterLogin }) {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('login.submit'));
  const form = h('form', {
    class: 'card login', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      replace(errors);
      if (!email.value || !password.value) {
        replace(errors, h('div', { class: 'alert alert-error', role: 'alert' }, t('login.missing')));
        (email.value ? password : email).focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = t('login.busy');
      try {
        const res = await busy(api.post('/auth/login', { email: email.value.trim(), password: password.value }));
        await afterLogin(res);
      } catch (err) {
        submit.disabled = false;
        submit.textContent = t('login.submit');
        replace(errors, err.status === 401 || err.status === 422 || err.status === 400
          ? h('div', { class: 'alert alert-error', role: 'alert' }, t('login.failed'))
          : errorBox(err));
        password.select();
      }
    },
  },
  h('h1', { tabindex: '-1' }, t('login.title')),
  h('p', { class: 'muted' }, t('login.intro')),
  errors,
  field(t('login.email'), email),
  field(t('login.password'), password),
  submit);
  replace(root, form);
}
