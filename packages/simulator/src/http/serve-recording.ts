import type { ServerResponse } from 'node:http';
import type { Recording } from '../replay';
import type { HandlerState } from './handler-state';
import { type Frame, type Pacing, pause, writeFrames } from './write-frames';

/**
 * Sends a recording, one write per frame: unpaced, at the recorded moments when it has
 * them (recorded exchanges), or at the simulator's token pace (named recordings).
 */
export async function serveRecording(
  response: ServerResponse,
  recording: Recording,
  paced: boolean,
  state: HandlerState,
): Promise<void> {
  const recorded = recording.framesAtMs !== undefined;
  const pacing: Pacing = !paced ? false : recorded ? 'recorded' : state.pace;
  if (pacing === 'recorded') await pause(response, recording.headersMs ?? 0, state.clock);
  if (response.destroyed) return;
  // The recorded request id replaces the simulator's own. Unpaced, a recorded 429 asks
  // for no wait: a replay in CI should not sleep as long as the real service once said.
  const headers = { ...recording.headers };
  if (!paced) {
    for (const name of Object.keys(headers))
      if (name === 'retry-after' || name === 'retry-after-ms') headers[name] = '0';
  }
  response.writeHead(recording.status, { ...headers, 'content-type': recording.contentType });
  const frames: Frame[] = recording.frames.map((frame, index) => ({
    frame,
    tokens: 1,
    atMs: recording.framesAtMs?.[index],
  }));
  await writeFrames(response, frames, pacing, undefined, state.clock);
}
