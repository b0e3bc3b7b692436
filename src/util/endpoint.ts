// Where a model's calls go, as reports may show it: the host (and port) of its base URL only, never
// credentials, a path or a query that could carry a key.

/** "api.anthropic.com", "127.0.0.1:4010"; undefined when the URL does not parse. */
export function endpointHost(baseUrl: string): string | undefined {
  try {
    const host = new URL(baseUrl).host;
    return host === '' ? undefined : host;
  } catch {
    return undefined;
  }
}
