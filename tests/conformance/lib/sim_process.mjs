// Starts a simulator executable on a free loopback port and stops it again.
// The simulators print `listening on 127.0.0.1:PORT` as their first stdout
// line (docs/simulators.md); that line is the only readiness signal we use.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const listening_re = /^listening on 127\.0\.0\.1:(\d+)$/;

/// Spawns `exe args...` and resolves with {name, port, child, stop()} once the
/// first stdout line names the port. Rejects (and kills the child) if the line
/// is malformed, the process exits first, or `timeout_ms` passes.
export function start_sim(name, exe, args, timeout_ms = 10000) {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const fail = (msg) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${name}: ${msg}${stderr ? `\n${name} stderr: ${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`no "listening on" line within ${timeout_ms} ms`), timeout_ms);
    child.on('error', (e) => fail(`cannot start ${exe}: ${e.message}`));
    child.on('exit', (code, signal) => fail(`exited before listening (code ${code}, signal ${signal})`));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      if (settled) return;
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      const line = stdout.slice(0, nl).trim();
      const m = listening_re.exec(line);
      if (!m) return fail(`first stdout line is not "listening on 127.0.0.1:PORT": ${JSON.stringify(line)}`);
      settled = true;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      // Keep draining both pipes so the simulator never blocks on a full pipe.
      child.stdout.resume();
      resolve({
        name,
        port: Number(m[1]),
        child,
        stderr: () => stderr,
        /// SIGTERM, then wait; resolves with the exit code (SIGKILL after 5 s).
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          const kill_timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          const [code] = await exited;
          clearTimeout(kill_timer);
          return code;
        },
      });
    });
  });
}
