// Builds a real, unchanged ccxt `binanceusdm` that talks to binance-sim.
//
// Two ways to point it at loopback:
// - 'urls': override the fapi* entries of `urls.api` with http://127.0.0.1:PORT
//   (ccxt's documented way to use another endpoint). ccxt then no longer
//   recognises the URL as fapi.binance.com, so its error mapping falls back
//   to the generic table (see getExceptionsByUrl in ccxt's binance.js).
// - 'host': keep ccxt's production URLs and give it an HTTP agent that opens
//   every connection to 127.0.0.1:PORT in plain TCP. ccxt sees exactly what it
//   sees in production, including the USDⓈ-M error table; nothing can leave
//   the machine whatever URL ccxt builds. The agent records the hosts asked for.
import http from 'node:http';
import net from 'node:net';
import ccxt from 'ccxt';

// binance-sim's default key pair: the official docs' HMAC test vector
// (docs/simulators-binance.md); not a secret.
export const test_api_key = 'dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83';
export const test_api_secret = '2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9';

/// An http.Agent that claims https: and connects to the simulator instead.
class loopback_agent extends http.Agent {
  constructor(port) {
    super({ keepAlive: true });
    this.protocol = 'https:';
    this.sim_port = port;
    this.hosts = new Set();
  }

  createConnection(options) {
    this.hosts.add(options.host);
    return net.connect({ host: '127.0.0.1', port: this.sim_port });
  }
}

export function make_exchange({ port, mode, apiKey = test_api_key, secret = test_api_secret, options = {} }) {
  const config = {
    apiKey,
    secret,
    timeout: 5000,
    // loadMarkets would otherwise call the SPOT endpoint
    // GET /sapi/v1/capital/config/getall (api.binance.com) for currencies.
    options: { fetchCurrencies: false, ...options },
  };
  if (mode === 'host') {
    config.agent = new loopback_agent(port);
  } else if (mode === 'urls') {
    config.agent = new http.Agent({ keepAlive: true }); // an https URL left over fails, never leaves
  } else {
    throw new Error(`make_exchange: mode must be 'urls' or 'host', got ${mode}`);
  }
  const ex = new ccxt.binanceusdm(config);
  if (mode === 'urls') {
    for (const key of Object.keys(ex.urls.api)) {
      if (key.startsWith('fapi'))
        ex.urls.api[key] = ex.urls.api[key].replace('https://fapi.binance.com', `http://127.0.0.1:${port}`);
    }
  }
  return ex;
}

/// The hosts a 'host'-mode exchange connected for.
export const hosts_of = (ex) => [...ex.agent.hosts].sort();

export async function sim_get(port, path) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return res.json();
}
