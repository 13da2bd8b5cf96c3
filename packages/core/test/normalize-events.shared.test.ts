import { describe, expect, it } from 'vitest';
import {
  APIResponseFailedError,
  APIStreamError,
  APIStreamTruncatedError,
  createEventNormalizer,
  normalizeEventBatches,
  normalizeEvents,
  type OutputEvent,
  type Response,
  type ResponseStreamEvent,
  readResponse,
} from '../src/index';

// Crafted streams of what real servers send (see the wire-format notes): every block must
// still go start → deltas → end, with the final value winning.

function response(output: unknown[], extra: Record<string, unknown> = {}): Response {
  return {
    id: 'resp_1',
    object: 'response',
    created_at: 1_700_000_000,
    status: 'completed',
    model: 'gpt-4.1-mini',
    output,
    usage: { input_tokens: 12, output_tokens: 7, total_tokens: 19 },
    incomplete_details: null,
    error: null,
    ...extra,
  } as unknown as Response;
}

const created = {
  type: 'response.created',
  response: response([], { status: 'in_progress', usage: null }),
};
const message = (text: string, id = 'msg_1') => ({
  type: 'message',
  id,
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_text', text, annotations: [] }],
});
const completed = (output: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'response.completed',
  response: response(output, extra),
});

function run(events: unknown[]): OutputEvent[] {
  const outputs: OutputEvent[] = [];
  const normalizer = createEventNormalizer((output) => outputs.push(output));
  for (const event of events as ResponseStreamEvent[]) normalizer.push(event);
  return outputs;
}

function failing(events: unknown[], error: unknown): OutputEvent[] {
  const outputs: OutputEvent[] = [];
  const normalizer = createEventNormalizer((output) => outputs.push(output));
  for (const event of events as ResponseStreamEvent[]) normalizer.push(event);
  normalizer.fail(error);
  return outputs;
}

/** The events without the finish payload, for readable expectations. */
function shapes(events: OutputEvent[]) {
  return events.map((event) => {
    if (event.type === 'finish') return { type: 'finish', kind: event.finish.kind };
    if (event.type === 'failure') return { type: 'failure', kind: event.finish.kind };
    return event;
  });
}

const textEvents = (
  itemId: string,
  deltas: string[],
  final: string,
  outputIndex = 0,
  // Synthetic keys (`item-<n>`) are never the server's.
  serverItemId = itemId.startsWith('item-') ? undefined : itemId,
) => [
  { type: 'text-start', outputIndex, itemId, serverItemId, contentIndex: 0 },
  ...deltas.map((delta) => ({
    type: 'text-delta',
    outputIndex,
    itemId,
    serverItemId,
    contentIndex: 0,
    delta,
  })),
  {
    type: 'text-end',
    outputIndex,
    itemId,
    serverItemId,
    contentIndex: 0,
    text: final,
    annotations: [],
    partial: false,
  },
];

