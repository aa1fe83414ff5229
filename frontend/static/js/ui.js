// Shared pieces of the interface: loading states, the top progress bar,
// error messages, notices, dialogs and labelled form fields.

import { h, uid, replace } from './dom.js';
import { t, has } from './i18n.js';

// The top progress bar appears when something runs longer than a second.
let running = 0;
let barTimer = null;
function bar() { return document.getElementById('busy-bar'); }

/** busy runs a promise and shows the top progress bar if it takes over 1 s. */
export async function busy(promise) {
  running += 1;
  if (running === 1) {
    barTimer = setTimeout(() => { bar()?.removeAttribute('hidden'); }, 1000);
  }
  try {
    return await promise;
  } finally {
    running -= 1;
    if (running === 0) {
      clearTimeout(barTimer);
      bar()?.setAttribute('hidden', '');
    }
  }
}

/** loading is a placeholder shown while a page fetches its data. */
export function loading(label = t('common.loading')) {
  return h('div', { class: 'loading', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), label);
}

/**
 * headline is the sentence for an error above its field messages. A
 * validation error ("invalid") without fields (a load the staffing maths
 * refuses) is said by its message.
 */
function headline(err) {
  if (!err) return '';
  if (err.status === 0) return t('error.network');
  if (err.status === 401) return t('error.unauthorized');
  if (err.status === 403) return t('error.forbidden');
  if (err.status === 404) return t('error.not_found');
  if (err.status === 412) return t('error.conflict');
  if (err.status === 500) return t('error.internal', { id: err.requestId || '—' });
  if (err.code === 'invalid' && !err.fields?.length) return err.message || t('error.unknown');
  if (err.code && has(`error.code.${err.code}`)) return t(`error.code.${err.code}`);
  return err.message || t('error.unknown');
}

/** fieldText is one field message as the user reads it: "field: message". */
const fieldText = (f) => (f.field ? `${f.field}: ${f.message}` : f.message);

/** errorText turns an error into a sentence for the user, its field messages included. */
export function errorText(err) {
  const fields = (err?.fields || []).map(fieldText).join('; ');
  return fields ? `${headline(err)} ${fields}` : headline(err);
}

/** ruleLabel names a broken rule (the API's code) in the page's language; a code the catalogue lacks shows as it is. */
export function ruleLabel(code) {
  return has(`rule.${code}`) ? t(`rule.${code}`) : code;
}

/** errorBox shows an error with its field messages and request id. */
export function errorBox(err, { retry } = {}) {
  const fields = err?.fields || [];
  return h('div', { class: 'alert alert-error', role: 'alert' },
    h('p', {}, h('strong', {}, t('error.title')), ' ', headline(err)),
    fields.length ? h('ul', {}, fields.map((f) => h('li', {}, fieldText(f)))) : null,
    err?.violations?.length ? h('ul', { class: 'violations' }, err.violations.map((v) => h('li', {}, v.rule ? h('strong', {}, `${ruleLabel(v.rule)}: `) : null, v.message))) : null,
    err?.requestId && err.status !== 500 ? h('p', { class: 'muted small' }, t('error.request_id', { id: err.requestId })) : null,
    retry ? h('button', { type: 'button', class: 'btn', onclick: retry }, t('common.retry')) : null);
}

/** notice shows a transient message at the bottom of the screen. */
export function notice(text, kind = 'info') {
  const area = document.getElementById('notices');
  if (!area) return;
  const el = h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
  area.append(el);
  setTimeout(() => el.remove(), 5000);
}

/** field wraps an input with its label (and optional hint) for keyboard and screen readers. */
export function field(label, input, hint) {
  const id = input.id || uid();
  input.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' },
    h('label', { for: id }, label), input,
    hint ? h('small', { id: hintId, class: 'muted' }, hint) : null);
}

/** select builds a <select> from [{value,label}]. */
export function select(options, value, attrs = {}) {
  return h('select', attrs, options.map((o) =>
    h('option', { value: o.value, selected: String(o.value) === String(value) ? true : null }, o.label)));
}

/**
 * dialog opens a modal <dialog> with a title and content; returns
 * {el, close}. Escape closes it; focus returns to where it was.
 */
export function dialog(title, content, { onClose } = {}) {
  const before = document.activeElement;
  const titleId = uid('dlg');
  const el = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-modal': 'true' },
    h('div', { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'btn-icon', 'aria-label': t('common.close'), onclick: () => close() }, '×')),
    content);
  const close = () => {
    if (!el.isConnected) return;
    el.close();
    el.remove();
    onClose?.();
    before?.focus?.();
  };
  el.addEventListener('close', close);
  document.body.append(el);
  el.showModal();
  return { el, close };
}

