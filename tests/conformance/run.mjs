#!/usr/bin/env node
// SIM-5 conformance runner: starts hl-sim and binance-sim on free loopback
// ports, runs the node:test files in tests/ against them with the real client
// libraries, stops the simulators, and exits non-zero on any failure.
//
// Usage: node run.mjs --hl-sim PATH --binance-sim PATH
//        (or env HLC_HL_SIM / HLC_BINANCE_SIM; CTest passes the arguments)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start_sim } from './lib/sim_process.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const overall_timeout_ms = 50000; // CTest allows 60 s; fail clearly before that

function fail(msg) {
  console.error(`conformance: ${msg}`);
  process.exit(1);
}

function parse_args(argv) {
  const out = { hl: process.env.HLC_HL_SIM, bn: process.env.HLC_BINANCE_SIM, filter: [] };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--hl-sim') out.hl = argv[++i];
    else if (a === '--binance-sim') out.bn = argv[++i];
    else if (a === '--help') {
      console.log('usage: node run.mjs --hl-sim PATH --binance-sim PATH [test-file-substring...]');
      process.exit(0);
    } else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else out.filter.push(a);
  }
  if (!out.hl) fail('missing --hl-sim PATH (or HLC_HL_SIM)');
  if (!out.bn) fail('missing --binance-sim PATH (or HLC_BINANCE_SIM)');
  for (const [opt, p] of [['--hl-sim', out.hl], ['--binance-sim', out.bn]])
    if (!existsSync(p)) fail(`${opt}: no such file: ${p}`);
  return out;
}

// The pinned @nktkas/hyperliquid (and its @noble/hashes) declare
// engines.node >=20.19.0, yet this suite passes on 18.19.0 (Debian 12's
// nodejs); older than that is untested, so say so instead of failing obscurely.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 18 || (major === 18 && minor < 19))
  fail(`Node ${process.versions.node} is too old: this suite needs Node >= 18.19.0`);
if (!existsSync(join(here, 'node_modules', 'ccxt')) || !existsSync(join(here, 'node_modules', '@nktkas', 'hyperliquid')))
  fail('node_modules missing: run `npm ci --prefix tests/conformance`');

const args = parse_args(process.argv.slice(2));
const test_dir = join(here, 'tests');
const files = readdirSync(test_dir)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => args.filter.length === 0 || args.filter.some((s) => f.includes(s)))
  .sort()
  .map((f) => join(test_dir, f));
if (files.length === 0) fail('no test files selected');

const sims = [];
let exit_code = 1;
const watchdog = setTimeout(() => {
  console.error(`conformance: overall timeout of ${overall_timeout_ms} ms reached`);
  for (const s of sims) s.child.kill('SIGKILL');
  if (test_child) test_child.kill('SIGKILL');
  process.exit(1);
}, overall_timeout_ms);
let test_child = null;

try {
  sims.push(await start_sim('hl-sim', args.hl, ['--port', '0', '--scenario', join(here, 'scenarios', 'hl.json')]));
  sims.push(await start_sim('binance-sim', args.bn, ['--port', '0', '--scenario', join(here, 'scenarios', 'binance.json')]));
  const [hl, bn] = sims;
  console.log(`conformance: hl-sim on ${hl.port}, binance-sim on ${bn.port}; node ${process.versions.node}`);
  const env = { ...process.env, HLC_CONF_HL_PORT: String(hl.port), HLC_CONF_BN_PORT: String(bn.port) };
  test_child = spawn(process.execPath, ['--test', '--test-reporter=spec', ...files], { env, stdio: 'inherit' });
  const [code, signal] = await new Promise((r) => test_child.on('exit', (c, s) => r([c, s])));
  exit_code = code === 0 ? 0 : 1;
  if (code !== 0) console.error(`conformance: node --test exited with code ${code}${signal ? ` (signal ${signal})` : ''}`);
} catch (e) {
  console.error(`conformance: ${e.message}`);
  exit_code = 1;
} finally {
  for (const s of sims.reverse()) {
    const crashed = s.child.exitCode !== null || s.child.signalCode !== null;
    const code = await s.stop();
    if (crashed || code !== 0) {
      console.error(`conformance: ${s.name} ${crashed ? 'died during the run' : 'did not stop cleanly'} (exit ${code})`);
      if (s.stderr()) console.error(`${s.name} stderr: ${s.stderr().trim()}`);
      exit_code = 1;
    }
  }
  clearTimeout(watchdog);
}
process.exit(exit_code);