describe('normalised text', () => {
  const start = {
    type: 'response-start',
    id: 'resp_1',
    model: 'gpt-4.1-mini',
    createdAt: 1_700_000_000,
  };

  it('deltas as sent, then the end with the full text (OpenAI shape)', () => {
    const events = run([
      created,
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { ...message(''), content: [] },
      },
      {
        type: 'response.content_part.added',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [] },
      },
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        delta: 'Hel',
      },
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        delta: 'lo',
      },
      {
        type: 'response.output_text.done',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        text: 'Hello',
      },
      { type: 'response.output_item.done', output_index: 0, item: message('Hello') },
      completed([message('Hello')]),
    ]);
    expect(shapes(events)).toEqual([
      start,
      ...textEvents('msg_1', ['Hel', 'lo'], 'Hello'),
      { type: 'finish', kind: 'completed' },
    ]);
  });

  it('a server that sends only output_text.done: one delta with the whole text', () => {
    const events = run([
      created,
      {
        type: 'response.output_text.done',
        output_index: 0,
        item_id: 'm',
        content_index: 0,
        text: 'Only done',
      },
      completed([message('Only done', 'm')]),
    ]);
    expect(shapes(events)).toEqual([
      start,
      ...textEvents('m', ['Only done'], 'Only done'),
      { type: 'finish', kind: 'completed' },
    ]);
  });

  it('a server that sends only output_item.done', () => {
    const events = run([
      created,
      { type: 'response.output_item.done', output_index: 0, item: message('Item only') },
      completed([message('Item only')]),
    ]);
    expect(shapes(events)).toEqual([
      start,
      ...textEvents('msg_1', ['Item only'], 'Item only'),
      { type: 'finish', kind: 'completed' },
    ]);
  });

  it('a server that sends nothing but the terminal response', () => {
    const events = run([completed([message('Terminal only')])]);
    expect(shapes(events)).toEqual([
      ...textEvents('msg_1', ['Terminal only'], 'Terminal only'),
      { type: 'finish', kind: 'completed' },
    ]);
  });

  it('dropped last deltas: the rest of the final text arrives as one delta', () => {
    const events = run([
      created,
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        delta: 'The ',
      },
      { type: 'response.output_item.done', output_index: 0, item: message('The end') },
      completed([message('The end')]),
    ]);
    expect(shapes(events)).toEqual([
      start,
      ...textEvents('msg_1', ['The ', 'end'], 'The end'),
      { type: 'finish', kind: 'completed' },
    ]);
  });

  it('a gap mid-stream: deltas stay as sent, the end carries the final text, finish warns', () => {
    const events = run([
      created,
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        delta: 'One ',
      },
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        delta: 'three',
      },
      {
        type: 'response.output_text.done',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        text: 'One two three',
      },
      completed([message('One two three')]),
    ]);
    expect(shapes(events).slice(1, -1)).toEqual(
      textEvents('msg_1', ['One ', 'three'], 'One two three'),
    );
    const finish = events.at(-1) as Extract<OutputEvent, { type: 'finish' }>;
    expect(finish.warnings).toEqual([
      'output[0].content[0]: the streamed deltas differ from the final value; the final value (in the response) is authoritative.',
    ]);
  });

  it('rotating item ids: one block per output_index, with the first id', () => {
    const events = run([
      created,
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'a',
        content_index: 0,
        delta: 'x',
      },
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'b',
        content_index: 0,
        delta: 'y',
      },
      completed([message('xy', 'c')]),
    ]);
    // The key stays the first id; serverItemId follows the server's latest.
    const position = { outputIndex: 0, itemId: 'a', contentIndex: 0 };
    expect(shapes(events).slice(1, -1)).toEqual([
      { type: 'text-start', ...position, serverItemId: 'a' },
      { type: 'text-delta', ...position, serverItemId: 'a', delta: 'x' },
      { type: 'text-delta', ...position, serverItemId: 'b', delta: 'y' },
      {
        type: 'text-end',
        ...position,
        serverItemId: 'c',
        text: 'xy',
        annotations: [],
        partial: false,
      },
    ]);
  });

  it('annotations streamed and in the finished item are delivered once', () => {
    const annotation = {
      type: 'url_citation',
      url: 'https://example.com',
      title: 'Ex',
      start_index: 0,
      end_index: 2,
    };
    const finished = {
      ...message('Hi'),
      content: [{ type: 'output_text', text: 'Hi', annotations: [annotation] }],
    };
    const events = run([
      created,
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        delta: 'Hi',
      },
      {
        type: 'response.output_text.annotation.added',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        annotation_index: 0,
        annotation,
      },
      { type: 'response.output_item.done', output_index: 0, item: finished },
      completed([finished]),
    ]);
    expect(events.filter((event) => event.type === 'text-annotation')).toHaveLength(1);
    expect(events.find((event) => event.type === 'text-end')).toMatchObject({
      annotations: [annotation],
    });
  });

  it('a refusal is its own block and finishes as content-filter', () => {
    const refused = {
      type: 'message',
      id: 'msg_1',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'refusal', refusal: 'I cannot help.' }],
    };
    const events = run([
      created,
      {
        type: 'response.refusal.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        delta: 'I cannot',
      },
      {
        type: 'response.refusal.done',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        refusal: 'I cannot help.',
      },
      completed([refused]),
    ]);
    expect(shapes(events).slice(1)).toEqual([
      {
        type: 'refusal-start',
        outputIndex: 0,
        itemId: 'msg_1',
        serverItemId: 'msg_1',
        contentIndex: 0,
      },
      {
        type: 'refusal-delta',
        outputIndex: 0,
        itemId: 'msg_1',
        serverItemId: 'msg_1',
        contentIndex: 0,
        delta: 'I cannot',
      },
      {
        type: 'refusal-delta',
        outputIndex: 0,
        itemId: 'msg_1',
        serverItemId: 'msg_1',
        contentIndex: 0,
        delta: ' help.',
      },
      {
        type: 'refusal-end',
        outputIndex: 0,
        itemId: 'msg_1',
        serverItemId: 'msg_1',
        contentIndex: 0,
        refusal: 'I cannot help.',
        partial: false,
      },
      { type: 'finish', kind: 'content-filter' },
    ]);
  });
});

