import type { OutputItem, Response, ResponseCreateParams, ResponseUsage } from '@apifree/core/wire';
import { finishedItem, type ResponseIdentity, responseObject } from './build-response';
import type { PlannedItem, ResponsePlan } from './plan-response';

/** One SSE frame, its event, and the number of generated tokens it stands for (for pacing). */
export interface PlannedFrame {
  type: string;
  event: Record<string, unknown>;
  frame: string;
  tokens: number;
}

function frame(type: string, event: Record<string, unknown>, tokens = 0): PlannedFrame {
  return { type, event, frame: `event: ${type}\ndata: ${JSON.stringify(event)}\n\n`, tokens };
}

function* itemFrames(
  item: PlannedItem,
  outputIndex: number,
  next: () => number,
): Generator<PlannedFrame> {
  const base = { item_id: item.id, output_index: outputIndex };
  if (item.type === 'message') {
    yield frame('response.output_item.added', {
      type: 'response.output_item.added',
      sequence_number: next(),
      output_index: outputIndex,
      item: { id: item.id, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
    });
    const part = { type: 'output_text', annotations: [], logprobs: [], text: '' };
    const content = { ...base, content_index: 0 };
    yield frame('response.content_part.added', {
      type: 'response.content_part.added',
      sequence_number: next(),
      ...content,
      part,
    });
    for (const delta of item.deltas) {
      yield frame(
        'response.output_text.delta',
        {
          type: 'response.output_text.delta',
          sequence_number: next(),
          ...content,
          delta,
          logprobs: [],
        },
        1,
      );
    }
    const text = item.deltas.join('');
    yield frame('response.output_text.done', {
      type: 'response.output_text.done',
      sequence_number: next(),
      ...content,
      text,
      logprobs: [],
    });
    yield frame('response.content_part.done', {
      type: 'response.content_part.done',
      sequence_number: next(),
      ...content,
      part: { ...part, text },
    });
  } else if (item.type === 'function_call') {
    yield frame('response.output_item.added', {
      type: 'response.output_item.added',
      sequence_number: next(),
      output_index: outputIndex,
      item: {
        id: item.id,
        type: 'function_call',
        status: 'in_progress',
        arguments: '',
        call_id: item.callId,
        name: item.name,
      },
    });
    for (const delta of item.deltas) {
      yield frame(
        'response.function_call_arguments.delta',
        { type: 'response.function_call_arguments.delta', sequence_number: next(), ...base, delta },
        1,
      );
    }
    yield frame('response.function_call_arguments.done', {
      type: 'response.function_call_arguments.done',
      sequence_number: next(),
      ...base,
      arguments: item.deltas.join(''),
    });
  } else {
    const added: Record<string, unknown> = { id: item.id, type: 'reasoning', summary: [] };
    if (item.encryptedContent !== null) added.encrypted_content = item.encryptedContent;
    // The hidden reasoning takes time before anything visible streams.
    yield frame(
      'response.output_item.added',
      {
        type: 'response.output_item.added',
        sequence_number: next(),
        output_index: outputIndex,
        item: added,
      },
      item.tokens,
    );
    for (const [summaryIndex, text] of item.summary.entries()) {
      const summary = { ...base, summary_index: summaryIndex };
      yield frame('response.reasoning_summary_part.added', {
        type: 'response.reasoning_summary_part.added',
        sequence_number: next(),
        ...summary,
        part: { type: 'summary_text', text: '' },
      });
      for (const delta of text.match(/\S+\s*/g) ?? []) {
        yield frame('response.reasoning_summary_text.delta', {
          type: 'response.reasoning_summary_text.delta',
          sequence_number: next(),
          ...summary,
          delta,
        });
      }
      yield frame('response.reasoning_summary_text.done', {
        type: 'response.reasoning_summary_text.done',
        sequence_number: next(),
        ...summary,
        text,
      });
      yield frame('response.reasoning_summary_part.done', {
        type: 'response.reasoning_summary_part.done',
        sequence_number: next(),
        ...summary,
        part: { type: 'summary_text', text },
      });
    }
  }
  yield frame('response.output_item.done', {
    type: 'response.output_item.done',
    sequence_number: next(),
    output_index: outputIndex,
    item: finishedItem(item),
  });
}

/** The inputs of one streamed response. */
export interface StreamInput {
  body: ResponseCreateParams;
  identity: ResponseIdentity;
  plan: ResponsePlan;
  usage: ResponseUsage;
}

/**
 * The SSE frames of a response, in the order and shape OpenAI sends them:
 * `response.created`, `response.in_progress`, each item's events, then
 * `response.completed` or `response.incomplete`. `sequence_number` counts from 0.
 * Frames are produced lazily so a long answer is serialised one event at a time.
 *
 * @example
 * for (const { frame } of streamFrames(input)) socket.write(frame);
 */
export function* streamFrames(input: StreamInput): Generator<PlannedFrame> {
  let sequence = 0;
  const next = () => sequence++;
  const { body, identity, plan } = input;
  const pending = responseObject(body, identity, {
    status: 'in_progress',
    output: [],
    usage: null,
  });
  yield frame('response.created', {
    type: 'response.created',
    sequence_number: next(),
    response: pending,
  });
  yield frame('response.in_progress', {
    type: 'response.in_progress',
    sequence_number: next(),
    response: pending,
  });
  const output: OutputItem[] = [];
  for (const [index, item] of plan.items.entries()) {
    yield* itemFrames(item, index, next);
    output.push(finishedItem(item));
  }
  const type = plan.incomplete ? 'response.incomplete' : 'response.completed';
  const final: Response = responseObject(body, identity, {
    status: plan.incomplete ? 'incomplete' : 'completed',
    output,
    usage: input.usage,
    incomplete: plan.incomplete,
  });
  yield frame(type, { type, sequence_number: next(), response: final });
}

/**
 * The `error` event and `response.failed` of a mid-stream failure, numbered from
 * `sequence`; the failed response carries the `output` produced so far.
 */
export function failureFrames(
  input: StreamInput,
  sequence: number,
  error: { code: string; message: string; type: string },
  output: OutputItem[],
): PlannedFrame[] {
  const failed = responseObject(input.body, input.identity, {
    status: 'failed',
    output,
    usage: null,
    error: { code: error.code, message: error.message },
  });
  return [
    frame('error', {
      type: 'error',
      sequence_number: sequence,
      error: { type: error.type, code: error.code, message: error.message, param: null },
    }),
    frame('response.failed', {
      type: 'response.failed',
      sequence_number: sequence + 1,
      response: failed,
    }),
  ];
}
