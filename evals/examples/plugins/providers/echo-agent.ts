// A custom provider as a TypeScript module (module:): the same interface as haikubench's own
// providers, complete(request, signal, item) → {text, usage, stopReason, latencyMs}. This one answers
// from a fixed table of queues per intent (the dataset's `intent` field), standing in for your own
// agent or service. To make the harness retry a call, throw an error with `retryable: true`.
import type { Completion, CompletionRequest, ItemContext } from 'haikubench';

// Deliberately imperfect: refund_status goes to billing (returns is right), and the intents it does
// not know (upgrade_plan, change_address) fall through to technical.
const QUEUE_OF: Record<string, string> = {
  double_charge: 'billing', invoice_request: 'billing', cancel_subscription: 'billing', refund_status: 'billing',
  password_reset: 'account', login_2fa: 'account',
  tracking: 'shipping',
  return_request: 'returns', damaged_item: 'returns',
  app_crash: 'technical', api_error: 'technical',
  pricing_quote: 'sales',
};

export async function complete(request: CompletionRequest, signal: AbortSignal, item: ItemContext): Promise<Completion> {
  if (signal.aborted) throw new Error('aborted');
  const intent = String(item.sample.vars['intent'] ?? '');
  const text = QUEUE_OF[intent] ?? 'technical';
  const words = request.messages.map((m) => m.content).join(' ').split(/\s+/).length;
  return { text, usage: { inputTokens: words, outputTokens: 1, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 0 };
}
