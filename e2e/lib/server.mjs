// Builds the shiftplan binary and runs `shiftplan demo` on a free port with
// a temporary data directory, waiting until /readyz answers.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** build compiles ./cmd/shiftplan into dir (or uses SHIFTPLAN_BIN when set). */
export function build(dir) {
  if (process.env.SHIFTPLAN_BIN) return process.env.SHIFTPLAN_BIN;
  const bin = join(dir, 'shiftplan');
  execFileSync('go', ['build', '-o', bin, './cmd/shiftplan'], { cwd: repo, stdio: 'inherit' });
  return bin;
}

/**
 * startDemo starts the demo server; returns {base, stop, output()}.
 * output() is what the server printed (stdout and stderr), for failures.
 */
export async function startDemo() {
  const dir = mkdtempSync(join(tmpdir(), 'shiftplan-e2e-'));
  const bin = build(dir);
  const port = await freePort();
  const addr = `127.0.0.1:${port}`;
  let out = '';
  const child = spawn(bin, ['demo', '--addr', addr, '--data-dir', join(dir, 'data')], {
    cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env },
  });
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  const base = `http://${addr}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== null) throw new Error(`shiftplan demo exited with ${exited}:\n${out}`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`shiftplan demo not ready after 120 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    output: () => out,
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        await new Promise((r) => { child.once('exit', r); setTimeout(r, 10_000); });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
