import type { Rule, RuleContext } from './rule';
import type { CodeToken } from '../scanner/tokens';
import { icdStatus, likeWritten, listCodes } from './icd10-status';
import { contentWords } from '../text/description-compare';

export const icd10HeaderNotBillable: Rule = {
  id: 'icd10.header-not-billable',
  defaultSeverity: 'error',
  description: 'ICD-10-CM header (category or subcategory) reported where a billable code is required.',
  summary: 'a category/subcategory header; lists the billable codes, best match for the written description first',
  docs: 'Claims need a billable ICD-10-CM code; a category or subcategory header is rejected. Replace it with one of its billable codes: the one whose title matches the description written next to the code is listed (and offered as a fix) first.',
  tags: ['header'],
  fixable: true,
  systems: ['icd10cm'],
  fires(t, ctx) {
    return !!header(t, ctx);
  },
  check(t, ctx) {
    const s = header(t, ctx);
    if (!s) return;
    const icd = ctx.data.icd10;
    const ed = icd.editions[ctx.icdEdition];
    // Rank children by how well they fit a description written next to the code.
    let children = s.children;
    let matched: string | undefined;
    if (t.stated) {
      const words = contentWords(t.stated.text);
      const score = (title: string) => {
        const w = contentWords(title);
        let n = 0;
        for (const x of words) if (w.has(x)) n++;
        return n / Math.max(w.size, words.size, 1);
      };
      children = [...children].sort((a, b) => score(b.long) - score(a.long));
      if (children.length && score(children[0].long) >= 0.99) matched = children[0].dotted;
    }
    const split = icd.history(t.code).filter((h) => h.kind === 'became-header' && h.edition <= ctx.icdEdition).pop();
    const when = split && icd.editions[split.edition];
    const history = when ? ` It was billable before ${when.start} and became a header in ${when.id}.` : '';
    const fit = matched ? ` The description given ("${t.stated!.text}") is that of ${matched}.` : '';
    return {
      start: t.start,
      end: t.end,
      message:
        `${s.code.dotted} "${s.code.long}" is a header, not a billable code (ICD-10-CM ${ed.id}); claims need one of its ` +
        `${children.length} billable codes: ${listCodes(children)}.${fit}${history}`,
      fixes: children.slice(0, 20).map((c, i) => ({
        title: `Change to ${c.dotted} ${c.long}`,
        start: t.start,
        end: t.end,
        newText: likeWritten(t.text, c.code),
        preferred: i === 0 && !!matched,
      })),
      data: { children: children.map((c) => c.dotted), matched },
    };
  },
};

/** The header's status when the token is a header code (check's one finding), else undefined. */
function header(t: CodeToken, ctx: RuleContext) {
  if (t.system !== 'icd10cm') return undefined;
  // "E11.31-", "J45.-": the document means the header and the codes under it
  if (t.open) return undefined;
  const s = icdStatus(ctx.data.icd10, t.code, ctx.icdEdition);
  return s.kind === 'header' ? s : undefined;
}
