import { APIStreamError } from '../errors';
import { responseFailedError } from '../response-stream';
import { createRedactor } from '../secret/redactor';
import { responseProblem } from '../wire/check-shape';
import type { ReasoningInputItem } from '../wire/request';
import type { Annotation, Response, UnknownOutputItem } from '../wire/response';
import { createEventNormalizer } from './create-event-normalizer';
import type { Finish } from './finish';
import type { OutputEvent } from './output-event';
import type { Usage } from './usage';

/** One block of a finished answer, in output order. */
export type OutputPart =
  | {
      type: 'text';
      outputIndex: number;
      itemId: string;
      serverItemId: string | undefined;
      contentIndex: number;
      text: string;
      annotations: Annotation[];
    }
  | {
      type: 'refusal';
      outputIndex: number;
      itemId: string;
      serverItemId: string | undefined;
      contentIndex: number;
      refusal: string;
    }
  | {
      type: 'reasoning';
      outputIndex: number;
      itemId: string;
      serverItemId: string | undefined;
      part: 'summary' | 'text';
      partIndex: number;
      text: string;
      encryptedContent: string | undefined;
    }
  /** A reasoning item in the form that replays it in a later turn (after its parts). */
  | {
      type: 'reasoning-item';
      outputIndex: number;
      itemId: string;
      serverItemId: string | undefined;
      item: ReasoningInputItem;
    }
  | {
      type: 'tool-call';
      outputIndex: number;
      itemId: string;
      serverItemId: string | undefined;
      callId: string;
      name: string;
      /** The arguments JSON string; `""` for a call without arguments. */
      arguments: string;
    }
  /** An item of a type this package does not model (built-in tools, …), as received. */
  | {
      type: 'item';
      outputIndex: number;
      itemId: string;
      serverItemId: string | undefined;
      item: UnknownOutputItem;
    };

/** A finished answer, read: its blocks, why it ended, its usage. */
export interface ResponseOutput {
  parts: OutputPart[];
  finish: Finish;
  usage: Usage | undefined;
  warnings: string[];
  response: Response;
}

/**
 * Reads a finished response (a non-streaming answer) the way a stream of it is read:
 * the same interpreter runs on it, so both give the same blocks, finish and usage. A
 * response whose status is `failed` throws its `APIResponseFailedError`, as the
 * client does when it receives one; one this package cannot read throws an
 * `APIStreamError` with code `invalid_response`.
 *
 * @example
 * const response = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Hi' });
 * const { parts, finish, usage } = readResponse(response);
 */
export function readResponse(response: Response): ResponseOutput {
  const problem = responseProblem(response, true);
  if (problem !== undefined) {
    throw new APIStreamError({
      message: `This response cannot be read: ${createRedactor(undefined).text(problem)}.`,
      code: 'invalid_response',
    });
  }
  if (response.status === 'failed') {
    throw responseFailedError(response, {
      requestId: undefined,
      redactor: createRedactor(undefined),
    });
  }
  const parts: OutputPart[] = [];
  let result: Omit<ResponseOutput, 'parts'> | undefined;
  const type = response.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
  const events: OutputEvent[] = [];
  createEventNormalizer((event) => events.push(event)).push({ type, response });
  for (const event of events) {
    switch (event.type) {
      case 'text-end':
        parts.push({
          type: 'text',
          outputIndex: event.outputIndex,
          itemId: event.itemId,
          serverItemId: event.serverItemId,
          contentIndex: event.contentIndex,
          text: event.text,
          annotations: event.annotations,
        });
        break;
      case 'refusal-end':
        parts.push({
          type: 'refusal',
          outputIndex: event.outputIndex,
          itemId: event.itemId,
          serverItemId: event.serverItemId,
          contentIndex: event.contentIndex,
          refusal: event.refusal,
        });
        break;
      case 'reasoning-end':
        parts.push({
          type: 'reasoning',
          outputIndex: event.outputIndex,
          itemId: event.itemId,
          serverItemId: event.serverItemId,
          part: event.part,
          partIndex: event.partIndex,
          text: event.text,
          encryptedContent: event.encryptedContent,
        });
        break;
      case 'reasoning-item':
        parts.push({
          type: 'reasoning-item',
          outputIndex: event.outputIndex,
          itemId: event.itemId,
          serverItemId: event.serverItemId,
          item: event.item,
        });
        break;
      case 'tool-call-end':
        parts.push({
          type: 'tool-call',
          outputIndex: event.outputIndex,
          itemId: event.itemId,
          serverItemId: event.serverItemId,
          callId: event.callId,
          name: event.name,
          arguments: event.arguments,
        });
        break;
      case 'item-done':
        parts.push({
          type: 'item',
          outputIndex: event.outputIndex,
          itemId: event.itemId,
          serverItemId: event.serverItemId,
          item: event.item,
        });
        break;
      case 'finish':
        result = {
          finish: event.finish,
          usage: event.usage,
          warnings: event.warnings,
          response: event.response,
        };
        break;
    }
  }
  // A terminal event always ends in `finish`.
  return { parts, ...result! };
}
