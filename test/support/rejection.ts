import { ProviderError } from '../../src/errors.js';

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

/** The ProviderError a provider call fails with; fails the test on success or on another error. */
export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await rejection(promise);
  if (err instanceof ProviderError) return err;
  throw new Error(`expected a ProviderError, got ${String(err)}`);
}
