import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

// plan-size against hand-computed figures. M = (z_.975 + z_.8)² = 7.848880.

describe('plan-size', () => {
  it.each([
    // Paired, 10% discordance, 3 pts: n = M·(0.1 − 0.03²)/0.03² = 864.25 → 865.
    [['--rate', '0.85', '--drop', '0.03', '--discordance', '0.1'], { unpaired: 2400, paired: 865 }],
    // Unpaired from 85%: ω² = 0.85·0.15 + 0.82·0.18 = 0.2751; n = M·0.2751/0.0009 = 2399.1 → 2400.
    [['--rate', '0.85', '--drop', '0.03'], { unpaired: 2400, paired: null }],
    // Miller's rule of thumb: ω² = 1/9 would give 969; here 50% → 47%: ω² = 0.25 + 0.2491 = 0.4991 → 4352.6 → 4353.
    [['--rate', '0.5', '--drop', '0.03'], { unpaired: 4353, paired: null }],
  ])('%j', async (flags, want) => {
    const res = await runCli(['plan-size', ...flags, '--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject(want);
  });

  it('with --samples: the smallest detectable drop (paired, 10% disagree, n = 500: 3.96 pts)', async () => {
    const res = await runCli(['plan-size', '--rate', '0.85', '--samples', '500', '--discordance', '0.1', '--json']);
    expect((JSON.parse(res.stdout) as { paired: number }).paired).toBeCloseTo(0.0396, 4);
  });

  it.each([
    [['--rate', '0.85'], 'give exactly one of --drop'],
    [['--rate', '1.5', '--drop', '0.03'], '--rate 1.5: a fraction between 0 and 1'],
    [['--rate', '0.85', '--drop', '0.05', '--discordance', '0.02'], '--discordance 0.02: at least the drop'],
  ])('refuses %j with exit 2', async (flags, message) => {
    const res = await runCli(['plan-size', ...flags]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
  });
});
