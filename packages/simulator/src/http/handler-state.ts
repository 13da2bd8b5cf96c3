import type { SimulatorClock } from '../clock';
import type { FaultPlanner } from '../faults';
import type { ModelCatalogue } from '../model/model-catalogue';
import type { RecordingLibrary } from '../recording/recording-library';
import type { ResponseStore } from './response-store';
import type { Pace } from './write-frames';

/** A request the simulator received, for assertions. The API key is masked. */
export interface RecordedRequest {
  method: string;
  /** The path with its query string, e.g. `/v1/responses`. */
  path: string;
  /** Lower-cased header names; `authorization` has its key masked. */
  headers: Record<string, string>;
  /** The parsed JSON body, or `undefined` when it was not JSON. */
  body: unknown;
  /** The body as received. */
  rawBody: string;
}

/**
 * How requests meet recordings: `replay` answers from them only, `missing` replays what
 * the folder held at start and records the rest, `all` records every exchange.
 */
export interface RecordingSetup {
  library: RecordingLibrary;
  mode: 'replay' | 'missing' | 'all';
  /** The upstream base URL recorded from. */
  upstream: string;
  /** Values removed from recordings besides the caller's credentials. */
  secrets: readonly string[];
  /** What a request with no recording gets in `replay` mode. */
  unmatched: 'error' | 'model';
  /** Replays wait as long as the recorded exchange did. */
  paced: boolean;
}

/** The server's state that every request reads. */
export interface HandlerState {
  apiKeys: ReadonlySet<string> | undefined;
  models: ModelCatalogue;
  pace: Pace | false;
  clock: SimulatorClock;
  faults: FaultPlanner;
  replayDir: string | undefined;
  replayPace: boolean;
  replayQueue: string[];
  recordings: RecordingSetup | undefined;
  requests: RecordedRequest[];
  /** Input tokens last seen per `prompt_cache_key`, to report cached prefixes. */
  promptCache: Map<string, string[]>;
  /** Stored responses, for `previous_response_id`. */
  responses: ResponseStore;
}