describe('normalised function calls', () => {
  const call = (args: string) => ({
    type: 'function_call',
    id: 'fc_1',
    call_id: 'call_1',
    name: 'get_weather',
    arguments: args,
    status: 'completed',
  });
  const position = {
    outputIndex: 0,
    itemId: 'fc_1',
    serverItemId: 'fc_1',
    callId: 'call_1',
    name: 'get_weather',
  };

  it('arguments only in function_call_arguments.done (LM Studio): one delta, then the end', () => {
    const events = run([
      created,
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { ...call(''), status: 'in_progress' },
      },
      {
        type: 'response.function_call_arguments.done',
        output_index: 0,
        item_id: 'fc_1',
        arguments: '{"city":"Paris"}',
      },
      { type: 'response.output_item.done', output_index: 0, item: call('{"city":"Paris"}') },
      completed([call('{"city":"Paris"}')]),
    ]);
    expect(shapes(events).slice(1)).toEqual([
      { type: 'tool-call-start', ...position },
      { type: 'tool-call-delta', ...position, delta: '{"city":"Paris"}' },
      { type: 'tool-call-end', ...position, arguments: '{"city":"Paris"}', partial: false },
      { type: 'finish', kind: 'tool-calls' },
    ]);
  });

  it('deltas before output_item.added are held until the call is named', () => {
    const events = run([
      created,
      {
        type: 'response.function_call_arguments.delta',
        output_index: 0,
        item_id: 'fc_1',
        delta: '{"city":',
      },
      {
        type: 'response.function_call_arguments.delta',
        output_index: 0,
        item_id: 'fc_1',
        delta: '"Rome"}',
      },
      { type: 'response.output_item.done', output_index: 0, item: call('{"city":"Rome"}') },
      completed([call('{"city":"Rome"}')]),
    ]);
    expect(shapes(events).slice(1)).toEqual([
      { type: 'tool-call-start', ...position },
      { type: 'tool-call-delta', ...position, delta: '{"city":"Rome"}' },
      { type: 'tool-call-end', ...position, arguments: '{"city":"Rome"}', partial: false },
      { type: 'finish', kind: 'tool-calls' },
    ]);
  });

  it('a call without arguments ends with ""', () => {
    const events = run([completed([call('')])]);
    expect(events.find((event) => event.type === 'tool-call-end')).toMatchObject({ arguments: '' });
  });

  it('a length limit wins over a tool call; content_filter too', () => {
    const length = run([
      completed([call('{}')], {
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
      }),
    ]);
    expect(length.at(-1)).toMatchObject({ finish: { kind: 'length', raw: 'max_output_tokens' } });
    const filtered = run([
      completed([call('{}')], {
        status: 'incomplete',
        incomplete_details: { reason: 'content_filter' },
      }),
    ]);
    expect(filtered.at(-1)).toMatchObject({
      finish: { kind: 'content-filter', raw: 'content_filter' },
    });
    const other = run([
      completed([], { status: 'incomplete', incomplete_details: { reason: 'something_new' } }),
    ]);
    expect(other.at(-1)).toMatchObject({ finish: { kind: 'other', raw: 'something_new' } });
  });
});

