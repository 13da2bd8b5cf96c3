import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatExchange, normaliseRequest, parseExchange, requestKey } from '../src/index';
import { bodyLine, lineBytes, sseLine } from '../src/recording/body-line';
import { SseFrameSplitter } from '../src/recording/sse-frame-splitter';

const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/responses/sse');

function split(bytes: Buffer, at: number[]): Buffer[] {
  const splitter = new SseFrameSplitter();
  const frames: Buffer[] = [];
  let start = 0;
  for (const end of [...at, bytes.length]) {
    frames.push(...splitter.push(bytes.subarray(start, end)));
    start = end;
  }
  return [...frames, ...splitter.end()];
}

describe('splitting an SSE stream into events', () => {
  it('keeps every byte of every recording, cut at every split point', () => {
    for (const name of readdirSync(FIXTURES)) {
      const bytes = readFileSync(join(FIXTURES, name));
      const whole = split(bytes, []);
      expect(Buffer.concat(whole).equals(bytes)).toBe(true);
      for (let at = 1; at < Math.min(bytes.length, 400); at++) {
        const frames = split(bytes, [at]);
        expect(frames.map((frame) => frame.toString('latin1'))).toEqual(
          whole.map((frame) => frame.toString('latin1')),
        );
      }
    }
  });

  it('ends an event at a blank line with any line ending, a CR-LF split across reads too', () => {
    const text = 'data: a\r\n\r\nevent: b\rdata: c\r\r: comment\n\ndata: [DONE]';
    const bytes = Buffer.from(text);
    const expected = ['data: a\r\n\r\n', 'event: b\rdata: c\r\r', ': comment\n\n', 'data: [DONE]'];
    for (let at = 0; at <= bytes.length; at++) {
      expect(split(bytes, [at]).map(String)).toEqual(expected);
    }
  });
});

describe('body lines', () => {
  it('reads canonical events as JSON and writes the same bytes back', () => {
    const frame = Buffer.from(
      'event: response.created\ndata: {"type":"response.created","n":1}\n\n',
    );
    expect(sseLine(frame, 3)).toEqual({
      ms: 3,
      event: 'response.created',
      data: { type: 'response.created', n: 1 },
    });
    expect(lineBytes(sseLine(frame, 3)).equals(frame)).toBe(true);
    const dataOnly = Buffer.from('data: {"a":[1,2]}\n\n');
    expect(sseLine(dataOnly, 0)).toEqual({ ms: 0, data: { a: [1, 2] } });
  });

  it('keeps any other framing as text, and bytes that are not UTF-8 as base64', () => {
    for (const text of [
      'data: [DONE]\n\n',
      ': PROCESSING\n\n',
      'event: x\r\ndata: {"a":1}\r\n\r\n',
      'data: {"a": 1}\n\n',
      'data: {"a":1.0}\n\n',
      'data: line one\ndata: line two\n\n',
    ]) {
      expect(sseLine(Buffer.from(text), 1)).toEqual({ ms: 1, sse: text });
    }
    const invalid = Buffer.from([0x64, 0x61, 0xff, 0x0a, 0x0a]);
    expect(lineBytes(sseLine(invalid, 0)).equals(invalid)).toBe(true);
  });

  it('reads a JSON body compact or indented, and anything else as text', () => {
    expect(bodyLine(Buffer.from('{"a":1}'), 5)).toEqual({ ms: 5, json: { a: 1 } });
    const indented = Buffer.from('{\n  "a": [\n    1\n  ]\n}');
    expect(bodyLine(indented, 5)).toEqual({ ms: 5, json: { a: [1] }, indent: 2 });
    expect(lineBytes(bodyLine(indented, 5)).equals(indented)).toBe(true);
    expect(bodyLine(Buffer.from('{"a" : 1}'), 0)).toEqual({ ms: 0, text: '{"a" : 1}' });
  });
});

describe('recording files', () => {
  const exchange = {
    key: '0123456789abcdef',
    sequence: 1,
    request: { method: 'POST', path: '/v1/responses', body: { model: 'gpt-4o', input: 'Hi' } },
    response: { status: 200, headers: { 'content-type': 'application/json' }, ms: 12 },
    body: [{ ms: 15, json: { id: 'resp_1' } }],
  };

  it('are NDJSON: the exchange on the first line, then one line per body line', () => {
    const text = formatExchange(exchange);
    expect(text.split('\n')).toEqual([
      '{"apifreeRecording":1,"key":"0123456789abcdef","sequence":1,"request":{"method":"POST","path":"/v1/responses","body":{"model":"gpt-4o","input":"Hi"}},"response":{"status":200,"headers":{"content-type":"application/json"},"ms":12}}',
      '{"ms":15,"json":{"id":"resp_1"}}',
      '',
    ]);
    expect(parseExchange(text, 'a.ndjson')).toEqual(exchange);
  });

  it('name the file and the line of a mistake', () => {
    expect(() => parseExchange('{"apifreeRecording":2}', 'x.ndjson')).toThrow(
      'x.ndjson:1: not an APIFree recording (expected "apifreeRecording": 1).',
    );
    const text = `${formatExchange(exchange)}{"nothing":1}\n`;
    expect(() => parseExchange(text, 'y.ndjson')).toThrow(
      'y.ndjson:3: a body line needs one of event, data, sse, json, text, base64.',
    );
    expect(() => parseExchange(`${formatExchange(exchange)}not json\n`, 'z.ndjson')).toThrow(
      'z.ndjson:3: not a JSON line.',
    );
  });
});

describe('request keys', () => {
  const request = {
    method: 'POST',
    path: '/v1/responses',
    body: { model: 'gpt-4o', input: 'Hi', metadata: { trace_id: 't-1', user: 'u' } },
  };

  it('do not depend on key order', () => {
    const reordered = {
      ...request,
      body: { metadata: { user: 'u', trace_id: 't-1' }, input: 'Hi', model: 'gpt-4o' },
    };
    expect(requestKey(reordered, [])).toBe(requestKey(request, []));
    expect(requestKey(request, [])).toMatch(/^[0-9a-f]{16}$/);
  });

  it('leave out ignored fields, with * for any key or index', () => {
    const other = {
      ...request,
      body: { ...request.body, metadata: { trace_id: 't-2', user: 'u' } },
    };
    expect(requestKey(other, [])).not.toBe(requestKey(request, []));
    expect(requestKey(other, ['metadata.trace_id'])).toBe(
      requestKey(request, ['metadata.trace_id']),
    );
    expect(
      normaliseRequest(
        {
          method: 'post',
          path: '/v1/responses',
          body: {
            input: [
              { id: 'a', t: 1 },
              { id: 'b', t: 2 },
            ],
          },
        },
        ['input.*.id'],
      ),
    ).toEqual({ method: 'POST', path: '/v1/responses', body: { input: [{ t: 1 }, { t: 2 }] } });
  });
});
