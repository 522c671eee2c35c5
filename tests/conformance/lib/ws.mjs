// A WebSocket constructor for the SDK: Node >= 22 has a global one; Node 20
// does not (only behind --experimental-websocket), so fall back to the
// pinned `ws` package, which implements the same browser API.
import WS from 'ws';

export const WebSocketImpl = globalThis.WebSocket ?? WS;
