import { CHOICE_LETTERS, type Json } from '../types.js';
import { hashUniform, seededRandom } from '../util/random.js';
import { lookup } from '../prompt/template.js';

// Multiple-choice questions (dataset.fields.choices): a record's options become lettered lines for
// the prompt ({{choices}}: "A) Paris\nB) London", {{letters}}: "A, B"), and its target becomes the
// letter of the right option, whichever way the dataset gives it: the letter ("B"), the dataset's own
// label of the option (ARC's answerKey), the option's index (1, or "1": 0-based as in MMLU or
// HellaSwag, or 1-based with dataset.choice_index_base: 1), the option's text ("London"), or, with no
// target field, the option the choices mark right themselves (TruthfulQA's mc1_targets).

const LETTERS = CHOICE_LETTERS;
export const MAX_CHOICES = LETTERS.length;

/** "(A) Paris", "A) Paris", "A. Paris", "A: Paris": a dataset that letters its options itself. */
const OWN_LETTER = /^\s*\(?([A-Z])\s*[).:]\s*/;

const optionText = (v: Json): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** A question's options: their texts in order, and the keys the dataset gives them, if any. */
export interface Options {
  readonly texts: readonly string[];
  /** The dataset's own name of each option ({text, label}'s labels, or an object's keys): a target may name one. */
  readonly keys?: readonly string[];
  /** The option the dataset marks right itself ({choices, labels} with one label 1, as TruthfulQA's mc1_targets). */
  readonly correct?: number;
}

/** {"choices": [...], "labels": [1, 0, 0]}: TruthfulQA's mc1_targets, the right option marked 1. */
function marked(o: Readonly<Record<string, Json>>): { list: readonly Json[]; correct: number } | string | undefined {
  const { choices, labels } = o;
  if (!Array.isArray(choices) || !Array.isArray(labels) || Object.keys(o).length !== 2) return undefined;
  if (choices.length !== labels.length) return `has ${choices.length} choices but ${labels.length} labels`;
  if (!labels.every((l) => l === 0 || l === 1 || l === true || l === false)) return 'has labels that are not 0 or 1 (one marks the right option)';
  const right = labels.flatMap((l, i) => (l === 1 || l === true ? [i] : []));
  if (right.length !== 1) return `marks ${right.length} options right; the choice scorer takes exactly one (TruthfulQA's mc2_targets, with several, need a scorer of your own)`;
  return { list: choices, correct: right[0] as number };
}

const isLabelled = (v: Json): v is { text: Json; label: Json } => v !== null && typeof v === 'object' && !Array.isArray(v) && 'text' in v && 'label' in v && Object.keys(v).length === 2;

/** {"text": [...], "label": [...]}, as ARC, OpenBookQA and CommonsenseQA hold their options. */
function textAndLabel(o: Readonly<Record<string, Json>>): { list: readonly Json[]; keys: string[] } | string | undefined {
  const { text, label } = o;
  if (!Array.isArray(text) || !Array.isArray(label) || Object.keys(o).length !== 2) return undefined;
  if (text.length !== label.length) return `has ${text.length} option texts but ${label.length} labels`;
  return { list: text, keys: label.map((l) => optionText(l) ?? JSON.stringify(l)) };
}

/**
 * The options of a record's choices field: a list of texts (or numbers); a list of {text, label}; an
 * object keyed by letter ({"A": "Paris", "B": "London"}, keys A, B, C… in order); {"text": [...],
 * "label": [...]}; or {"choices": [...], "labels": [1, 0, …]}. Options
 * that carry their own letter in place ("A) 21", "B) 21.5") lose it, so it is not shown twice. A
 * string says what is wrong.
 */
