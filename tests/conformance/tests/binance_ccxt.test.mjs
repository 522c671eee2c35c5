// ccxt `binanceusdm` (pinned, unchanged) against binance-sim. Every test
// starts from the scenario's initial state (POST /_sim/reset).
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import ccxt from 'ccxt';
import { bn_port, control } from '../lib/env.mjs';
import { hosts_of, make_exchange, sim_get } from '../lib/binance.mjs';

const btc = 'BTC/USDT:USDT';
// scenarios/binance.json: BTCUSDT mark 95000.0 → best ask 95000.1, best bid 94999.9.
const best_ask = 95000.1;
const best_bid = 94999.9;

// Endpoints real ccxt may call that binance-sim does not serve (none now:
// GET /fapi/v1/leverageBracket, which fetchPositions calls first, is served).
const missing_endpoints = new Set();

describe('ccxt binanceusdm against binance-sim', () => {
  let port;
  let ex; // 'urls' mode: urls.api overridden
  const not_found = new Map(); // "METHOD path" → first test that hit it

  before(async () => {
    port = bn_port();
    ex = make_exchange({ port, mode: 'urls' });
    await ex.loadMarkets();
  });
  beforeEach(async () => {
    await control(port, '/_sim/reset');
  });
  afterEach(async (t) => {
    for (const r of await sim_get(port, '/_sim/requests')) {
      if (r.status === 404) {
        const key = `${r.method} ${r.path}`;
        if (!not_found.has(key)) not_found.set(key, t.name);
      }
    }
  });
  after(() => ex.close?.());

  test('loadMarkets: BTCUSDT filters become ccxt precision and limits', () => {
    const m = ex.market(btc);
    assert.equal(m.id, 'BTCUSDT');
    assert.equal(m.type, 'swap');
    assert.equal(m.linear, true);
    assert.equal(m.settle, 'USDT');
    assert.equal(m.contractSize, 1);
    assert.equal(m.precision.amount, 0.001);
    assert.equal(m.precision.price, 0.1);
    assert.equal(m.limits.amount.min, 0.001);
    assert.equal(m.limits.cost.min, 100);
    assert.ok(ex.markets['ETH/USDT:USDT'], 'ETHUSDT is listed');
  });

  test('fetchBalance: the scenario wallet in USDT', async () => {
    const b = await ex.fetchBalance();
    assert.equal(b.USDT.total, 10000);
    assert.equal(b.USDT.free, 10000);
    assert.equal(b.USDT.used, 0);
  });

  test('limit order: create (rests), fetchOrder, cancelOrder', async () => {
    const o = await ex.createOrder(btc, 'limit', 'buy', 0.002, 90000);
    assert.match(o.id, /^\d+$/);
    assert.ok(BigInt(o.id) > 2n ** 53n, 'the sim hands out ids above 2^53, like Binance');
    assert.equal(o.status, 'open');
    assert.equal(o.type, 'limit');
    assert.equal(o.side, 'buy');
    assert.equal(o.price, 90000);
    assert.equal(o.amount, 0.002);
    assert.equal(o.filled, 0);

    // The id ccxt parsed must be the sim's exact id (no float rounding). The
    // sim writes it as a JSON integer > 2^53, so look at the raw text.
    const raw = await (await fetch(`http://127.0.0.1:${port}/_sim/orders`)).text();
    assert.match(raw, new RegExp(`"orderId":${o.id}[,}]`), `sim has no order ${o.id}`);

    const fetched = await ex.fetchOrder(o.id, btc);
    assert.equal(fetched.id, o.id);
    assert.equal(fetched.status, 'open');
    assert.equal(fetched.clientOrderId, o.clientOrderId);

    const canceled = await ex.cancelOrder(o.id, btc);
    assert.equal(canceled.id, o.id);
    assert.equal(canceled.status, 'canceled');
    assert.equal((await ex.fetchOrder(o.id, btc)).status, 'canceled');
    assert.deepEqual(await ex.fetchOpenOrders(btc), []);
  });

  test('market order fills at the best ask; reduceOnly closes it (below min notional is allowed)', async () => {
    const buy = await ex.createOrder(btc, 'market', 'buy', 0.002);
    assert.equal(buy.status, 'closed');
    assert.equal(buy.filled, 0.002);
    assert.equal(buy.average, best_ask);
    assert.equal(buy.reduceOnly, false);
    assert.deepEqual(await positions_of(port), { BTCUSDT: '0.002' });

    // 0.001 × 94999.9 ≈ 95 USDT < min notional 100: allowed because reduce-only.
    const half = await ex.createOrder(btc, 'market', 'sell', 0.001, undefined, { reduceOnly: true });
    assert.equal(half.status, 'closed');
    assert.equal(half.reduceOnly, true);
    assert.equal(half.average, best_bid);
    const rest = await ex.createOrder(btc, 'market', 'sell', 0.001, undefined, { reduceOnly: true });
    assert.equal(rest.filled, 0.001);
    assert.deepEqual(await positions_of(port), {});
  });

  test('fetchPositions (ccxt defaults)', async () => {
    await ex.createOrder(btc, 'market', 'buy', 0.002);
    const p = await ex.fetchPositions([btc]);
    assert.equal(p.length, 1);
    assert.equal(p[0].contracts, 0.002);
  });

  test('fetchPositions with ccxt leverage brackets pre-seeded (skips /fapi/v1/leverageBracket)', async () => {
    // options.leverageBrackets is ccxt's own cache of that endpoint; seeding it
    // with BTCUSDT's first real bracket (maintMarginRatio 0.004) lets the rest
    // of fetchPositions (GET /fapi/v3/positionRisk) run unchanged.
    const seeded = make_exchange({ port, mode: 'urls', options: { leverageBrackets: { [btc]: [['0', '0.004']] } } });
    await seeded.loadMarkets();
    await seeded.createOrder(btc, 'market', 'buy', 0.002);
    const all = await seeded.fetchPositions([btc]);
    const p = all.filter((x) => x.contracts);
    assert.equal(p.length, 1, JSON.stringify(all.map((x) => x.info)));
    assert.equal(p[0].symbol, btc);
    assert.equal(p[0].side, 'long');
    assert.equal(p[0].contracts, 0.002);
    assert.equal(p[0].entryPrice, best_ask);
    assert.equal(p[0].marginMode, 'cross');
  });

  describe('errors map to the right ccxt classes (production URLs, loopback agent)', () => {
    let hx;
    before(async () => {
      hx = make_exchange({ port, mode: 'host' });
      await hx.loadMarkets();
    });

    test('below min notional → InvalidOrder (-4164), nothing placed', async () => {
      await assert.rejects(hx.createOrder(btc, 'limit', 'buy', 0.001, 90000), (e) => {
        assert.ok(e instanceof ccxt.InvalidOrder, `${e.constructor.name}: ${e.message}`);
        assert.match(e.message, /"code":-4164/);
        return true;
      });
      assert.deepEqual(await sim_get(port, '/_sim/orders'), []);
    });

    test('reduceOnly with no position → InvalidOrder (-2022)', async () => {
      await assert.rejects(hx.createOrder(btc, 'market', 'sell', 0.002, undefined, { reduceOnly: true }), (e) => {
        assert.ok(e instanceof ccxt.InvalidOrder, `${e.constructor.name}: ${e.message}`);
        assert.match(e.message, /"code":-2022/);
        return true;
      });
    });

    test('margin over the wallet → InsufficientFunds (-2019)', async () => {
      // 5 BTC × 95000 / 20x = 23750 USDT initial margin > 10000 wallet.
      await assert.rejects(hx.createOrder(btc, 'market', 'buy', 5), (e) => {
        assert.ok(e instanceof ccxt.InsufficientFunds, `${e.constructor.name}: ${e.message}`);
        assert.match(e.message, /"code":-2019/);
        return true;
      });
    });

    test('unknown order → OrderNotFound for fetchOrder (-2013) and cancelOrder (-2011)', async () => {
      await assert.rejects(hx.fetchOrder('12345', btc), (e) => e instanceof ccxt.OrderNotFound && /-2013/.test(e.message));
      await assert.rejects(hx.cancelOrder('12345', btc), (e) => e instanceof ccxt.OrderNotFound && /-2011/.test(e.message));
    });

    test('bad signature → AuthenticationError (-1022); unknown key → AuthenticationError (-2015)', async () => {
      const bad_secret = make_exchange({ port, mode: 'host', secret: 'ab'.repeat(32) });
      bad_secret.markets = hx.markets; // skip a second loadMarkets
      bad_secret.markets_by_id = hx.markets_by_id;
      await assert.rejects(bad_secret.fetchBalance(), (e) => {
        assert.ok(e instanceof ccxt.AuthenticationError, `${e.constructor.name}: ${e.message}`);
        assert.match(e.message, /"code":-1022/);
        return true;
      });
      const bad_key = make_exchange({ port, mode: 'host', apiKey: 'cd'.repeat(32) });
      bad_key.markets = hx.markets;
      bad_key.markets_by_id = hx.markets_by_id;
      await assert.rejects(bad_key.fetchBalance(), (e) => {
        assert.ok(e instanceof ccxt.AuthenticationError, `${e.constructor.name}: ${e.message}`);
        assert.match(e.message, /"code":-2015/);
        return true;
      });
      assert.equal((await sim_get(port, '/_sim/stats')).signed_writes, 0);
    });

    test('the loopback agent was only ever asked for fapi.binance.com', () => {
      assert.deepEqual(hosts_of(hx), ['fapi.binance.com']);
    });
  });

  test('every endpoint ccxt called exists in binance-sim (apart from the known gaps)', () => {
    const unexpected = [...not_found].filter(([k]) => !missing_endpoints.has(k));
    assert.deepEqual(unexpected, [], `404s: ${JSON.stringify(unexpected)}`);
  });
});

/// {symbol: positionAmt} of the sim's non-zero positions.
async function positions_of(port) {
  const out = {};
  for (const p of await sim_get(port, '/_sim/positions')) if (Number(p.positionAmt) !== 0) out[p.symbol] = p.positionAmt;
  return out;
}