describe('normalised reasoning', () => {
  const reasoning = {
    type: 'reasoning',
    id: 'rs_1',
    summary: [
      { type: 'summary_text', text: 'First.' },
      { type: 'summary_text', text: 'Second.' },
    ],
    encrypted_content: 'gAAAA',
  };

  it('summary parts end with their item, carrying its encrypted content, then the replayable item', () => {
    const events = run([
      created,
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { ...reasoning, summary: [], encrypted_content: null },
      },
      {
        type: 'response.reasoning_summary_part.added',
        output_index: 0,
        item_id: 'rs_1',
        summary_index: 0,
        part: { type: 'summary_text', text: '' },
      },
      {
        type: 'response.reasoning_summary_text.delta',
        output_index: 0,
        item_id: 'rs_1',
        summary_index: 0,
        delta: 'First.',
      },
      {
        type: 'response.reasoning_summary_text.done',
        output_index: 0,
        item_id: 'rs_1',
        summary_index: 0,
        text: 'First.',
      },
      {
        type: 'response.reasoning_summary_text.done',
        output_index: 0,
        item_id: 'rs_1',
        summary_index: 1,
        text: 'Second.',
      },
      { type: 'response.output_item.done', output_index: 0, item: reasoning },
      completed([reasoning, message('Answer', 'msg_2')]),
    ]);
    const at = (part: 'summary' | 'text', partIndex: number) => ({
      outputIndex: 0,
      itemId: 'rs_1',
      serverItemId: 'rs_1',
      part,
      partIndex,
    });
    expect(shapes(events).slice(1, 8)).toEqual([
      { type: 'reasoning-start', ...at('summary', 0) },
      { type: 'reasoning-delta', ...at('summary', 0), delta: 'First.' },
      { type: 'reasoning-start', ...at('summary', 1) },
      { type: 'reasoning-delta', ...at('summary', 1), delta: 'Second.' },
      {
        type: 'reasoning-end',
        ...at('summary', 0),
        text: 'First.',
        encryptedContent: 'gAAAA',
        partial: false,
      },
      {
        type: 'reasoning-end',
        ...at('summary', 1),
        text: 'Second.',
        encryptedContent: 'gAAAA',
        partial: false,
      },
      {
        type: 'reasoning-item',
        outputIndex: 0,
        itemId: 'rs_1',
        serverItemId: 'rs_1',
        item: {
          type: 'reasoning',
          id: 'rs_1',
          summary: reasoning.summary,
          encrypted_content: 'gAAAA',
        },
      },
    ]);
  });

  it('raw reasoning text under both namings', () => {
    for (const prefix of ['response.reasoning_text', 'response.reasoning']) {
      const events = run([
        created,
        {
          type: `${prefix}.delta`,
          output_index: 0,
          item_id: 'rs_1',
          content_index: 0,
          delta: 'Hmm',
        },
        {
          type: `${prefix}.done`,
          output_index: 0,
          item_id: 'rs_1',
          content_index: 0,
          text: 'Hmm.',
        },
        completed([
          {
            type: 'reasoning',
            id: 'rs_1',
            summary: [],
            content: [{ type: 'reasoning_text', text: 'Hmm.' }],
          },
        ]),
      ]);
      expect(
        events
          .filter((event) => event.type === 'reasoning-delta')
          .map((event) => (event as { delta: string }).delta),
      ).toEqual(['Hmm', '.']);
      expect(events.find((event) => event.type === 'reasoning-end')).toMatchObject({
        part: 'text',
        text: 'Hmm.',
      });
    }
  });
});

