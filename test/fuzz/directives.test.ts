// Fuzzing the in-document directive parser (server/src/engine/directives.ts) on notes with directives in many
// comment styles: never an exception, and what it suppresses follows from the directives written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDirectives } from '../../server/src/engine/directives';
import { Layout } from '../../server/src/engine/scanner/layout';
import { RULE_ID_SAMPLES, directiveArb } from './generators';
import { fuzz } from './harness';

const FILE = 'test/fuzz/directives.test.ts';
const filler = fc.constantFrom('Dx: M79.64', 'CPT 99213-25', '', 'note', 'clinical-codes:', 'clinical-codes: columns A=dx', '| a | b |');
const eol = fc.constantFrom('\n', '\r\n', '\r');
const doc = fc.tuple(fc.array(fc.oneof(directiveArb(), filler), { maxLength: 8 }), eol).map(([lines, e]) => lines.join(e));

interface Written {
  line: number;
  kind: string;
  ids: string[];
}

/**
 * The directives as written: the rule list is the run of rule-id characters after the kind (it ends at anything
 * else, such as "-->" or "*"), and its words shaped like rule ids; none means every rule.
 */
function written(text: string, layout: Layout): Written[] {
  const out: Written[] = [];
  for (const m of text.matchAll(/clinical-codes:\s*(disable-next-line|disable-line|disable|enable)(?![\w-])((?:[ \t]+[a-z0-9.\- \t,]*)?)/g)) {
    const ids = m[2].split(/[\s,]+/).filter((r) => /^[a-z0-9]+\.[a-z0-9.-]+$/.test(r));
    out.push({ line: layout.lineAt(m.index), kind: m[1], ids });
  }
  return out;
}

/** Whether a rule is off on a line that holds no directive: the block directives before it, in order, then line directives. */
function model(ds: Written[], rule: string, line: number): boolean {
  const names = (d: Written) => !d.ids.length || d.ids.includes(rule);
  let all = false;
  let on = false;
  let except = false;
  for (const d of ds) {
    if (d.line >= line || (d.kind !== 'disable' && d.kind !== 'enable')) continue;
    if (!names(d)) continue;
    if (d.kind === 'disable') {
      if (d.ids.length) on = true;
      else all = true;
      except = false;
    } else if (d.ids.length) {
      on = false;
      if (all) except = true;
    } else all = on = except = false;
  }
  const lineDirective = ds.some((d) => names(d) && ((d.kind === 'disable-line' && d.line === line) || (d.kind === 'disable-next-line' && d.line + 1 === line)));
  return lineDirective || on || (all && !except);
}

test('fuzz: directives', () => {
  fuzz('directives (parseDirectives)', FILE, doc, (text) => {
    const layout = new Layout(text, 'note');
    const s = parseDirectives(text, layout);
    const ds = written(text, layout);
    const lines = layout.lineStarts.length;
    const first = ds.length ? Math.min(...ds.map((d) => d.line)) : Infinity;
    for (const rule of RULE_ID_SAMPLES) {
      for (let l = 0; l <= lines; l++) {
        const got = s.isSuppressed(rule, l);
        assert.equal(typeof got, 'boolean');
        // nothing is suppressed before the first directive
        if (l < first) assert.equal(got, false, `${rule} suppressed on line ${l}, before any directive`);
        // a line directive suppresses its own line or the next
        const names = (d: Written) => !d.ids.length || d.ids.includes(rule);
        if (ds.some((d) => d.kind === 'disable-line' && d.line === l && names(d))) assert.ok(got, `${rule} not suppressed by disable-line on line ${l}`);
        if (ds.some((d) => d.kind === 'disable-next-line' && d.line + 1 === l && names(d))) assert.ok(got, `${rule} not suppressed by disable-next-line on line ${l - 1}`);
        // lines between directives: exactly what the directives before them say
        if (!ds.some((d) => d.line === l)) assert.equal(got, model(ds, rule, l), `${rule} on line ${l}`);
      }
    }
  }, { ms: 6_000 });
});
