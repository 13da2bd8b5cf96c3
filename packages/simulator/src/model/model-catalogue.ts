/**
 * What the simulated service knows about one model. The simulator keeps its own table
 * rather than importing a client's: when client and server share one judgement, a wrong
 * classification can never fail a test.
 */
export interface SimulatedModel {
  id: string;
  /**
   * Reasoning models reject `temperature` and `top_p`, accept `reasoning.effort` and
   * produce a reasoning item before their answer.
   */
  reasoning: boolean;
}

/** The models the simulator serves, keyed by id. */
export type ModelCatalogue = ReadonlyMap<string, SimulatedModel>;

// The models APIFree documents for `POST /v1/responses` (apifree-api.md): the gpt-5
// family reasons, gpt-4.1 and gpt-4o do not.
const DOCUMENTED: readonly SimulatedModel[] = [
  { id: 'gpt-5.4', reasoning: true },
  { id: 'gpt-5.4-mini', reasoning: true },
  { id: 'gpt-5.4-nano', reasoning: true },
  { id: 'gpt-5.2', reasoning: true },
  { id: 'gpt-5', reasoning: true },
  { id: 'gpt-5-mini', reasoning: true },
  { id: 'gpt-5-nano', reasoning: true },
  { id: 'gpt-4.1', reasoning: false },
  { id: 'gpt-4.1-mini', reasoning: false },
  { id: 'gpt-4o', reasoning: false },
  { id: 'gpt-4o-mini', reasoning: false },
];

// An added model given by id alone reasons when its name says so, as OpenAI's families do.
function judgedByName(id: string): SimulatedModel {
  return { id, reasoning: /^(gpt-5|o\d)/.test(id) && !id.startsWith('gpt-5-chat') };
}

/**
 * The simulator's model table: the documented models plus `extra` ones, each given by id
 * (reasoning judged by its family name) or with its capabilities spelled out.
 *
 * @example
 * const catalogue = modelCatalogue(['my-model', { id: 'my-reasoner', reasoning: true }]);
 * catalogue.get('gpt-5-mini')?.reasoning; // true
 * catalogue.get('my-model')?.reasoning;   // false
 */
export function modelCatalogue(extra: ReadonlyArray<string | SimulatedModel> = []): ModelCatalogue {
  const catalogue = new Map<string, SimulatedModel>();
  for (const model of DOCUMENTED) catalogue.set(model.id, model);
  for (const model of extra) {
    const entry = typeof model === 'string' ? judgedByName(model) : { ...model };
    catalogue.set(entry.id, entry);
  }
  return catalogue;
}
