#!/usr/bin/env python3
"""Seeds each fuzz target's corpus from tests/fixtures (docs/fuzzing.md).

For every fixture a target reads, the seeds are: the file itself, every
object and array inside it (compact JSON, 2 bytes to 8 KiB), and every string
inside it that is JSON on its own (capture files keep frames as strings).
Also writes one dictionary per target: the fixtures' object keys as JSON
strings, plus JSON's own tokens. Usage: make_corpus.py <repo root> <out dir> [target...]
"""
import hashlib
import json
import pathlib
import re
import sys

MAX_SEED = 8192
MAX_SEEDS_PER_FILE = 80  # 500 fills of one recording teach little more than 80

# target -> fixture globs (relative to the repo root)
HL = ["tests/fixtures/hyperliquid/*.json", "tests/fixtures/sim_hl/*.json"]
BN = ["tests/fixtures/binance/*.json", "tests/fixtures/sim_binance/*.json"]
TARGETS = {
    "json_input": HL + BN + ["tests/fixtures/config/*.json"],
    "hl_parse_fills": HL,
    "hl_ws_frames": HL,
    "hl_info": HL,
    "bn_exchange_info": BN + ["apps/hlcopy/demo/exchange_info.json"],
    "bn_orders": BN,
    "bn_user_stream": BN,
    "bn_market": BN + ["apps/hlcopy/demo/marks.json"],
    "config_loader": ["tests/fixtures/config/*.json", "config/examples/*.json",
                      "config/schema.json"],
    "market_files": BN + ["apps/hlcopy/demo/exchange_info.json",
                          "apps/hlcopy/demo/marks.json"],
}
TOKENS = ['"{"', '"}"', '"["', '"]"', '":"', '","', '"true"', '"false"',
          '"null"', '"\\""', '"0"', '"-1"', '"1e309"', '"0.00000001"',
          '"18446744073709551616"', '"//"', '"/*"', '"*/"']


def subtrees(value):
    yield value
    if isinstance(value, dict):
        for v in value.values():
            yield from subtrees(v)
    elif isinstance(value, list):
        for v in value:
            yield from subtrees(v)


def keys(value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            keys(v, out)
    elif isinstance(value, list):
        for v in value:
            keys(v, out)


def without_comments(text):
    """Config examples carry whole-line // comments and trailing commas."""
    lines = [l for l in text.splitlines() if not l.lstrip().startswith("//")]
    return re.sub(r",(\s*[}\]])", r"\1", "\n".join(lines))


def seeds_of(text, found_keys):
    yield text.encode()
    try:
        doc = json.loads(without_comments(text))
    except ValueError:  # other comments: the file alone
        return
    keys(doc, found_keys)
    for node in subtrees(doc):
        if isinstance(node, str) and node[:1] in "{[":
            try:
                inner = json.loads(node)
            except ValueError:
                continue
            keys(inner, found_keys)
            for sub in subtrees(inner):
                if isinstance(sub, (dict, list)):
                    yield json.dumps(sub, separators=(",", ":")).encode()
        elif isinstance(node, (dict, list)):
            yield json.dumps(node, separators=(",", ":")).encode()


def main():
    root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    wanted = sys.argv[3:] or list(TARGETS)
    for target in wanted:
        globs = TARGETS[target]
        seed_dir = out / "seeds" / target
        seed_dir.mkdir(parents=True, exist_ok=True)
        for old in seed_dir.iterdir():
            old.unlink()
        found_keys, written = set(), set()
        for pattern in globs:
            for path in sorted(root.glob(pattern)):
                taken = 0
                for seed in seeds_of(path.read_text(), found_keys):
                    name = hashlib.sha1(seed).hexdigest()
                    if (taken >= MAX_SEEDS_PER_FILE or name in written
                            or not 2 <= len(seed) <= MAX_SEED):
                        continue
                    taken += 1
                    written.add(name)
                    (seed_dir / name).write_bytes(seed)
        with open(out / f"{target}.dict", "w") as d:
            for token in TOKENS:
                d.write(token + "\n")
            for k in sorted(found_keys):
                if k.isascii() and k.isprintable() and len(k) <= 40:
                    quoted = json.dumps(json.dumps(k))
                    d.write(quoted + "\n")
        print(f"corpus {target}: {len(written)} seeds, {len(found_keys)} keys")


if __name__ == "__main__":
    main()
