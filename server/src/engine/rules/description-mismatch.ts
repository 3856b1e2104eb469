import type { Rule, RuleContext, RuleFinding } from './rule';
import type { CodeToken, StatedDescription } from '../scanner/tokens';
import { contentWords, extraWords, findContradiction, keyWords, looseOverlap, missingFrom, overlap } from '../text/description-compare';
import { dotIcd } from '../systems/icd10cm';
import type { Fix } from '../findings';
import type { CodeData } from '../code-data';

interface Official {
  text: string;
  label: string;
  /** full wording (word-overlap check allowed) or an abbreviated CMS short descriptor (contradictions only) */
  full: boolean;
  /** may be written back into the document by a quick fix */
  replaceable: boolean;
}

function officialFor(t: CodeToken, ctx: RuleContext): Official | undefined {
  const d = ctx.data;
  switch (t.system) {
    case 'icd10cm': {
      // before ICD-10 no ICD-10-CM code is judged (icd10.before-icd10 says so once)
      if (ctx.icdEdition < 0) return undefined;
      const c = d.icd10.get(t.code, ctx.icdEdition) ?? d.icd10.get(t.code);
      return c && { text: c.long, label: `official ICD-10-CM title`, full: true, replaceable: true };
    }
    case 'taxonomy': {
      const x = d.taxonomy.get(t.code);
      if (!x) return undefined;
      const text = [x.classification, x.specialization].filter(Boolean).join(', ');
      return { text: `${text} (${x.grouping})`, label: 'NUCC classification', full: true, replaceable: false };
    }
    case 'modifier': {
      const m = d.modifiers.get(t.code);
      return m && { text: [m.name, m.meaning].filter(Boolean).join('. '), label: `${m.level} modifier meaning`, full: true, replaceable: false };
    }
    case 'cpt':
    case 'hcpcs': {
      const p = d.procedures.get(t.code);
      if (!p?.descriptor) return undefined;
      const src = p.descriptor.source;
      return {
        text: p.descriptor.text,
        label: src === 'hcpcs' ? 'HCPCS long descriptor' : src === 'user' ? 'CPT descriptor (your file)' : 'CMS short descriptor',
        full: src !== 'cms-short',
        replaceable: src !== 'cms-short',
      };
    }
  }
  return undefined;
}

interface Verdict {
  off: Official;
  why: string;
  others: { code: string; label: string }[];
  other: string | undefined;
}

/**
 * What the rule says of a code and the description written next to it depends on those, the edition and the official
 * text alone, and documents repeat them (notes copied forward, a problem list per visit, a claim file's rows): each
 * pair is judged once per bundle. The official text is in the key, so licensed CPT descriptors loaded later are
 * judged afresh.
 */
const verdicts = new WeakMap<CodeData, Map<string, Verdict | null>>();
const MAX_VERDICTS = 5_000;

function verdictFor(t: CodeToken, ctx: RuleContext): Verdict | null {
  if (!t.stated || !t.known) return null;
  const off = officialFor(t, ctx);
  if (!off) return null;
  let memo = verdicts.get(ctx.data);
  if (!memo) verdicts.set(ctx.data, (memo = new Map()));
  const key = `${ctx.icdEdition}\u0000${t.system}\u0000${t.code}\u0000${t.text}\u0000${t.stated.kind}\u0000${t.stated.text}\u0000${off.label}\u0000${off.text}`;
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size >= MAX_VERDICTS) memo.clear();
    memo.set(key, (v = judge(t as CodeToken & { stated: StatedDescription }, off, ctx)));
  }
  return v;
}

