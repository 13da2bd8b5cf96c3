import type {
  Annotation,
  FunctionCallOutput,
  Logprob,
  OutputItem,
  OutputMessageContent,
  ReasoningSummaryText,
  Response,
} from './response';

/**
 * Fields every event carries. `sequence_number` starts at 0 on current servers and is
 * missing on older ones.
 */
interface EventBase {
  sequence_number?: number;
}

interface ResponseLifecycleEvent<T extends string> extends EventBase {
  type: T;
  response: Response;
}

export type ResponseCreatedEvent = ResponseLifecycleEvent<'response.created'>;
export type ResponseQueuedEvent = ResponseLifecycleEvent<'response.queued'>;
export type ResponseInProgressEvent = ResponseLifecycleEvent<'response.in_progress'>;
export type ResponseCompletedEvent = ResponseLifecycleEvent<'response.completed'>;
export type ResponseIncompleteEvent = ResponseLifecycleEvent<'response.incomplete'>;
export type ResponseFailedEvent = ResponseLifecycleEvent<'response.failed'>;

export interface OutputItemAddedEvent extends EventBase {
  type: 'response.output_item.added';
  output_index: number;
  /** Narrows by `item.type`; items of unmodelled types arrive unchanged at runtime. */
  item: OutputItem;
}

export interface OutputItemDoneEvent extends EventBase {
  type: 'response.output_item.done';
  output_index: number;
  /** Narrows by `item.type`; items of unmodelled types arrive unchanged at runtime. */
  item: OutputItem;
}

interface ContentEventBase extends EventBase {
  item_id: string;
  output_index: number;
  content_index: number;
}

export interface ContentPartAddedEvent extends ContentEventBase {
  type: 'response.content_part.added';
  part: OutputMessageContent | ReasoningTextPart;
}

export interface ContentPartDoneEvent extends ContentEventBase {
  type: 'response.content_part.done';
  part: OutputMessageContent | ReasoningTextPart;
}

interface ReasoningTextPart {
  type: 'reasoning_text';
  text: string;
}

export interface OutputTextDeltaEvent extends ContentEventBase {
  type: 'response.output_text.delta';
  delta: string;
  logprobs?: Logprob[];
  obfuscation?: string;
}

export interface OutputTextDoneEvent extends ContentEventBase {
  type: 'response.output_text.done';
  text: string;
  logprobs?: Logprob[];
}

export interface OutputTextAnnotationAddedEvent extends ContentEventBase {
  type: 'response.output_text.annotation.added';
  annotation_index: number;
  annotation: Annotation;
}

export interface RefusalDeltaEvent extends ContentEventBase {
  type: 'response.refusal.delta';
  delta: string;
}

export interface RefusalDoneEvent extends ContentEventBase {
  type: 'response.refusal.done';
  refusal: string;
}

export interface FunctionCallArgumentsDeltaEvent extends EventBase {
  type: 'response.function_call_arguments.delta';
  item_id: string;
  output_index: number;
  delta: string;
  obfuscation?: string;
}

export interface FunctionCallArgumentsDoneEvent extends EventBase {
  type: 'response.function_call_arguments.done';
  item_id: string;
  output_index: number;
  /** Authoritative: the complete arguments JSON string. */
  arguments: string;
  /** Sent by some servers; the item's `name` is the authority. */
  name?: string;
}

interface SummaryEventBase extends EventBase {
  item_id: string;
  output_index: number;
  summary_index: number;
}

export interface ReasoningSummaryPartAddedEvent extends SummaryEventBase {
  type: 'response.reasoning_summary_part.added';
  part: ReasoningSummaryText;
}

export interface ReasoningSummaryPartDoneEvent extends SummaryEventBase {
  type: 'response.reasoning_summary_part.done';
  part: ReasoningSummaryText;
}

export interface ReasoningSummaryTextDeltaEvent extends SummaryEventBase {
  type: 'response.reasoning_summary_text.delta';
  delta: string;
  obfuscation?: string;
}

export interface ReasoningSummaryTextDoneEvent extends SummaryEventBase {
  type: 'response.reasoning_summary_text.done';
  text: string;
}

/** Raw reasoning text (OpenAI naming `reasoning_text`, Open Responses naming `reasoning`). */
export interface ReasoningTextDeltaEvent extends ContentEventBase {
  type: 'response.reasoning_text.delta' | 'response.reasoning.delta';
  delta: string;
  obfuscation?: string;
}

