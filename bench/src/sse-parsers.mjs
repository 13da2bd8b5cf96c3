// The SSE decoder alone, no I/O, on the same bytes read two ways: 64 KiB reads (a fast
// server and a busy client) and one event per read (how servers write, and what a client
// of a model that is still generating sees). Candidates: eventsource-parser (the well-kept
// library of the field), @apifree/core's decoder (eventsource-parser with UTF-8 decoding
// and the event size bound), and the hand-written decoder core used before (kept in
// retired/ to show, in every run, why core switched). Then the cost of core's shape checks
// on the same decode + JSON.parse pipeline. Node strips the types of core's source files.

import { createParser } from 'eventsource-parser';
import { createSSEDecoder } from '../../packages/core/src/decode-events.ts';
import { streamEventProblem } from '../../packages/core/src/wire/check-shape.ts';
import { largeStream } from './large-stream.mjs';
import { createSSEDecoder as createRetiredDecoder } from './retired/hand-written-sse-decoder.mjs';
import { machine, rateTable, sideBySide, speedup } from './stats.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const { bytes, events } = largeStream(10);
const readings = {
  '64 KiB reads': [],
  'one event per read': [],
};
for (let offset = 0; offset < bytes.length; offset += 65_536)
  readings['64 KiB reads'].push(bytes.subarray(offset, offset + 65_536));
for (let start = 0; start < bytes.length; ) {
  const end = bytes.indexOf(10, bytes.indexOf(10, bytes.indexOf(10, start) + 1) + 1) + 1;
  readings['one event per read'].push(bytes.subarray(start, end));
  start = end;
}

function check(count, name) {
  if (count !== events) throw new Error(`${name} saw ${count} events, expected ${events}`);
}

const LIMIT = 32 * 2 ** 20;

console.log(
  `## SSE decoder alone — ${(bytes.length / 1e6).toFixed(1)} MB, ${events.toLocaleString('en-US')} events, median of ${rounds} runs\n`,
);
console.log(`Machine: ${machine()}\n`);

for (const [reading, chunks] of Object.entries(readings)) {
  const medians = await sideBySide(
    {
      'eventsource-parser': async () => {
        const text = new TextDecoder();
        let count = 0;
        const parser = createParser({ onEvent: () => count++, maxBufferSize: LIMIT });
        for (const chunk of chunks) parser.feed(text.decode(chunk, { stream: true }));
        check(count, 'eventsource-parser');
      },
      '@apifree/core decoder': async () => {
        let count = 0;
        const decoder = createSSEDecoder(
          () => count++,
          () => {},
          LIMIT,
        );
        for (const chunk of chunks) decoder.push(chunk);
        decoder.end();
        check(count, 'core');
      },
      'retired hand-written decoder': async () => {
        let count = 0;
        const decoder = createRetiredDecoder(
          () => count++,
          () => {},
          LIMIT,
        );
        for (const chunk of chunks) decoder.push(chunk);
        decoder.end();
        check(count, 'retired');
      },
    },
    rounds,
  );
  console.log(`### ${reading} (${chunks.length.toLocaleString('en-US')} reads)\n`);
  console.log(rateTable(medians, events, 'events'));
  console.log(
    `\n- retired hand-written decoder vs eventsource-parser: ${speedup(medians, 'retired hand-written decoder', 'eventsource-parser')}`,
  );
  console.log(
    `- core's decoder (eventsource-parser, decoding, bound) vs eventsource-parser alone: ${speedup(medians, '@apifree/core decoder', 'eventsource-parser')}\n`,
  );
}

// The shape checks: decode + JSON.parse of every event, with and without checking it.
const chunks = readings['one event per read'];
const pipeline = (checked) => async () => {
  let count = 0;
  const decoder = createSSEDecoder(
    (data) => {
      const event = JSON.parse(data);
      if (checked && streamEventProblem(event) !== undefined) throw new Error('rejected');
      count++;
    },
    () => {},
    LIMIT,
  );
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  check(count, checked ? 'checked' : 'unchecked');
};
const checks = await sideBySide(
  {
    'decode + JSON.parse': pipeline(false),
    'decode + JSON.parse + shape checks': pipeline(true),
  },
  rounds,
);
console.log('### Cost of the shape checks (one event per read)\n');
console.log(rateTable(checks, events, 'events'));
const cost = (name) => ((checks[name] / checks['decode + JSON.parse'] - 1) * 100).toFixed(1);
const cpuCost = (name) =>
  ((checks.cpu[name] / checks.cpu['decode + JSON.parse'] - 1) * 100).toFixed(1);
console.log(
  `\n- shape checks add ${cost('decode + JSON.parse + shape checks')} % wall time, ${cpuCost('decode + JSON.parse + shape checks')} % client CPU to decoding and parsing alone (target ≤ 10 % of the stream)`,
);
