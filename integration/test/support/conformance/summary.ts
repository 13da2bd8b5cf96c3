/**
 * What an answer amounts to, in terms every adapter can be read back into: the three
 * (core, the AI SDK provider, ChatAPIFree) must produce the same summary of one server
 * answer. Refusals count as text: the AI SDK shows them as text, LangChain as refusal
 * blocks, and either way it is what the model said.
 */
export interface Summary {
  text: string;
  reasoning: string;
  toolCalls: Array<{ id: string; name: string; args: unknown }>;
  /** `completed`, `tool-calls`, `length`, `content-filter`, `other`, `error`, `interrupted`. */
  finish: string | undefined;
  /** Input, output and total tokens, or `undefined` when the server did not send them all as counts. */
  usage: { input: number; output: number; total: number } | undefined;
  /** The class of the `@apifree/core` error the answer ended in. */
  error: string | undefined;
}

/** Finish names of the AI SDK and LangChain, back in core's terms. */
export const FINISH_FROM_AI_SDK: Record<string, string> = {
  stop: 'completed',
  'tool-calls': 'tool-calls',
  length: 'length',
  'content-filter': 'content-filter',
  other: 'other',
  error: 'error',
  interrupted: 'interrupted',
};

export const FINISH_FROM_LANGCHAIN: Record<string, string> = {
  stop: 'completed',
  tool_calls: 'tool-calls',
  length: 'length',
  content_filter: 'content-filter',
};

/** A thrown error's finish, as a stream that ends in it would report it. */
export function finishOfError(errorClass: string | undefined): string | undefined {
  if (errorClass === undefined) return undefined;
  return errorClass === 'APIStreamTruncatedError' ? 'interrupted' : 'error';
}

/** Arguments JSON as a value (`{}` for none), so `'{"a":1}'` and `{ a: 1 }` compare equal. */
export function parseArguments(args: unknown): unknown {
  if (typeof args !== 'string') return args;
  return args.trim() === '' ? {} : JSON.parse(args);
}
