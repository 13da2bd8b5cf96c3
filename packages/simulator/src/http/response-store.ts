import type { InputItem } from '@apifree/core/wire';

/**
 * Responses kept for `previous_response_id`: for each stored response, the conversation
 * it ends (its input, then its output as input items). The oldest are forgotten past
 * `limit`, so a long-running simulator stays bounded.
 *
 * @example
 * const store = new ResponseStore(1000);
 * store.save('resp_1', [{ type: 'message', role: 'user', content: 'Hi' }]);
 * store.conversation('resp_1')?.length; // 1
 */
export class ResponseStore {
  readonly #limit: number;
  readonly #conversations = new Map<string, readonly InputItem[]>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The conversation a stored response ends, or `undefined` for an unknown id. */
  conversation(id: string): readonly InputItem[] | undefined {
    return this.#conversations.get(id);
  }

  /** Stores the conversation response `id` ends. */
  save(id: string, conversation: readonly InputItem[]): void {
    this.#conversations.set(id, conversation);
    if (this.#conversations.size > this.#limit)
      this.#conversations.delete(this.#conversations.keys().next().value as string);
  }
}
