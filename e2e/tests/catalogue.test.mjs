// The message catalogues: the same keys in every language, every key the
// code asks for present, and the same {placeholders} in each translation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const staticDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'frontend', 'static');
const load = (lang) => JSON.parse(readFileSync(join(staticDir, 'i18n', `${lang}.json`), 'utf8'));
const en = load('en');
const de = load('de');

function sources(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.js') ? [p] : [];
  });
}

test('English and German have the same keys', () => {
  assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
});

test('every literal key used in the code exists', () => {
  const missing = [];
  for (const file of sources(join(staticDir, 'js'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\('([a-z0-9_.]+)'/g)) {
      if (!(m[1] in en)) missing.push(`${file}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('translations keep the placeholders', () => {
  const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const k of Object.keys(en)) {
    assert.deepEqual(names(de[k]), names(en[k]), k);
  }
});

test('no empty message', () => {
  for (const [k, v] of [...Object.entries(en), ...Object.entries(de)]) assert.ok(v.trim(), k);
});