describe('failures and usage', () => {
  it('a failure ends open blocks as partial and classifies the error', () => {
    const truncated = new APIStreamTruncatedError({ message: 'cut', code: 'stream_truncated' });
    const events = failing(
      [
        {
          type: 'response.output_text.delta',
          output_index: 0,
          item_id: 'm',
          content_index: 0,
          delta: 'Half',
        },
        {
          type: 'response.output_item.added',
          output_index: 1,
          item: { type: 'function_call', id: 'fc', call_id: 'c', name: 'f', arguments: '' },
        },
      ],
      truncated,
    );
    expect(events.slice(3)).toEqual([
      {
        type: 'text-end',
        outputIndex: 0,
        itemId: 'm',
        serverItemId: 'm',
        contentIndex: 0,
        text: 'Half',
        annotations: [],
        partial: true,
      },
      {
        type: 'tool-call-end',
        outputIndex: 1,
        itemId: 'fc',
        serverItemId: 'fc',
        callId: 'c',
        name: 'f',
        arguments: '',
        partial: true,
      },
      {
        type: 'failure',
        finish: { kind: 'interrupted', raw: 'stream_truncated' },
        error: truncated,
      },
    ]);
    const failed = new APIResponseFailedError({ message: 'x', code: 'server_error' });
    expect(failing([], failed)).toEqual([
      { type: 'failure', finish: { kind: 'error', raw: 'server_error' }, error: failed },
    ]);
    const invalid = new APIStreamError({ message: 'x', code: 'invalid_event' });
    expect(failing([], invalid).at(-1)).toMatchObject({
      finish: { kind: 'error', raw: 'invalid_event' },
    });
  });

  it('usage counts that are not token counts are dropped with a warning', () => {
    const events = run([
      completed([message('Hi')], {
        usage: {
          input_tokens: '10',
          output_tokens: 5,
          total_tokens: 15,
          input_tokens_details: { cached_tokens: -1 },
          output_tokens_details: { reasoning_tokens: 2.5 },
        },
      }),
    ]);
    const finish = events.at(-1) as Extract<OutputEvent, { type: 'finish' }>;
    expect(finish.usage).toEqual({
      inputTokens: undefined,
      outputTokens: 5,
      totalTokens: 15,
      cachedInputTokens: undefined,
      cacheWriteTokens: undefined,
      reasoningTokens: undefined,
      raw: finish.response.usage,
    });
    expect(finish.warnings).toEqual([
      'usage.input_tokens was dropped: the server sent a string, not a token count.',
      'usage.input_tokens_details.cached_tokens was dropped: the server sent the number -1, not a token count.',
      'usage.output_tokens_details.reasoning_tokens was dropped: the server sent the number 2.5, not a token count.',
    ]);
  });

  it('total tokens are input + output when the server leaves them out', () => {
    const events = run([completed([], { usage: { input_tokens: 3, output_tokens: 4 } })]);
    expect(events.at(-1)).toMatchObject({ usage: { totalTokens: 7 } });
  });
});

