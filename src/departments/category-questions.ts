/**
 * Category questions: their kinds, the admin's option list, and the check of a person's
 * answers (the same rules for the web form, the counter and the Open311 API). Pure.
 */
export const QUESTION_KINDS = ['text', 'number', 'date', 'single', 'multiple'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface QuestionOption {
  key: string;
  name: string;
}

export interface QuestionDef {
  id: number;
  code: string;
  question: string;
  kind: QuestionKind;
  required: boolean;
  options: QuestionOption[];
  active: boolean;
}

/** One answer, stored with the case as a snapshot (the question may change later). */
export interface CaseAnswer {
  questionId: number;
  code: string;
  question: string;
  kind: QuestionKind;
  value: string | string[];
  /** What a person reads: the option names for choices. */
  display: string;
}

export type AnswerError = 'required' | 'number' | 'date' | 'option' | 'too_long';

export const TEXT_ANSWER_MAX = 500;

/** "clave | Nombre" or just "Nombre" (the key is made from the name), one option a line. */
export function parseOptions(text: string | undefined | null): { options: QuestionOption[]; error?: 'options_empty' | 'options_duplicate' | 'options_too_many' } {
  const lines = (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const options = lines.map((line) => {
    const bar = line.indexOf('|');
    const name = (bar >= 0 ? line.slice(bar + 1) : line).trim().slice(0, 150);
    const key = slugCode(bar >= 0 ? line.slice(0, bar) : name).slice(0, 60);
    return { key, name };
  }).filter((o) => o.key && o.name);
  if (!options.length) return { options, error: 'options_empty' };
  if (options.length > 50) return { options, error: 'options_too_many' };
  if (new Set(options.map((o) => o.key)).size !== options.length) return { options, error: 'options_duplicate' };
  return { options };
}

export function formatOptions(options: QuestionOption[]): string {
  return options.map((o) => `${o.key} | ${o.name}`).join('\n');
}

/** "¿Cuántas luminarias?" → "cuantas_luminarias": letters, digits and _ only. */
export function slugCode(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|(?<!_)_+$/g, '').slice(0, 60);
}

export function isChoice(kind: QuestionKind): boolean {
  return kind === 'single' || kind === 'multiple';
}

const strings = (raw: unknown): string[] => {
  const list = Array.isArray(raw) ? raw : raw == null ? [] : [raw];
  return list.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map((v) => String(v).replace(/\u0000/g, '').trim()).filter((v) => v !== '');
};

function validDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) && !Number.isNaN(new Date(value).getTime());
}

/**
 * Check the answers to the active questions. `raw(q)` gives what was submitted for a
 * question (a string, a list, or nothing). An empty optional answer is simply left out; an
 * empty list for an optional multiple choice is accepted.
 */
export function checkAnswers(questions: QuestionDef[], raw: (q: QuestionDef) => unknown): { answers: CaseAnswer[]; errors: Map<QuestionDef, AnswerError> } {
  const answers: CaseAnswer[] = [];
  const errors = new Map<QuestionDef, AnswerError>();
  for (const q of questions.filter((x) => x.active)) {
    const values = strings(raw(q));
    if (!values.length) {
      if (q.required) errors.set(q, 'required');
      continue;
    }
    const base = { questionId: q.id, code: q.code, question: q.question, kind: q.kind };
    if (q.kind === 'multiple') {
      const keys = [...new Set(values)];
      if (keys.some((k) => !q.options.some((o) => o.key === k))) {
        errors.set(q, 'option');
        continue;
      }
      const chosen = q.options.filter((o) => keys.includes(o.key)); // in the question's order
      answers.push({ ...base, value: chosen.map((o) => o.key), display: chosen.map((o) => o.name).join(', ') });
      continue;
    }
    const value = values[values.length - 1];
    if (q.kind === 'single') {
      const option = q.options.find((o) => o.key === value);
      if (!option) errors.set(q, 'option');
      else answers.push({ ...base, value: option.key, display: option.name });
    } else if (q.kind === 'number') {
      const normal = value.replace(/\s/g, '').replace(/^(-?\d+),(\d+)$/, '$1.$2');
      if (!/^-?\d{1,12}(\.\d{1,6})?$/.test(normal)) errors.set(q, 'number');
      else answers.push({ ...base, value: String(Number(normal)), display: String(Number(normal)) });
    } else if (q.kind === 'date') {
      if (!validDate(value)) errors.set(q, 'date');
      else answers.push({ ...base, value, display: value });
    } else {
      if (value.length > TEXT_ANSWER_MAX) errors.set(q, 'too_long');
      else answers.push({ ...base, value, display: value });
    }
  }
  return { answers, errors };
}
