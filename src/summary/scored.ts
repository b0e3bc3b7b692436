// An item counts in pass rates, comparisons and routing only when it was scored: it ended without an
// error and some scorer applied to it. A model that is only the reference of pairwise against_model
// scorers has records with no verdict at all (status ok, no pass): its answers were the yardstick,
// not judged, so they are neither passes nor failures.

export const isScored = (r: { readonly status: string; readonly pass?: boolean | undefined }): boolean => r.status === 'ok' && r.pass !== undefined;
