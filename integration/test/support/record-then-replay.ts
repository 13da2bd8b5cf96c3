import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '@apifree/simulator';
import type { Connection } from './connection';

/** The key the recording run sends; the upstream accepts no other. */
export const RECORDING_KEY = 'sk-live-integration-4f7c2a9e1b83d6';
/** The key of the replay run, as in CI: any key will do. */
export const REPLAY_KEY = 'sk-ci-placeholder-000000000000';

/** What one adapter did against the recorder and against the replayer. */
export interface RecordAndReplay<T> {
  live: T;
  replayed: T;
  /** The text of every recording written. */
  recordings: string[];
  /** How many requests reached the upstream while recording. */
  upstreamRequests: number;
}

/**
 * Runs `run` through a recording simulator in front of a second simulator (the
 * upstream, on loopback), stops both, then runs it again against a simulator that
 * replays the recordings.
 */
export async function recordThenReplay<T>(
  run: (connection: Connection) => Promise<T>,
): Promise<RecordAndReplay<T>> {
  const dir = mkdtempSync(join(tmpdir(), 'apifree-integration-'));
  try {
    const upstream = await startSimulator({ pace: false, apiKeys: [RECORDING_KEY] });
    const recorder = await startSimulator({
      pace: false,
      record: { dir, upstream: upstream.baseURL },
    });
    let live: T;
    try {
      live = await run({ baseURL: recorder.baseURL, apiKey: RECORDING_KEY });
    } finally {
      await recorder.close();
      await upstream.close();
    }
    const replayer = await startSimulator({ pace: false, replay: { dir } });
    try {
      const replayed = await run({ baseURL: replayer.baseURL, apiKey: REPLAY_KEY });
      return {
        live,
        replayed,
        recordings: readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8')),
        upstreamRequests: upstream.requests.length,
      };
    } finally {
      await replayer.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
