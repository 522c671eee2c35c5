// Simulator endpoints handed over by run.mjs through the environment.
function port_from_env(name) {
  const v = process.env[name];
  if (!v || !/^\d+$/.test(v)) throw new Error(`${name} is not set: run the tests through run.mjs`);
  return Number(v);
}

export const hl_port = () => port_from_env('HLC_CONF_HL_PORT');
export const bn_port = () => port_from_env('HLC_CONF_BN_PORT');

/// POSTs JSON to a simulator control route and returns the parsed answer.
export async function control(port, path, body) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}: ${text}`);
  return JSON.parse(text);
}

/// Resolves with the first value `pred` accepts among those pushed to the
/// returned `push`, or rejects after `ms` (a generous bound, not a sleep).
export function waiter(pred, ms, what) {
  let push;
  const promise = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    push = (v) => {
      if (pred(v)) {
        clearTimeout(timer);
        resolve(v);
      }
    };
  });
  return { promise, push };
}