describe('readResponse reads a JSON answer as the stream of it would be read', () => {
  it('gives the same parts, finish and usage as the normalised stream', () => {
    const reasoning = {
      type: 'reasoning',
      id: 'rs_1',
      summary: [{ type: 'summary_text', text: 'Plan.' }],
      encrypted_content: 'enc',
    };
    const call = {
      type: 'function_call',
      id: 'fc_1',
      call_id: 'call_1',
      name: 'now',
      arguments: '',
    };
    const output = readResponse(response([reasoning, message('Checking.'), call]));
    expect(output.parts).toEqual([
      {
        type: 'reasoning',
        outputIndex: 0,
        itemId: 'rs_1',
        serverItemId: 'rs_1',
        part: 'summary',
        partIndex: 0,
        text: 'Plan.',
        encryptedContent: 'enc',
      },
      {
        type: 'reasoning-item',
        outputIndex: 0,
        itemId: 'rs_1',
        serverItemId: 'rs_1',
        item: {
          type: 'reasoning',
          id: 'rs_1',
          summary: reasoning.summary,
          encrypted_content: 'enc',
        },
      },
      {
        type: 'text',
        outputIndex: 1,
        itemId: 'msg_1',
        serverItemId: 'msg_1',
        contentIndex: 0,
        text: 'Checking.',
        annotations: [],
      },
      {
        type: 'tool-call',
        outputIndex: 2,
        itemId: 'fc_1',
        serverItemId: 'fc_1',
        callId: 'call_1',
        name: 'now',
        arguments: '',
      },
    ]);
    expect(output.finish).toEqual({ kind: 'tool-calls', raw: 'completed' });
    expect(output.usage).toMatchObject({ inputTokens: 12, outputTokens: 7, totalTokens: 19 });
  });

  it('throws APIResponseFailedError for a failed response', () => {
    const failed = response([], {
      status: 'failed',
      error: { code: 'server_error', message: 'Boom.' },
    });
    let thrown: unknown;
    try {
      readResponse(failed);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(APIResponseFailedError);
    expect(thrown).toMatchObject({
      message: 'The response failed (server_error): Boom.',
      code: 'server_error',
      response: failed,
    });
  });
});

describe('servers that break the event order', () => {
  /** Every block's events, in order, keyed by block: start, deltas, end — nothing after. */
  function blockOrder(events: OutputEvent[]) {
    const order = new Map<string, string[]>();
    for (const event of events) {
      const [kind, step] = event.type.split(/-(?=start$|delta$|end$)/);
      if (step === undefined || !('outputIndex' in event)) continue;
      const part =
        'contentIndex' in event ? event.contentIndex : 'partIndex' in event ? event.partIndex : '';
      const key = `${kind}:${event.outputIndex}:${part}`;
      order.set(key, [...(order.get(key) ?? []), step as string]);
    }
    return order;
  }

  it('a terminal output in another order matches items by id, not position', () => {
    const reasoning = {
      type: 'reasoning',
      id: 'rs_1',
      summary: [{ type: 'summary_text', text: 'R' }],
    };
    const events = run([
      created,
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { ...message(''), content: [] },
      },
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        delta: 'Hi',
      },
      // The terminal response lists a reasoning item first, then the message.
      completed([reasoning, message('Hi')]),
    ]);
    const texts = events.filter((event) => event.type.startsWith('text-'));
    expect(
      texts.map((event) => [event.type, (event as { outputIndex: number }).outputIndex]),
    ).toEqual([
      ['text-start', 0],
      ['text-delta', 0],
      ['text-end', 0],
    ]);
    expect(events.find((event) => event.type === 'text-end')).toMatchObject({ text: 'Hi' });
    // The reasoning item the stream never announced gets an output index of its own.
    expect(events.find((event) => event.type === 'reasoning-end')).toMatchObject({
      outputIndex: 1,
      itemId: 'rs_1',
      text: 'R',
    });
    for (const steps of blockOrder(events).values()) expect(steps.at(-1)).toBe('end');
  });

  it('a terminal output without ids matches by position when the type agrees', () => {
    const events = run([
      created,
      { type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: 'Hi' },
      completed([{ ...message('Hi there'), id: undefined }]),
    ]);
    expect(shapes(events).slice(1, -1)).toEqual(textEvents('item-0', ['Hi', ' there'], 'Hi there'));
  });

  it('events after an item ended are ignored, with one warning', () => {
    const events = run([
      created,
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        delta: 'Hi',
      },
      { type: 'response.output_item.done', output_index: 0, item: message('Hi') },
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        delta: ' late',
      },
      {
        type: 'response.refusal.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 1,
        delta: 'No',
      },
      completed([message('Hi')]),
    ]);
    expect(shapes(events).slice(1, -1)).toEqual(textEvents('msg_1', ['Hi'], 'Hi'));
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.warnings).toEqual([
      'output[0]: events arrived after the item ended (output_item.done); they were ignored.',
    ]);
  });

  it('response.incomplete without a reason finishes as other, not completed', () => {
    const events = run([
      created,
      {
        type: 'response.incomplete',
        response: response([message('Hal')], { status: 'incomplete', incomplete_details: null }),
      },
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finish: { kind: 'other', raw: 'incomplete' },
    });
  });

  it('a refusal without content_index opens its own block after the text', () => {
    const events = run([
      created,
      { type: 'response.output_text.delta', output_index: 0, item_id: 'msg_1', delta: 'I ' },
      { type: 'response.refusal.delta', output_index: 0, item_id: 'msg_1', delta: 'cannot' },
      { type: 'response.output_text.delta', output_index: 0, item_id: 'msg_1', delta: 'see' },
    ]);
    expect(
      events
        .slice(1)
        .map((event) => [event.type, (event as { contentIndex: number }).contentIndex]),
    ).toEqual([
      ['text-start', 0],
      ['text-delta', 0],
      ['refusal-start', 1],
      ['refusal-delta', 1],
      ['text-delta', 0],
    ]);
  });

  it('arguments that contradict the deltas warn once, however many final values say so', () => {
    const call = {
      type: 'function_call',
      id: 'fc_1',
      call_id: 'call_1',
      name: 'now',
      arguments: '',
    };
    const events = run([
      created,
      { type: 'response.output_item.added', output_index: 0, item: call },
      {
        type: 'response.function_call_arguments.delta',
        output_index: 0,
        item_id: 'fc_1',
        delta: '{"a"',
      },
      {
        type: 'response.function_call_arguments.done',
        output_index: 0,
        item_id: 'fc_1',
        arguments: '{"b":1}',
      },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { ...call, arguments: '{"b":1}' },
      },
      completed([{ ...call, arguments: '{"b":1}' }]),
    ]);
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.warnings).toEqual([
      'output[0].arguments: the streamed deltas differ from the final value; the final value (in the response) is authoritative.',
    ]);
    expect(events.find((event) => event.type === 'tool-call-end')).toMatchObject({
      arguments: '{"b":1}',
    });
  });

  it('a reasoning item the server gave no id is not offered for replay', () => {
    const events = run([
      created,
      completed([{ type: 'reasoning', summary: [{ type: 'summary_text', text: 'R' }] }]),
    ]);
    expect(events.find((event) => event.type === 'reasoning-end')).toMatchObject({
      itemId: 'item-0',
      serverItemId: undefined,
    });
    expect(events.some((event) => event.type === 'reasoning-item')).toBe(false);
  });

  it('a source that ends without a terminal event fails as truncated', async () => {
    async function* source() {
      yield created as ResponseStreamEvent;
      yield {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        delta: 'Hi',
      } as ResponseStreamEvent;
    }
    const events: OutputEvent[] = [];
    for await (const event of normalizeEvents(source())) events.push(event);
    expect(events.at(-2)).toMatchObject({ type: 'text-end', text: 'Hi', partial: true });
    const failure = events.at(-1);
    expect(failure).toMatchObject({
      type: 'failure',
      finish: { kind: 'interrupted', raw: 'stream_truncated' },
    });
    expect(failure?.type === 'failure' && failure.error).toBeInstanceOf(APIStreamTruncatedError);
  });
});