/**
 * scrollBox holds what may scroll sideways, such as a wide table on a
 * phone: a named region in the tab order, so the keyboard can scroll it.
 */
export function scrollBox(label, content) {
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: '0' }, content);
}

/** progress is a determinate progress bar with a label. */
export function progress(label) {
  const id = uid('prog');
  const bar = h('progress', { id, max: 100, value: 0 });
  const text = h('span', { class: 'progress-text', 'aria-live': 'polite' });
  const el = h('div', { class: 'progress' }, h('label', { for: id }, label), bar, text);
  return {
    el,
    set(fraction, caption) {
      if (fraction === null || fraction === undefined || Number.isNaN(fraction)) bar.removeAttribute('value');
      else bar.value = Math.max(0, Math.min(100, fraction * 100));
      text.textContent = caption || '';
    },
  };
}

/** pageHeader is the page's h1 with optional actions on the right. */
export function pageHeader(title, ...actions) {
  return h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, title), h('div', { class: 'actions' }, actions));
}

/**
 * formDialog opens a dialog holding a form: content, the API's errors
 * (fields named) and Cancel / submit buttons. save runs on submit; the
 * dialog closes when it resolves and stays open, with the error, when it
 * throws. Returns the dialog.
 */
export function formDialog(title, content, submitLabel, save) {
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, submitLabel);
  const form = h('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      replace(errors);
      submit.disabled = true;
      try {
        await busy(save());
        dlg.close();
      } catch (err) {
        submit.disabled = false;
        replace(errors, errorBox(err));
      }
    },
  },
  content, errors,
  h('div', { class: 'buttons' },
    h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel')), submit));
  const dlg = dialog(title, form);
  form.querySelector('input:not([type=hidden]), select, textarea')?.focus();
  return dlg;
}

/** colHead is a column's heading; the buttons' column, untitled on screen, is named for screen readers. */
export function colHead(text) {
  return h('th', { scope: 'col' }, text || h('span', { class: 'visually-hidden' }, t('common.actions')));
}

/**
 * dataTable lays rows out under column headings; each row is an array
 * of cells whose first is the row's heading. An empty list shows empty.
 */
export function dataTable(columns, rows, empty) {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, columns.map(colHead))),
    h('tbody', {}, rows.map(([head, ...cells]) => h('tr', {}, h('th', { scope: 'row' }, head), cells.map((c) => h('td', {}, c)))))));
}

/**
 * listSection makes the redraw function of a page section: a heading, an
 * add button and a table of what load() returns (row(item) gives a row's
 * cells); a failed load shows the error with a retry.
 */
export function listSection(area, { title, addLabel, onAdd, canAdd = () => true, load, columns, row, empty }) {
  async function draw() {
    let items;
    try {
      items = await load();
    } catch (err) {
      replace(area, errorBox(err, { retry: draw }));
      return;
    }
    replace(area,
      h('div', { class: 'page-head' }, h('h2', {}, title),
        h('button', { type: 'button', class: 'btn', disabled: canAdd() ? null : true, onclick: () => onAdd() }, addLabel)),
      dataTable(columns, items.map(row), empty()));
  }
  return draw;
}

/** changeButton is a row's "Change" button, labelled with what it changes. */
export function changeButton(name, onclick) {
  return h('button', { type: 'button', class: 'btn btn-quiet', 'aria-label': t('setup.change_who', { name }), onclick }, t('setup.change'));
}

/**
 * removeButton is a row's "Remove" button, for what was added by mistake:
 * it asks first (text says what goes and when it cannot), then runs
 * remove(), which deletes and redraws. A refusal, such as the API's 409
 * saying what still uses it, stays in the dialog.
 */
export function removeButton(name, text, remove) {
  return h('button', {
    type: 'button', class: 'btn btn-quiet', 'aria-label': t('setup.remove_who', { name }),
    onclick: () => formDialog(t('setup.remove_who', { name }), h('p', {}, text), t('setup.remove'), async () => {
      await remove();
      notice(t('setup.removed', { name }), 'ok');
    }),
  }, t('setup.remove'));
}

/** numberInput is a decimal <input type=number>; numberValue reads it, empty as 0. */
export function numberInput(name, value, attrs = {}) {
  return h('input', { type: 'number', name, value: value ?? '', step: 'any', inputmode: 'decimal', ...attrs });
}
export const numberValue = (el) => (el.value === '' ? 0 : Number(el.value));
