import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frameChunks } from '@apifree/simulator';

/** One server answer, served by the simulator by name: an SSE stream or a JSON body. */
export interface ConformanceCase {
  name: string;
  /** The file the simulator serves, in the cases folder. */
  file: string;
  kind: 'stream' | 'json';
  /** The bytes served (an SSE stream or a JSON body). */
  body: string;
  /** For JSON: the HTTP status the simulator sends with it. */
  status: number;
  /**
   * Crafted to be unreadable: its last event (or its body) is valid JSON in the wrong
   * shape, so the answer must end there with \`invalid_event\` / \`invalid_response\`.
   */
  invalid: boolean;
}

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/responses', import.meta.url));

type Event = Record<string, unknown>;

function sse(events: Event[]): string {
  return events
    .map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`)
    .join('');
}

function response(output: unknown[], extra: Record<string, unknown> = {}) {
  return {
    id: 'resp_conformance',
    object: 'response',
    created_at: 1_700_000_000,
    status: 'completed',
    model: 'gpt-4.1-mini',
    output,
    usage: { input_tokens: 21, output_tokens: 8, total_tokens: 29 },
    incomplete_details: null,
    error: null,
    ...extra,
  };
}

const created = {
  type: 'response.created',
  response: response([], { status: 'in_progress', usage: null }),
};
const message = (content: unknown[], id = 'msg_1') => ({
  type: 'message',
  id,
  role: 'assistant',
  status: 'completed',
  content,
});
const text = (value: string) => ({ type: 'output_text', text: value, annotations: [] });
const call = (args: string, callId = 'call_1', name = 'get_weather') => ({
  type: 'function_call',
  id: `fc_${callId}`,
  call_id: callId,
  name,
  arguments: args,
  status: 'completed',
});
const reasoning = (summary: string[]) => ({
  type: 'reasoning',
  id: 'rs_1',
  summary: summary.map((part) => ({ type: 'summary_text', text: part })),
});
const delta = (value: string, outputIndex = 0) => ({
  type: 'response.output_text.delta',
  item_id: 'msg_1',
  output_index: outputIndex,
  content_index: 0,
  delta: value,
});
const completed = (output: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'response.completed',
  response: response(output, extra),
});

/** Streams other servers send, and what goes wrong on the wire. */
const CRAFTED_STREAMS: Record<string, Event[]> = {
  'text only in output_text.done': [
    created,
    {
      type: 'response.output_text.done',
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      text: 'Done only.',
    },
    completed([message([text('Done only.')])]),
  ],
  'text only in output_item.done': [
    created,
    { type: 'response.output_item.done', output_index: 0, item: message([text('Item only.')]) },
    completed([message([text('Item only.')])]),
  ],
  'nothing but the terminal response': [
    completed([reasoning(['Thought.']), message([text('Terminal only.')])]),
  ],
  'reasoning only in .done, text in deltas': [
    created,
    {
      type: 'response.reasoning_summary_text.done',
      item_id: 'rs_1',
      output_index: 0,
      summary_index: 0,
      text: 'Plan first.',
    },
    { type: 'response.output_item.done', output_index: 0, item: reasoning(['Plan first.']) },
    delta('Then ', 1),
    delta('answer.', 1),
    completed([reasoning(['Plan first.']), message([text('Then answer.')])]),
  ],
  'tool arguments only in function_call_arguments.done': [
    created,
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { ...call(''), status: 'in_progress' },
    },
    {
      type: 'response.function_call_arguments.done',
      item_id: 'fc_call_1',
      output_index: 0,
      arguments: '{"city":"Paris"}',
    },
    { type: 'response.output_item.done', output_index: 0, item: call('{"city":"Paris"}') },
    completed([call('{"city":"Paris"}')]),
  ],
  'parallel tool calls, one without arguments': [
    created,
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { ...call('', 'call_a'), status: 'in_progress' },
    },
    {
      type: 'response.function_call_arguments.delta',
      item_id: 'fc_call_a',
      output_index: 0,
      delta: '{"city":',
    },
    {
      type: 'response.function_call_arguments.delta',
      item_id: 'fc_call_a',
      output_index: 0,
      delta: '"Rome"}',
    },
    { type: 'response.output_item.done', output_index: 0, item: call('{"city":"Rome"}', 'call_a') },
    { type: 'response.output_item.done', output_index: 1, item: call('', 'call_b', 'get_time') },
    completed([call('{"city":"Rome"}', 'call_a'), call('', 'call_b', 'get_time')]),
  ],
  'deltas with a gap': [
    created,
    delta('One '),
    delta('three.'),
    {
      type: 'response.output_text.done',
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      text: 'One two three.',
    },
    completed([message([text('One two three.')])]),
  ],
  'dropped last deltas': [created, delta('The '), completed([message([text('The end.')])])],
  refusal: [
    created,
    {
      type: 'response.refusal.delta',
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      delta: 'I cannot',
    },
    {
      type: 'response.refusal.done',
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      refusal: 'I cannot help with that.',
    },
    completed([message([{ type: 'refusal', refusal: 'I cannot help with that.' }])]),
  ],
  'incomplete at the token limit': [
    created,
    delta('Cut sh'),
    {
      type: 'response.incomplete',
      response: response([message([text('Cut sh')])], {
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
      }),
    },
  ],
  'failed after some text': [
    created,
    delta('Partial'),
    {
      type: 'response.failed',
      response: response([message([text('Partial')])], {
        status: 'failed',
        usage: null,
        error: { code: 'server_error', message: 'The model crashed.' },
      }),
    },
  ],
  'an error event mid-stream': [
    created,
    delta('Before '),
    {
      type: 'error',
      error: {
        type: 'server_error',
        code: 'server_error',
        message: 'Upstream failed.',
        param: null,
      },
    },
  ],
  'cut before the terminal event': [created, delta('Cut'), delta(' off')],
  'usage counts sent as strings': [
    created,
    delta('Counted.'),
    completed([message([text('Counted.')])], {
      usage: { input_tokens: '21', output_tokens: '8', total_tokens: '29' },
    }),
  ],
  'malformed: response.completed without response': [
    created,
    delta('Hi'),
    { type: 'response.completed' },
  ],
  'malformed: output_item.added without item': [
    created,
    { type: 'response.output_item.added', output_index: 0 },
  ],
  'malformed: output [null]': [created, delta('Hi'), completed([null])],
  'malformed: a finished message without content': [
    created,
    delta('Hi'),
    {
      type: 'response.output_item.done',
      output_index: 0,
      item: { type: 'message', id: 'msg_1', role: 'assistant' },
    },
  ],
  'malformed: a null delta': [created, delta('Hi'), { ...delta('x'), delta: null }],
  'malformed: annotations an object': [
    created,
    completed([message([{ type: 'output_text', text: 'Hi', annotations: {} }])]),
  ],
};

/** Bodies of non-streaming answers. */
const CRAFTED_JSON: Record<string, unknown> = {
  'a JSON answer with reasoning, text and a tool call': response([
    reasoning(['Check the weather.']),
    message([text('Let me check.')]),
    call('{"city":"Oslo"}'),
  ]),
  'a failed JSON answer': response([], {
    status: 'failed',
    usage: null,
    error: { code: 'server_error', message: 'The model crashed.' },
  }),
  'an incomplete JSON answer': response([message([text('Cut sh')])], {
    status: 'incomplete',
    incomplete_details: { reason: 'max_output_tokens' },
  }),
  'a JSON refusal': response([message([{ type: 'refusal', refusal: 'No.' }])]),
  'JSON usage counts sent as strings': response([message([text('Counted.')])], {
    usage: { input_tokens: 21, output_tokens: '8', total_tokens: 29 },
  }),
  'malformed JSON: output [null]': response([null]),
  'malformed JSON: a message without content': response([
    { type: 'message', id: 'msg_1', role: 'assistant' },
  ]),
};

function slug(name: string): string {
  return name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

/** Every recording of the repository and every crafted answer. */
export function conformanceCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const name of readdirSync(join(FIXTURES, 'sse')))
    cases.push({
      name: `recording ${name}`,
      file: `rec-${name}`,
      kind: 'stream',
      body: readFileSync(join(FIXTURES, 'sse', name), 'utf8'),
      status: 200,
      invalid: false,
    });
  for (const name of readdirSync(join(FIXTURES, 'chunks')))
    cases.push({
      name: `recording ${name}`,
      file: `rec-${name.replace(/\.chunks\.txt$/, '')}.sse`,
      kind: 'stream',
      body: frameChunks(readFileSync(join(FIXTURES, 'chunks', name), 'utf8')).join(''),
      status: 200,
      invalid: false,
    });
  for (const name of readdirSync(join(FIXTURES, 'json'))) {
    const body = readFileSync(join(FIXTURES, 'json', name), 'utf8');
    const parsed = JSON.parse(body) as { error?: { code?: string } | null; object?: string };
    const status =
      parsed.object !== 'response' && parsed.error
        ? parsed.error.code === 'insufficient_quota'
          ? 429
          : 400
        : 200;
    cases.push({
      name: `recording ${name}`,
      file: `rec-${name}`,
      kind: 'json',
      body,
      status,
      invalid: false,
    });
  }
  for (const [name, events] of Object.entries(CRAFTED_STREAMS))
    cases.push({
      name,
      file: `${slug(name)}.sse`,
      kind: 'stream',
      body: sse(events),
      status: 200,
      invalid: name.startsWith('malformed'),
    });
  for (const [name, body] of Object.entries(CRAFTED_JSON))
    cases.push({
      name,
      file: `${slug(name)}.json`,
      kind: 'json',
      body: JSON.stringify(body),
      status: 200,
      invalid: name.startsWith('malformed'),
    });
  return cases;
}

/** The events of an SSE body (the `data:` lines, in order). */
export function eventsOf(body: string): Array<Record<string, unknown>> {
  return body
    .split(/\r?\n\r?\n/)
    .map((block) => block.split(/\r?\n/).find((line) => line.startsWith('data:')))
    .filter((line): line is string => line !== undefined && line.slice(5).trim() !== '[DONE]')
    .map((line) => JSON.parse(line.slice(5)));
}
