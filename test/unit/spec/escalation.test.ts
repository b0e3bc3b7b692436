import { describe, expect, it } from 'vitest';
import { doc, FILE, issuesOf, load, type Doc } from './helpers.js';

// `judge.escalate` (cascaded judging): resolved like any judge, and refused with the file and the
// JSON pointer when it could never work.

const HAIKU = 'anthropic:claude-haiku-5-5';
const SONNET = 'anthropic:claude-sonnet-5-5';
const rubric = (extra: Doc = {}): Doc => ({ type: 'rubric', rubric: 'good?', scale: { min: 1, max: 10 }, pass_at: 7, ...extra });
const pairwise = (extra: Doc = {}): Doc => ({ type: 'pairwise', against: 'runs/base', ...extra });
const escalate = (when: Doc, extra: Doc = {}): Doc => ({ model: SONNET, when, ...extra });

describe('resolveSpec: judge.escalate', () => {
  it('resolves the escalation judge, with its defaults, and adds its model to the judges', () => {
    const spec = load(doc({ judge: { model: HAIKU, samples: 2, reducer: 'median', max_tokens: 300, escalate: escalate({ near: 1, disagree: true }) }, scorers: [rubric()] }));
    expect(spec.scorers[0]?.judge).toEqual({
      model: HAIKU, samples: 2, reducer: 'median', maxTokens: 300,
      escalate: { model: SONNET, samples: 1, reducer: 'median', maxTokens: 300, when: { near: 1, disagree: true, flip: false, error: true } },
    });
    expect(spec.judges.map((j) => j.id)).toEqual([SONNET]); // the cheap judge is a model under test here
  });

  it.each([
    ['a scorer\'s own escalate wins over the spec-level one', { judge: { model: HAIKU, escalate: escalate({ near: 2 }) }, scorers: [rubric({ judge: { escalate: escalate({ near: 0 }, { samples: 3 }) } })] }, { near: 0, samples: 3 }],
    ['the spec-level escalate applies to a scorer with its own judge', { judge: { model: 'sim:judge', escalate: escalate({ near: 2 }) }, scorers: [rubric({ judge: { model: HAIKU } })] }, { near: 2, samples: 1 }],
    ['escalate: false on a scorer turns the spec-level one off', { judge: { model: HAIKU, escalate: escalate({ near: 2 }) }, scorers: [rubric({ judge: { escalate: false } })] }, undefined],
    ['near only: disagree is off', { judge: { model: HAIKU, escalate: escalate({ near: 0.5 }) }, scorers: [rubric()] }, { near: 0.5, samples: 1 }],
  ])('%s', (_name, changes, want) => {
    const esc = load(doc(changes)).scorers[0]?.judge?.escalate;
    if (want === undefined) expect(esc).toBeUndefined();
    else expect({ near: esc?.when.near, samples: esc?.samples }).toEqual(want);
  });

  it('a sim escalation judge gets its own agreement', () => {
    const spec = load(doc({ judge: { model: 'sim:judge', agreement: 0.7, samples: 2, escalate: escalate({ disagree: true }, { model: 'sim:big-judge', agreement: 0.95 }) }, scorers: [rubric()] }));
    expect(spec.judges.map((j) => [j.id, j.sim?.accuracy])).toEqual([['sim:judge', 0.7], ['sim:big-judge', 0.95]]);
  });

  it.each([
    [
      'disagree with one cheap sample (spec level)',
      { judge: { model: HAIKU, escalate: escalate({ disagree: true }) }, scorers: [rubric()] },
      '#/judge/escalate/when/disagree: the cheap judge (anthropic:claude-haiku-5-5) asks 1 sample per item, so its samples can never disagree',
    ],
    [
      'disagree with one cheap sample (on a scorer)',
      { judge: { model: HAIKU, samples: 3 }, scorers: [{ type: 'equals' }, rubric({ judge: { samples: 1, escalate: escalate({ near: 1, disagree: true }) } })] },
      '#/scorers/1/judge/escalate/when/disagree: the cheap judge (anthropic:claude-haiku-5-5) asks 1 sample',
    ],
    [
      'nothing that could escalate',
      { judge: { model: HAIKU, escalate: escalate({ disagree: false, error: false }) }, scorers: [rubric()] },
      '#/judge/escalate/when: nothing would escalate',
    ],
    [
      'escalating to the cheap judge itself',
      { judge: { model: HAIKU, samples: 2, escalate: escalate({ disagree: true }, { model: HAIKU }) }, scorers: [rubric()] },
      '#/judge/escalate/model: anthropic:claude-haiku-5-5 is the cheap judge itself',
    ],
    [
      'a retired escalation model',
      { judge: { model: HAIKU, escalate: escalate({ near: 1 }, { model: 'anthropic:claude-3-haiku-20240307' }) }, scorers: [rubric()] },
      '#/judge/escalate/model: claude-3-haiku-20240307 is',
    ],
    [
      'near on a pairwise scorer\'s own escalate',
      { judge: { model: HAIKU }, scorers: [pairwise({ judge: { escalate: escalate({ near: 1 }) } })] },
      '#/scorers/0/judge/escalate/when/near: scorer 0 is pairwise, whose verdict has no pass threshold to be near; use flip: true',
    ],
    [
      'flip on a rubric\'s own escalate',
      { judge: { model: HAIKU }, scorers: [rubric({ judge: { escalate: escalate({ flip: true }) } })] },
      '#/scorers/0/judge/escalate/when/flip: flip is for pairwise scorers (a verdict that changes with the order); scorer 0 is rubric, remove it',
    ],
    [
      'nothing that could escalate on a pairwise scorer',
      { judge: { model: HAIKU }, scorers: [pairwise({ judge: { escalate: escalate({ flip: false, error: false }) } })] },
      '#/scorers/0/judge/escalate/when: nothing would escalate; set near (scale points from pass_at), disagree: true, error: true or flip: true',
    ],
    [
      'near on a rubric whose pass_at is the top of its scale',
      { judge: { model: HAIKU, escalate: escalate({ near: 1 }) }, scorers: [rubric({ pass_at: 10 })] },
      '#/judge/escalate/when/near: pass_at (10, the top of the scale): every passing score is at the threshold, so near would escalate every pass',
    ],
    [
      'near on a reference scorer at its default pass_at 1',
      { judge: { model: HAIKU, escalate: escalate({ near: 0.5 }) }, scorers: [{ type: 'reference', partial_credit: true }] },
      '#/judge/escalate/when/near: pass_at (1, the top of the 0..1 scale): every passing score',
    ],
    [
      'near on criteria where one criterion\'s pass_at is its top',
      { judge: { model: HAIKU, escalate: escalate({ near: 1 }) }, scorers: [{ type: 'criteria', criteria: [{ name: 'tone', description: 'polite', scale: { min: 1, max: 5 }, pass_at: 3 }, { name: 'safe', description: 'no harm', scale: { min: 0, max: 1 }, pass_at: 1 }] }] },
      '#/judge/escalate/when/near: criterion safe\'s pass_at (the top of its scale)',
    ],
  ])('refuses %s, naming the file and the pointer', (_name, changes, message) => {
    expect(issuesOf(() => load(doc(changes)))).toEqual([expect.stringContaining(`${FILE}${message}`)]);
  });

  it.each([
    ['a reference scorer with pass_at 0.5', { type: 'reference', partial_credit: true, pass_at: 0.5 }],
    ['a rubric below its top', rubric({ pass_at: 9 })],
  ])('near is fine on %s', (_name, scorer) => {
    expect(load(doc({ judge: { model: HAIKU, escalate: escalate({ near: 0.5 }) }, scorers: [scorer] })).scorers[0]?.judge?.escalate?.when.near).toBe(0.5);
  });

  it.each([
    // escalate on the spec level or the scorer, → the pairwise scorer's when
    ['a spec-level escalate with near reaches a pairwise scorer as flip and error (near has no meaning there)', { judge: { model: HAIKU, escalate: escalate({ near: 1 }) }, scorers: [rubric(), pairwise()] }, 1, { near: null, disagree: false, flip: true, error: true }],
    ['its own escalate on flips only', { judge: { model: HAIKU }, scorers: [pairwise({ judge: { escalate: escalate({ flip: true, error: false }) } })] }, 0, { near: null, disagree: false, flip: true, error: false }],
    ['its own escalate on errors only: no flips', { judge: { model: HAIKU }, scorers: [pairwise({ judge: { escalate: escalate({ flip: false }) } })] }, 0, { near: null, disagree: false, flip: false, error: true }],
    ['a rubric under a spec-level escalate with flip ignores it', { judge: { model: HAIKU, escalate: escalate({ near: 1, flip: true }) }, scorers: [rubric()] }, 0, { near: 1, disagree: false, flip: false, error: true }],
  ])('%s', (_name, changes, index, when) => {
    expect(load(doc(changes)).scorers[index]?.judge?.escalate?.when).toEqual(when);
  });

  it('a pairwise scorer may opt out of the spec-level escalate', () => {
    expect(() => load(doc({ judge: { model: HAIKU, escalate: escalate({ near: 1 }) }, scorers: [rubric(), pairwise({ judge: { escalate: false } })] }))).not.toThrow();
  });

  it.each([
    ['when missing', { model: SONNET }, 'missing required property "when"'],
    ['an empty when', { model: SONNET, when: {} }, 'must NOT have fewer than 1 properties'],
    ['a negative near', { model: SONNET, when: { near: -1 } }, 'must be >= 0'],
    ['an unknown condition', { model: SONNET, when: { unsure: true } }, 'unsure'],
  ])('the schema refuses %s', (_name, esc, message) => {
    expect(issuesOf(() => load(doc({ judge: { model: HAIKU, escalate: esc }, scorers: [rubric()] })))).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });
});