export function optionsOf(value: Json | undefined): Options | string {
  if (value === undefined || value === null) return 'is missing';
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    try { return optionsOf(JSON.parse(value) as Json); } catch { return `is text that starts like JSON but is not (${value.slice(0, 40)})`; }
  }
  let list: readonly Json[];
  let keys: readonly string[] | undefined;
  let correct: number | undefined;
  const labelled = Array.isArray(value) && value.length > 0 && value.every(isLabelled);
  if (labelled) {
    // [{"text": …, "label": "A"}, …], as ARC's original files hold their options.
    list = (value as readonly { text: Json }[]).map((o) => o.text);
    keys = (value as readonly { label: Json }[]).map((o) => optionText(o.label) ?? JSON.stringify(o.label));
  } else if (Array.isArray(value)) list = value as readonly Json[];
  else if (typeof value === 'object') {
    const pair = textAndLabel(value as Readonly<Record<string, Json>>);
    const mark = pair === undefined ? marked(value as Readonly<Record<string, Json>>) : undefined;
    if (typeof pair === 'string') return pair;
    if (typeof mark === 'string') return mark;
    if (pair !== undefined) ({ list, keys } = pair);
    else if (mark !== undefined) ({ list, correct } = mark);
    else {
      keys = Object.keys(value);
      const want = LETTERS.slice(0, keys.length).split('');
      if (keys.some((k, i) => k.toUpperCase() !== want[i])) return `is an object whose keys are neither the letters A, B, C… in order, "text" and "label", nor "choices" and "labels" (${keys.slice(0, 6).join(', ')})`;
      list = keys.map((k) => (value as Record<string, Json>)[k] as Json);
    }
  } else return `is not a list of options (${JSON.stringify(value).slice(0, 60)})`;
  // Options past the last one given are not options: a CSV with columns A–E whose four-option
  // questions leave E empty, a list padded with nulls. An empty option before a given one stays wrong.
  const blank = (v: Json | undefined) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  let given = list.length;
  while (given > 0 && blank(list[given - 1])) given -= 1;
  if (given < list.length && keys === undefined && correct === undefined) list = list.slice(0, given);
  if (list.length < 2) return `has ${list.length} option${list.length === 1 ? '' : 's'}; a multiple-choice question needs at least 2`;
  if (list.length > MAX_CHOICES) return `has ${list.length} options; at most ${MAX_CHOICES} can be lettered A–Z`;
  const texts: string[] = [];
  for (const [i, v] of list.entries()) {
    const t = optionText(v);
    if (t === undefined || t.trim() === '') return `option ${i + 1} is ${t === undefined ? `not text (${JSON.stringify(v).slice(0, 40)})` : 'empty'}`;
    const own = OWN_LETTER.exec(t);
    texts.push(own !== null && own[1] === LETTERS[i] && own[0].length < t.length ? t.slice(own[0].length).trim() : t.trim());
  }
  return { texts, ...(keys !== undefined && { keys }), ...(correct !== undefined && { correct }) };
}

const fold = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The letter of the right option: the dataset's own key of an option ("3" of ARC's labels 1–4), a
 * letter in range (either case, "(B)" too), an index (number, or a string of digits) counted from
 * `base`, or exactly one option's text (case and spacing aside). A string says what is wrong.
 */
export function targetLetter(target: Json | undefined, opts: Options | readonly string[], base: 0 | 1): { readonly letter: string } | string {
  const { texts: options, keys } = Array.isArray(opts) ? { texts: opts as readonly string[], keys: undefined } : (opts as Options);
  const letters = LETTERS.slice(0, options.length);
  if (keys !== undefined && (typeof target === 'string' || typeof target === 'number')) {
    const at = keys.findIndex((k) => fold(k) === fold(String(target)));
    if (at >= 0) return { letter: letters[at] as string };
  }
  const range = `${letters[0]}–${letters.at(-1)}`;
  if (typeof target === 'number') {
    if (!Number.isInteger(target)) return `target ${target} is not an option's index`;
    const i = target - base;
    return i >= 0 && i < options.length ? { letter: letters[i] as string } : `target ${target} is not an option's index (${base}–${options.length - 1 + base}; dataset.choice_index_base is ${base})`;
  }
  if (typeof target !== 'string') return `target ${JSON.stringify(target ?? null)} is neither a letter, an index nor an option's text`;
  const t = target.trim();
  const letter = /^\(?([A-Za-z])\)?$/.exec(t)?.[1]?.toUpperCase();
  if (letter !== undefined && letters.includes(letter)) return { letter };
  const same = options.flatMap((o, i) => (fold(o) === fold(t) ? [letters[i] as string] : []));
  if (/^\d+$/.test(t)) {
    const byIndex = targetLetter(Number(t), options, base);
    if (typeof byIndex === 'string') return same.length === 1 ? { letter: same[0] as string } : byIndex;
    // "2" with options 1, 2, 3, 4: the index says C, the text says B; a guess would mis-score silently.
    if (same.length > 0 && !same.includes(byIndex.letter)) return `target "${t}" is option ${byIndex.letter}'s index and option ${same.join(' and ')}'s text; give the letter, or the index as a number`;
    return byIndex;
  }
  if (same.length === 1) return { letter: same[0] as string };
  if (same.length > 1) return `target "${t.slice(0, 40)}" is the text of options ${same.join(' and ')}`;
  return letter !== undefined ? `target "${t}" is not one of the letters ${range}` : `target "${t.slice(0, 40)}" is neither a letter (${range}), an index nor an option's text`;
}

