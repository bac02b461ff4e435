// Text from CloudMC or the system shown inside the app's own sentences: isolated so its direction marks stay inside it.

/** First Strong Isolate … Pop Directional Isolate: plain-text isolation, for places markup cannot reach (attributes, message values). */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
