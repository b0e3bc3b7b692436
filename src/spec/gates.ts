// Which model a gate names. One matcher, used by resolve (to reject a gate that names no model) and by
// the summary (to apply it): the exact id, then the label, then the bare model name — so a gate on
// "claude-haiku-5-5" or on "anthropic:claude-haiku-5-5" also applies to its --simulate stand-in.

export interface GateCandidate {
  readonly id: string;
  readonly label: string;
}

const bare = (id: string) => id.slice(id.indexOf(':') + 1);

export function gateTarget<M extends GateCandidate>(gate: string, models: readonly M[]): M | undefined {
  return models.find((m) => m.id === gate) ?? models.find((m) => m.label === gate) ?? models.find((m) => bare(m.id) === bare(gate));
}