export interface ReasoningTextDoneEvent extends ContentEventBase {
  type: 'response.reasoning_text.done' | 'response.reasoning.done';
  text: string;
}

/**
 * An error reported inside the stream. OpenAI nests the details under `error`; its
 * OpenAPI description puts them at the top level. Both shapes arrive.
 */
export interface ErrorEvent extends EventBase {
  type: 'error';
  error?: { type?: string | null; code?: string | null; message?: string; param?: string | null };
  code?: string | null;
  message?: string;
  param?: string | null;
}

/** Events of built-in tools (`web_search_call.*`, `file_search_call.*`, `mcp_*`, …). */
export interface BuiltInToolEvent extends EventBase {
  type:
    | `response.web_search_call.${string}`
    | `response.file_search_call.${string}`
    | `response.code_interpreter_call${string}`
    | `response.image_generation_call.${string}`
    | `response.mcp_${string}`
    | `response.custom_tool_call_input.${string}`;
  item_id?: string;
  output_index?: number;
  [key: string]: unknown;
}

/** Every event the Responses stream grammar defines. */
export type ResponseStreamEvent =
  | ResponseCreatedEvent
  | ResponseQueuedEvent
  | ResponseInProgressEvent
  | ResponseCompletedEvent
  | ResponseIncompleteEvent
  | ResponseFailedEvent
  | OutputItemAddedEvent
  | OutputItemDoneEvent
  | ContentPartAddedEvent
  | ContentPartDoneEvent
  | OutputTextDeltaEvent
  | OutputTextDoneEvent
  | OutputTextAnnotationAddedEvent
  | RefusalDeltaEvent
  | RefusalDoneEvent
  | FunctionCallArgumentsDeltaEvent
  | FunctionCallArgumentsDoneEvent
  | ReasoningSummaryPartAddedEvent
  | ReasoningSummaryPartDoneEvent
  | ReasoningSummaryTextDeltaEvent
  | ReasoningSummaryTextDoneEvent
  | ReasoningTextDeltaEvent
  | ReasoningTextDoneEvent
  | ErrorEvent
  | BuiltInToolEvent;

/**
 * An event whose type this package does not know. The stream delivers these unchanged
 * (typed as {@link ResponseStreamEvent} so `switch (event.type)` narrows the known
 * ones); use {@link isKnownStreamEventType} to tell them apart.
 */
export interface UnknownResponseStreamEvent extends EventBase {
  type: string;
  [key: string]: unknown;
}

/** The events that end a stream. */
export type TerminalStreamEvent =
  | ResponseCompletedEvent
  | ResponseIncompleteEvent
  | ResponseFailedEvent;

const TERMINAL_TYPES = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** True for `response.completed`, `response.incomplete` and `response.failed`. */
export function isTerminalEvent(event: { type: string }): event is TerminalStreamEvent {
  return TERMINAL_TYPES.has(event.type);
}

const KNOWN_TYPES = new Set<string>([
  'response.created',
  'response.queued',
  'response.in_progress',
  'response.completed',
  'response.incomplete',
  'response.failed',
  'response.output_item.added',
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.delta',
  'response.output_text.done',
  'response.output_text.annotation.added',
  'response.refusal.delta',
  'response.refusal.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.reasoning_summary_part.added',
  'response.reasoning_summary_part.done',
  'response.reasoning_summary_text.delta',
  'response.reasoning_summary_text.done',
  'response.reasoning_text.delta',
  'response.reasoning_text.done',
  'response.reasoning.delta',
  'response.reasoning.done',
  'error',
]);

const BUILT_IN_PREFIXES = [
  'response.web_search_call.',
  'response.file_search_call.',
  'response.code_interpreter_call',
  'response.image_generation_call.',
  'response.mcp_',
  'response.custom_tool_call_input.',
];

/** True when `type` is an event type of the Responses grammar this package models. */
export function isKnownStreamEventType(type: string): boolean {
  return KNOWN_TYPES.has(type) || BUILT_IN_PREFIXES.some((prefix) => type.startsWith(prefix));
}

/** A function call item, narrowed. */
export function isFunctionCallItem(item: { type: string }): item is FunctionCallOutput {
  return item.type === 'function_call';
}
