#!/usr/bin/env python3
"""Builds the data bundled with `hlcopy demo` (apps/hlcopy/demo/) from the
REAL recordings in ../shared/fixtures/real. Run once by a developer; the
output is committed, the build never runs this.

- leader_fills.json: the REAL 500-fill userFills recording (hyperliquid
  python SDK cassette, 2023-05-05), unchanged.
- exchange_info.json: /fapi/v1/exchangeInfo shape. BTCUSDT is the REAL
  public capture (min notional 100); ETHUSDT is ccxt's REAL entry with the
  mainnet min notional 20 (protocol_facts B.4). The other symbols carry the
  filters Binance listed for them around the recording (tick/step as
  published; min notional 5). MATICUSDT is deliberately absent (delisted
  2024): its fills show up as `unmapped` skips.
- marks.json: /fapi/v1/premiumIndex array; each symbol's mark is the
  leader's first fill price in the recording, at that fill's time.
"""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
real = root.parent / "shared" / "fixtures" / "real"
out = root / "apps" / "hlcopy" / "demo"

fills_doc = json.loads(
    (real / "hyperliquid-python-sdk/extracted/test_get_user_fills.json").read_text())
(out / "leader_fills.json").write_text(json.dumps(fills_doc, indent=1) + "\n")

entries = json.loads(
    (real / "ccxt/binance_fapi_exchangeInfo_symbol_entries.json").read_text())
btc = entries["public_code_comment_BTCUSDT"]
eth = json.loads(json.dumps(entries["ccxt_markets_ETHUSDT_info"]))
for f in eth["filters"]:
    if f["filterType"] == "MIN_NOTIONAL":
        f["notional"] = "20"

# symbol: (tickSize, stepSize, market max qty)
published = {
    "SUIUSDT": ("0.000100", "0.1", "500000"),
    "INJUSDT": ("0.001000", "0.1", "20000"),
    "ARBUSDT": ("0.000100", "0.1", "1000000"),
    "LTCUSDT": ("0.01", "0.001", "5000"),
    "OPUSDT": ("0.000100", "0.1", "200000"),
    "SOLUSDT": ("0.0100", "1", "5000"),
    "DYDXUSDT": ("0.001", "0.1", "100000"),
    "ATOMUSDT": ("0.001", "0.01", "20000"),
    "AVAXUSDT": ("0.0010", "1", "10000"),
    "DOGEUSDT": ("0.000010", "1", "30000000"),
    "APEUSDT": ("0.0001", "1", "200000"),
    "BNBUSDT": ("0.010", "0.01", "1000"),
}

def entry(symbol, tick, step, market_max):
    base = symbol[:-4]
    return {
        "symbol": symbol, "pair": symbol, "contractType": "PERPETUAL",
        "status": "TRADING", "baseAsset": base, "quoteAsset": "USDT",
        "marginAsset": "USDT",
        "filters": [
            {"filterType": "PRICE_FILTER", "minPrice": tick,
             "maxPrice": "1000000", "tickSize": tick},
            {"filterType": "LOT_SIZE", "minQty": step, "maxQty": "10000000",
             "stepSize": step},
            {"filterType": "MARKET_LOT_SIZE", "minQty": step,
             "maxQty": market_max, "stepSize": step},
            {"filterType": "MAX_NUM_ORDERS", "limit": 200},
            {"filterType": "MIN_NOTIONAL", "notional": "5"},
            {"filterType": "PERCENT_PRICE", "multiplierUp": "1.0500",
             "multiplierDown": "0.9500", "multiplierDecimal": "4"},
        ],
    }

symbols = [btc, eth] + [entry(s, *v) for s, v in sorted(published.items())]
(out / "exchange_info.json").write_text(
    json.dumps({"timezone": "UTC", "serverTime": 1683245555699,
                "symbols": symbols}, indent=1) + "\n")

first = {}
for f in reversed(fills_doc["response"]):  # the recording is newest first
    first.setdefault(f["coin"] + "USDT", (f["px"], f["time"]))
marks = [{"symbol": s, "markPrice": px, "indexPrice": px, "time": t}
         for s, (px, t) in sorted(first.items())
         if s in {e["symbol"] for e in symbols}]
(out / "marks.json").write_text(json.dumps(marks, indent=1) + "\n")