function judge(t: CodeToken & { stated: StatedDescription }, off: Official, ctx: RuleContext): Verdict | null {
  const stated = t.stated.text;
  let why: string | undefined;

  const contradiction = findContradiction(stated, off.text);
  if (contradiction) {
    why = `it says ${contradiction.stated.join('/')} where the ${off.label} says ${contradiction.official.join('/')}`;
  }
  // The stated text is another code's official title (M79.65 "Pain in right hand" is M79.641).
  let others: { code: string; label: string }[] = [];
  if (t.system === 'icd10cm') {
    const hits = ctx.descriptions.icdByTitle(stated, ctx.icdEdition).filter((c) => c !== t.code);
    // a header whose child carries the description is reported by icd10.header-not-billable
    if (!hits.some((h) => h.startsWith(t.code))) others = hits.map((h) => ({ code: dotIcd(h), label: dotIcd(h) }));
  } else if (t.system === 'taxonomy') {
    others = ctx.descriptions
      .taxonomyBySpecialty(stated)
      .filter((c) => c !== t.code)
      .map((c) => {
        const x = ctx.data.taxonomy.get(c)!;
        return { code: c, label: `${c} (${[x.classification, x.specialization].filter(Boolean).join(', ')})` };
      });
  }
  const other = others.length ? others.slice(0, 3).map((o) => o.label).join(', ') : undefined;
  // an abbreviated CMS short descriptor ("Electrocardiogram complete" for "ECG with interpretation and report")
  // shares no words with many right descriptions: only a long description sharing none contradicts it
  // ICD-10-CM: a lay term shares no words with the title ("Stroke" for "Cerebral infarction"): only a code that the
  // description describes better (below) makes it wrong
  const n = contentWords(stated).size;
  if (!why && n > 0 && t.stated.kind !== 'sentence' && t.system !== 'icd10cm' && (off.full ? overlap(stated, off.text) === 0 : n >= 5 && looseOverlap(stated, off.text) === 0)) {
    why = `it shares no words with the ${off.label}`;
  }
  // another code's exact title, with words this code's title lacks ("Moderate laceration of spleen" on a contusion code)
  if (!why && other && (overlap(stated, off.text) < 0.6 || missingFrom(stated, off.text).length > 0)) why = `it is the official description of ${other}`;
  // which code does the description describe? Another code's title holds all its words where this one lacks a key word
  if (!why && !other && t.system === 'icd10cm' && off.full) {
    const key = new Set(keyWords(stated));
    const lacking = missingFrom(stated, off.text).filter((w) => key.has(w));
    if (lacking.length) {
      const longest = [...lacking].sort((a, b) => b.length - a.length)[0];
      // clearly better: its title adds fewer words to the description than this code's ("Stroke" fits "Family
      // history of stroke" no better than "Cerebral infarction, unspecified")
      const own = extraWords(stated, off.text);
      const better = ctx.descriptions.icdDescribedBetter(t.code, stated, longest, ctx.icdEdition).filter((b) => extraWords(stated, b.long) < own);
      // a header whose billable child fits is icd10.header-not-billable's to report
      if (better.length && !better.some((b) => b.code.startsWith(t.code))) {
        others = better.map((b) => ({ code: b.dotted, label: `${b.dotted} "${b.long}"` }));
        why = `it describes ${others.map((o) => o.label).join(' or ')}: ${lacking.map((w) => `"${w}"`).join(', ')} ${lacking.length > 1 ? 'are' : 'is'} not in the title of ${t.text}`;
      }
    }
  }
  if (!why) return null;
  return { off, why, others, other };
}

export const descriptionMismatch: Rule = {
  id: 'description.mismatch',
  defaultSeverity: 'warning',
  description: 'A description written next to a code (table row, "CODE — text" line) that clearly disagrees with the official one.',
  summary: 'a description written next to a code that contradicts the official one (laterality, route, encounter …), shares no words with it, or is another code\'s official title',
  docs: 'The description written next to a code contradicts the official one (laterality, route, encounter …), shares no words with it, or is the official title of another code, so either the code or the description is wrong. Correct the one that is wrong: fixes change the code to the code whose title was written, or replace the description with the official one.',
  tags: [],
  fixable: true,
  systems: ['icd10cm', 'taxonomy', 'modifier', 'cpt', 'hcpcs'],
  fires(t, ctx) {
    return verdictFor(t, ctx) !== null;
  },
  check(t, ctx): RuleFinding | undefined {
    const v = verdictFor(t, ctx);
    if (!v || !t.stated) return;
    const { off, why, others, other } = v;
    const stated = t.stated.text;
    const fixes: Fix[] = [];
    if (others.length === 1) {
      const o = others[0].code;
      fixes.push({ title: `Change code to ${o}`, start: t.start, end: t.end, newText: t.system === 'icd10cm' && !t.text.includes('.') ? o.replace('.', '') : o });
    }
    if (off.replaceable) {
      fixes.push({ title: `Replace the description with the official one`, start: t.stated.start, end: t.stated.end, newText: off.text });
    }
    const otherNote = other && !why.includes(other) ? ` The description given is that of ${other}.` : '';
    return {
      start: t.start,
      end: t.end,
      message: `The description given for ${t.text} ("${stated}") does not match ${t.text}: ${why}. The ${off.label} is "${off.text}".${otherNote}`,
      related: [{ start: t.stated.start, end: t.stated.end, message: 'description written in the document' }],
      fixes,
      data: { official: off.text, other },
    };
  },
};
