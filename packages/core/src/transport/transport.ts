/** What the client asks a transport to send. */
export interface TransportRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Aborts the request and its body; the client aborts it on caller abort and on timeouts. */
  signal: AbortSignal;
  /** Milliseconds to wait for response headers and between body chunks. */
  timeout: number;
}

/** The bytes of a response body, read one network chunk at a time. */
export interface TransportBody extends AsyncIterable<Uint8Array> {
  /** Stops reading and closes the connection. Safe to call more than once. */
  cancel(): void;
  /**
   * The caller has what it needs (the terminal event): read what is left in the
   * background so the connection can be reused, and close it if it does not end soon.
   */
  finish(): void;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  body: TransportBody;
}

/** Sends one HTTP request. Runtime-specific: undici on Node, `fetch` elsewhere. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;
