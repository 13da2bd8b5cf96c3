import type { FloodMode } from './flood-server';

/**
 * How the child calls the package: which adapter, which entry point. `core keep` streams
 * like `core stream` but keeps every event it reads, as a careless caller might: the
 * control that shows the measurement sees buffering.
 */
export type HostileCall =
  | 'core stream'
  | 'core keep'
  | 'core create'
  | 'core-fetch stream'
  | 'core-fetch create'
  | 'ai-sdk doStream'
  | 'ai-sdk streamText'
  | 'ai-sdk generateText'
  | 'langchain stream'
  | 'langchain invoke';

/** The settings under test, given to each adapter the way it takes them. */
export interface HostileSettings {
  /** Retries of the adapter's own mechanism (core's, the AI SDK's, LangChain's). */
  maxRetries: number;
  /** `timeout` of core, the provider and ChatAPIFree. */
  timeout?: number;
  /** `streamIdleTimeout` of core, the provider and ChatAPIFree. */
  streamIdleTimeout?: number;
  /**
   * A total deadline of the caller's: core's `signal: AbortSignal.timeout(ms)`, the AI
   * SDK's `timeout` option, LangChain's `timeout` call option.
   */
  deadline?: number;
}

/** One row of the hostile-server table: a call against a flood mode, and what must happen. */
export interface HostileCase {
  call: HostileCall;
  mode: FloodMode;
  settings: HostileSettings;
  /** The outcome, as `errorLabel` names it, or `complete:<text>`. */
  expected: string;
  /** Requests the server must see (retries would show here). */
  requests: number;
  /** The largest peak RSS growth allowed, MiB, and why. */
  bound: { mebibytes: number; because: string };
  /** A control: its growth must exceed the bound (the measurement sees what is kept). */
  control?: boolean;
}

/** What the child measured and observed. */
export interface ChildReport {
  /** `errorLabel` of the error the call ended with, or `complete:<text>`. */
  outcome: string;
  /** The error's message (first 300 characters), or ''. */
  message: string;
  baselineMebibytes: number;
  peakMebibytes: number;
  /** How the peak was taken: the kernel's high-water mark reset at the baseline, else samples. */
  peakMethod: 'VmHWM' | 'sampled';
}