describe('normalizeEventBatches', () => {
  const raw = [
    created,
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { type: 'message', id: 'msg_1', role: 'assistant', status: 'in_progress', content: [] },
    },
    { type: 'response.keep_alive' },
    {
      type: 'response.output_text.delta',
      output_index: 0,
      item_id: 'msg_1',
      content_index: 0,
      delta: 'Hel',
    },
    {
      type: 'response.output_text.delta',
      output_index: 0,
      item_id: 'msg_1',
      content_index: 0,
      delta: 'lo',
    },
    completed([message('Hello')]),
  ];
  async function* source(events: unknown[]) {
    for (const event of events) yield event as ResponseStreamEvent;
  }

  it('gives the events of normalizeEvents, one non-empty batch per raw event that has any', async () => {
    const batches: OutputEvent[][] = [];
    for await (const batch of normalizeEventBatches(source(raw))) batches.push(batch);
    const flat: OutputEvent[] = [];
    for await (const event of normalizeEvents(source(raw))) flat.push(event);
    expect(batches.flat()).toEqual(flat);
    expect(batches.every((batch) => batch.length > 0)).toBe(true);
    // created → response-start; added → nothing yet; keep-alive → nothing; each delta →
    // (text-start +) text-delta; completed → text-end and finish.
    expect(batches.map((batch) => batch.map((event) => event.type))).toEqual([
      ['response-start'],
      ['text-start', 'text-delta'],
      ['text-delta'],
      ['text-end', 'finish'],
    ]);
  });

  it('a truncated source ends with a batch holding the failure', async () => {
    const batches: OutputEvent[][] = [];
    for await (const batch of normalizeEventBatches(source(raw.slice(0, 4)))) batches.push(batch);
    expect(batches.at(-1)?.map((event) => event.type)).toEqual(['text-end', 'failure']);
  });
});

describe('readResponse checks what it reads', () => {
  it('a response it cannot read is invalid_response, not a TypeError', () => {
    const broken = { id: 'r', status: 'completed', output: [{ type: 'message', content: 'Hi' }] };
    let thrown: unknown;
    try {
      readResponse(broken as unknown as Response);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(APIStreamError);
    expect(thrown).toMatchObject({
      code: 'invalid_response',
      message:
        'This response cannot be read: response.output[0].content must be an array, got a string.',
    });
  });
});
