/** Where an adapter run sends its requests. */
export interface Connection {
  baseURL: string;
  apiKey: string;
}
