// The SSE decoder alone: eventsource-parser (the well-kept library of the field) vs
// @apifree/core's own decoder, on the same bytes in the same 64 KiB chunks, no I/O.
// Node strips the types of this one dependency-free source file; the decoder is not public API.

import { createParser } from 'eventsource-parser';
import { createSSEDecoder } from '../../packages/core/src/decode-events.ts';
import { largeStream } from './large-stream.mjs';
import { machine, rateTable, sideBySide, speedup } from './stats.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const { bytes, events } = largeStream(10);
const chunks = [];
for (let offset = 0; offset < bytes.length; offset += 65_536)
  chunks.push(bytes.subarray(offset, offset + 65_536));

function check(count, name) {
  if (count !== events) throw new Error(`${name} saw ${count} events, expected ${events}`);
}

const medians = await sideBySide(
  {
    'eventsource-parser': async () => {
      const text = new TextDecoder();
      let count = 0;
      const parser = createParser({ onEvent: () => count++ });
      for (const chunk of chunks) parser.feed(text.decode(chunk, { stream: true }));
      check(count, 'eventsource-parser');
    },
    '@apifree/core decoder': async () => {
      let count = 0;
      const decoder = createSSEDecoder(
        () => count++,
        () => {},
        32 * 2 ** 20,
      );
      for (const chunk of chunks) decoder.push(chunk);
      decoder.end();
      check(count, 'core');
    },
  },
  rounds,
);

console.log(
  `## SSE decoder alone — ${(bytes.length / 1e6).toFixed(1)} MB, ${events.toLocaleString('en-US')} events, median of ${rounds} runs\n`,
);
console.log(`Machine: ${machine()}\n`);
console.log(rateTable(medians, events, 'events'));
console.log(
  `\n- core's decoder vs eventsource-parser: ${speedup(medians, '@apifree/core decoder', 'eventsource-parser')}`,
);
