// The simulator, run in its own process so that 1,000 concurrent streams do not compete
// with the client for one event loop, and so the client's heap and RSS are measured
// alone. Started by simulator-process.ts; talks to it over IPC.
//
// Node runs this file with type stripping: erasable TypeScript only, no relative imports.
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { startSimulator } from '@apifree/simulator';

interface ChildOptions {
  pace: { tokensPerSecond: number; firstTokenLatencyMs: number } | false;
  mix?: Record<string, number>;
  seed?: number;
  apiKeys?: string[];
}

/** What the simulator did with one request, as seen on the wire. */
interface Attempt {
  id: string;
  /** The fault the wire shows (`ok` for a healthy answer); see `classify`. */
  kind: string;
  status: number;
}

interface Observation {
  id: string;
  status: number;
  firstWrite: number | undefined;
  text: string;
  /** The last bytes written, so a marker split across fragment writes is still seen. */
  tail: string;
  finished: boolean;
  peerClosed: boolean;
}

const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
const sim = await startSimulator({
  port: 0,
  pace: options.pace,
  ...(options.apiKeys === undefined ? {} : { apiKeys: options.apiKeys }),
  ...(options.mix === undefined
    ? {}
    : {
        faults: { mix: options.mix, ...(options.seed === undefined ? {} : { seed: options.seed }) },
      }),
});

const attempts: Attempt[] = [];
let server: Server | undefined;
let inFlight = 0;
let served = 0;

// Only these markers are kept from a stream's bytes, so memory stays flat during a soak.
const MARKERS = [
  '"type":"response.completed"',
  '"type":"response.incomplete"',
  'event: error\n',
  '"delta":"unterminated\n',
];

function note(observation: Observation, chunk: unknown): void {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString();
  observation.firstWrite ??= Buffer.byteLength(text);
  if (observation.status !== 200) {
    observation.text += text.slice(0, 2000);
    return;
  }
  const window = observation.tail + text;
  for (const marker of MARKERS)
    if (window.includes(marker) && !observation.text.includes(marker)) observation.text += marker;
  observation.tail = window.slice(-64);
}

/**
 * Names the fault a request got from what the simulator sent: the status and error code
 * for HTTP faults; for streams, the terminal event, an `error` event, the malformed line,
 * 5-byte writes (fragment), a clean end without a terminal event (truncate), or a close
 * without an end: by the server (drop, a reset with nothing from the peer) or by the
 * client (stall, the client gave up waiting and closed its side first).
 */
function classify(observation: Observation): string {
  const { status, text } = observation;
  if (status === 429)
    return text.includes('insufficient_quota') ? 'insufficient_quota' : 'rate_limit';
  if (status === 500) return 'server_error';
  if (status === 502) return 'bad_gateway';
  if (status === 503) return 'unavailable';
  if (status !== 200) return `http_${status}`;
  if (text.includes('"delta":"unterminated\n')) return 'malformed';
  if (text.includes('event: error\n')) return 'error_event';
  const terminal =
    text.includes('"type":"response.completed"') || text.includes('"type":"response.incomplete"');
  // The client may close as soon as it reads the terminal event, before the server's
  // last bytes (the chunked terminator) left: the answer was still complete.
  if (terminal)
    return observation.firstWrite !== undefined && observation.firstWrite <= 8 ? 'fragment' : 'ok';
  if (observation.finished) return 'truncate';
  return observation.peerClosed ? 'stall' : 'drop';
}

function watch(request: IncomingMessage, response: ServerResponse, socket: Socket): void {
  if (request.method !== 'POST' || !request.url?.startsWith('/v1/responses')) return;
  const header = request.headers['x-drill-id'];
  const observation: Observation = {
    id: typeof header === 'string' ? header : '',
    status: 0,
    firstWrite: undefined,
    text: '',
    tail: '',
    finished: false,
    peerClosed: false,
  };
  inFlight++;
  const write = response.write;
  const end = response.end;
  response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    observation.status = response.statusCode;
    note(observation, chunk);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse['write'];
  response.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    observation.status = response.statusCode;
    note(observation, chunk);
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse['end'];
  const onPeer = () => {
    observation.peerClosed = true;
  };
  socket.on('end', onPeer);
  socket.on('error', onPeer);
  response.once('finish', () => {
    observation.finished = true;
  });
  response.once('close', () => {
    socket.off('end', onPeer);
    socket.off('error', onPeer);
    inFlight--;
    served++;
    observation.status ||= response.statusCode;
    attempts.push({
      id: observation.id,
      kind: classify(observation),
      status: observation.status,
    });
  });
}

diagnostics.subscribe('http.server.request.start', (message) => {
  const {
    request,
    response,
    socket,
    server: source,
  } = message as {
    request: IncomingMessage;
    response: ServerResponse;
    socket: Socket;
    server: Server;
  };
  server ??= source;
  watch(request, response, socket);
});

function connections(): Promise<number> {
  return new Promise((resolve) => {
    if (server === undefined) resolve(0);
    else server.getConnections((error, count) => resolve(error ? -1 : count));
  });
}

process.on('message', async (message: { type: string; seq: number }) => {
  switch (message.type) {
    case 'tally': {
      // `requests` is the simulator's own log: attempts are counted from it.
      const recorded: Record<string, number> = {};
      for (const entry of sim.requests) {
        if (entry.method !== 'POST') continue;
        const id = entry.headers['x-drill-id'] ?? '';
        recorded[id] = (recorded[id] ?? 0) + 1;
      }
      process.send?.({
        type: 'tally',
        seq: message.seq,
        recorded,
        attempts,
        inFlight,
        served,
        connections: await connections(),
      });
      break;
    }
    case 'reset':
      sim.requests.length = 0;
      attempts.length = 0;
      process.send?.({ type: 'reset', seq: message.seq });
      break;
    case 'close':
      await sim.close();
      process.send?.({ type: 'closed', seq: message.seq });
      process.disconnect();
      break;
  }
});

process.send?.({ type: 'ready', baseURL: sim.baseURL });
