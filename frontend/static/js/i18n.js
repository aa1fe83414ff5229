// Message catalogues: every text the app shows comes from i18n/<lang>.json.
// Keys are dotted names; values may hold {name} placeholders.

const SUPPORTED = ['en', 'de'];
let messages = {};
let fallback = {};
let lang = 'en';

async function loadCatalogue(l) {
  const res = await fetch(`/i18n/${l}.json`, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`catalogue ${l}: HTTP ${res.status}`);
  return res.json();
}

/** pickLanguage chooses the saved language, then the browser's, then English. */
export function pickLanguage(userLocale) {
  const saved = localStorage.getItem('shiftplan.lang');
  const candidates = [saved, userLocale, ...(navigator.languages || [])];
  for (const c of candidates) {
    if (!c) continue;
    const base = c.toLowerCase().split('-')[0];
    if (SUPPORTED.includes(base)) return base;
  }
  return 'en';
}

/** setLanguage loads a catalogue (English stays loaded as the fallback). */
export async function setLanguage(l, { remember = false } = {}) {
  if (!SUPPORTED.includes(l)) l = 'en';
  if (!Object.keys(fallback).length) fallback = await loadCatalogue('en');
  messages = l === 'en' ? fallback : await loadCatalogue(l);
  lang = l;
  document.documentElement.lang = l;
  if (remember) localStorage.setItem('shiftplan.lang', l);
}

export function language() { return lang; }
export function languages() { return SUPPORTED; }

/** t returns the message for key with {placeholders} filled from params. */
export function t(key, params = {}) {
  let msg = messages[key] ?? fallback[key];
  if (msg === undefined) {
    console.warn('missing message', key);
    msg = key;
  }
  return msg.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** has reports whether a key exists (for optional messages such as error codes). */
export function has(key) {
  return key in messages || key in fallback;
}
