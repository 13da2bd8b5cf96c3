/**
 * Pipes `stream` through `convert` part by part, leaving out parts it maps to
 * `undefined`. Cancelling the result cancels `stream`, so an abort reaches the request.
 *
 * @example
 * translateStream(v4Stream, convertV4StreamPartToV3);
 */
export function translateStream<From, To>(
  stream: ReadableStream<From>,
  convert: (part: From) => To | undefined,
): ReadableStream<To> {
  return stream.pipeThrough(
    new TransformStream<From, To>({
      transform(part, controller) {
        const translated = convert(part);
        if (translated !== undefined) controller.enqueue(translated);
      },
    }),
  );
}
