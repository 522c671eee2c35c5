// @nktkas/hyperliquid (pinned, unchanged) against hl-sim: InfoClient over
// HttpTransport and WebSocketTransport, SubscriptionClient userFills. Every
// response is also checked against the SDK's declared response types.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { HttpTransport, InfoClient, SubscriptionClient, WebSocketTransport } from '@nktkas/hyperliquid';
import { control, hl_port, waiter } from '../lib/env.mjs';
import { check_sdk_types } from '../lib/sdk_types.mjs';
import { WebSocketImpl } from '../lib/ws.mjs';

// scenarios/hl.json: four history fills of `leader` (oldest first), none of `flat`.
const leader = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'; // mixed case on purpose
const leader_lc = leader.toLowerCase();
const flat = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';
const history_oids = [1001, 1002, 1003, 1004];
const info_module = '@nktkas/hyperliquid/api/info';
const sub_module = '@nktkas/hyperliquid/api/subscription';

function assert_conforms(name, module, type, value) {
  const problems = check_sdk_types([{ name, module, type, value }]);
  assert.deepEqual(problems, [], `${name} does not match the SDK's ${type}:\n${problems.join('\n')}`);
}

describe('@nktkas/hyperliquid against hl-sim', () => {
  let port;
  let info;
  before(() => {
    port = hl_port();
    info = new InfoClient({ transport: new HttpTransport({ apiUrl: `http://127.0.0.1:${port}`, timeout: 5000 }) });
  });

  test('meta: universe from the scenario, SDK MetaResponse shape', async () => {
    const meta = await info.meta();
    assert_conforms('meta', info_module, 'MetaResponse', meta);
    const btc = meta.universe.find((a) => a.name === 'BTC');
    assert.deepEqual({ szDecimals: btc.szDecimals, maxLeverage: btc.maxLeverage }, { szDecimals: 5, maxLeverage: 40 });
    assert.deepEqual(
      meta.universe.map((a) => a.name),
      ['BTC', 'ETH', 'SOL'],
    );
  });

  test('userFills: newest first, computed fields, optional fields, SDK shape', async () => {
    const fills = await info.userFills({ user: leader });
    assert_conforms('userFills', info_module, 'UserFillsResponse', fills);
    assert.deepEqual(
      fills.map((f) => f.oid),
      [...history_oids].reverse(),
    );
    const by_oid = Object.fromEntries(fills.map((f) => [f.oid, f]));
    // BTC: open 0.1 @ 62000, then sell 0.04 @ 62500 closes at the average entry.
    assert.equal(by_oid[1003].dir, 'Close Long');
    assert.equal(by_oid[1003].startPosition, '0.1');
    assert.equal(by_oid[1003].closedPnl, '20.0');
    assert.equal(by_oid[1003].builderFee, '0.1');
    assert.equal(by_oid[1002].cloid, '0xa1f0cddc17303d07f3fd128d5b35071d');
    assert.equal(by_oid[1002].crossed, false);
    assert.equal(by_oid[1001].tid, 5001);
    // ETH: short 1.5 @ 3000, liquidated buy 0.5 @ 3050 → closedPnl -25.
    assert.deepEqual(by_oid[1004].liquidation, { liquidatedUser: leader_lc, markPx: '3049.5', method: 'market' });
    assert.equal(by_oid[1004].dir, 'Close Short');
    assert.equal(by_oid[1004].closedPnl, '-25.0');
    for (const f of fills) assert.equal(f.feeToken, 'USDC');
  });

  test('userFillsByTime: inclusive window, oldest first, SDK shape', async () => {
    const all = await info.userFillsByTime({ user: leader, startTime: 0 });
    assert_conforms('userFillsByTime', info_module, 'UserFillsByTimeResponse', all);
    assert.deepEqual(
      all.map((f) => f.oid),
      history_oids,
    );
    // [time of 2nd fill, time of 3rd fill] inclusive on both ends.
    const window = await info.userFillsByTime({ user: leader, startTime: all[1].time, endTime: all[2].time });
    assert.deepEqual(
      window.map((f) => f.oid),
      [1002, 1003],
    );
    const none = await info.userFillsByTime({ user: flat, startTime: 0 });
    assert.deepEqual(none, []);
  });

  test('clearinghouseState: positions from the history, flat account, SDK shape', async () => {
    const state = await info.clearinghouseState({ user: leader });
    assert_conforms('clearinghouseState', info_module, 'ClearinghouseStateResponse', state);
    const szi = Object.fromEntries(state.assetPositions.map((p) => [p.position.coin, p.position.szi]));
    assert.deepEqual(szi, { BTC: '0.06', ETH: '-1.0' });
    for (const p of state.assetPositions) assert.equal(p.type, 'oneWay');

    const empty = await info.clearinghouseState({ user: flat });
    assert_conforms('clearinghouseState(flat)', info_module, 'ClearinghouseStateResponse', empty);
    assert.deepEqual(empty.assetPositions, []);
  });

  test('WebSocket post: InfoClient over WebSocketTransport answers like HTTP', async () => {
    const transport = new WebSocketTransport({
      url: `ws://127.0.0.1:${port}/ws`,
      timeout: 5000,
      reconnect: { WebSocket: WebSocketImpl, maxRetries: 0 },
    });
    try {
      const ws_info = new InfoClient({ transport });
      const via_ws = await ws_info.userFills({ user: leader });
      const via_http = await info.userFills({ user: leader });
      assert_conforms('userFills(ws post)', info_module, 'UserFillsResponse', via_ws);
      assert.deepEqual(via_ws, via_http);
    } finally {
      await transport.close();
    }
  });

  // Last: it pushes a fill, which the tests above would then see.
  test('WebSocket userFills subscription: snapshot, then a scripted live fill', async () => {
    const transport = new WebSocketTransport({
      url: `ws://127.0.0.1:${port}/ws`,
      timeout: 5000,
      reconnect: { WebSocket: WebSocketImpl, maxRetries: 0 },
    });
    const subs = new SubscriptionClient({ transport });
    const events = [];
    const snapshot = waiter((e) => e.isSnapshot === true, 5000, 'the userFills snapshot');
    const live = waiter((e) => e.isSnapshot === undefined && e.fills.length > 0, 5000, 'a live userFills event');
    try {
      const sub = await subs.userFills({ user: leader }, (e) => {
        events.push(e);
        snapshot.push(e);
        live.push(e);
      });
      const snap = await snapshot.promise;
      assert_conforms('userFills snapshot event', sub_module, 'UserFillsEvent', snap);
      assert.equal(snap.user, leader_lc);
      assert.deepEqual(
        snap.fills.map((f) => f.oid),
        history_oids,
        'snapshot holds the history, oldest first',
      );

      const pushed = await control(port, '/_sim/trade', {
        leader: leader_lc,
        coin: 'BTC',
        side: 'A',
        px: '63000.0',
        sz: '0.06',
      });
      const ev = await live.promise;
      assert_conforms('userFills live event', sub_module, 'UserFillsEvent', ev);
      assert.equal(ev.user, leader_lc);
      assert.deepEqual(ev.fills, [pushed]);
      assert.equal(pushed.dir, 'Close Long');
      assert.equal(pushed.startPosition, '0.06');
      assert.equal(pushed.closedPnl, '60.0'); // 0.06 × (63000 − 62000)
      assert.equal(events.length, 2, 'exactly one snapshot and one live event');

      // The pushed fill is in the REST history too (newest first).
      const fills = await info.userFills({ user: leader });
      assert.deepEqual(fills[0], pushed);
      await sub.unsubscribe();
    } finally {
      await transport.close();
    }
  });
});