/** The prompt variables of a question: {{choices}} as lettered lines and {{letters}} as "A, B, C". */
export function choiceVars(options: readonly string[]): { readonly choices: string; readonly letters: string } {
  return {
    choices: options.map((o, i) => `${LETTERS[i]}) ${o}`).join('\n'),
    letters: LETTERS.slice(0, options.length).split('').join(', '),
  };
}

export interface Question {
  /** The record's fields, with {{choices}} and {{letters}} over any fields of those names. */
  readonly vars: Readonly<Record<string, Json>>;
  /** The right option's letter; undefined without a target field. */
  readonly target: string | undefined;
  readonly options: readonly string[];
}

/** How a question's options are read: what a numeric target counts from, and the seed their order is shuffled with (dataset.shuffle_choices). */
export interface ChoiceRule {
  readonly base: 0 | 1;
  readonly shuffleSeed?: number | undefined;
}

/**
 * The options in a shuffled order fixed by the seed and the sample's id (the same in every run with
 * that seed, and for every model and epoch): order[i] is the original index of the option shown i-th.
 */
export function shuffledOrder(n: number, seed: number, sampleId: string): number[] {
  const rand = seededRandom(Math.floor(hashUniform('choices', seed, sampleId) * 4294967296));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** A record as a multiple-choice question, or what is wrong with it. `sampleId`: for the shuffled order. */
export function questionOf(record: Readonly<Record<string, Json>>, field: string | readonly string[], target: Json | undefined, hasTarget: boolean, rule: ChoiceRule, sampleId = ''): Question | string {
  const { base } = rule;
  let found: Options | string;
  if (typeof field === 'string') {
    // A path into the record, as the target's may be ("question.choices" in ARC's original files).
    const hit = lookup(record, field);
    found = optionsOf(hit.found ? hit.value : undefined);
    if (typeof found === 'string') return `choices field "${field}" ${found}`;
  } else {
    // A column missing from the record is a misnamed field; an empty one, a question with fewer options.
    const missing = field.filter((f) => !(f in record));
    if (missing.length > 0) return `no option field${missing.length > 1 ? 's' : ''} ${missing.map((f) => `"${f}"`).join(', ')}`;
    found = optionsOf(field.map((f) => record[f] as Json));
    if (typeof found === 'string') return `choices fields ${field.join(', ')}: ${found}`;
  }
  const options = found.texts;
  let letter: string | undefined;
  if (hasTarget) {
    const t = targetLetter(target, found, base);
    if (typeof t === 'string') return t;
    letter = t.letter;
  } else if (found.correct !== undefined) letter = LETTERS[found.correct];
  if (rule.shuffleSeed === undefined) return { vars: { ...record, ...choiceVars(options) }, target: letter, options };
  // The target is read against the dataset's order, then follows its option to where it is shown.
  const order = shuffledOrder(options.length, rule.shuffleSeed, sampleId);
  const shown = order.map((i) => options[i] as string);
  const moved = letter === undefined ? undefined : LETTERS[order.indexOf(LETTERS.indexOf(letter))];
  return { vars: { ...record, ...choiceVars(shown) }, target: moved, options: shown };
}
