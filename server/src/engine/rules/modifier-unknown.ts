import type { Rule } from './rule';
import type { CodeToken } from '../scanner/tokens';
import type { Fix } from '../findings';

function removalFix(t: CodeToken): Fix | undefined {
  // "0264T-00" → "0264T": remove the hyphen too
  if (t.parentVia === 'suffix') return { title: `Remove modifier ${t.text}`, start: t.start - 1, end: t.end, newText: '', preferred: true };
  return undefined;
}

export const modifierUnknown: Rule = {
  id: 'modifier.unknown',
  defaultSeverity: 'error',
  description: 'A modifier that is neither a CPT (Level I) nor a HCPCS Level II modifier, or one that has been discontinued.',
  summary: 'not a CPT or HCPCS Level II modifier, or discontinued',
  docs: 'The modifier is neither a CPT (Level I) nor a HCPCS Level II modifier, or it was discontinued on or before the date of service; payers reject the line. Remove it or write the intended modifier. "00" is not a modifier: when none applies, leave the modifier field empty.',
  tags: ['unknown'],
  fixable: true,
  systems: ['modifier'],
  check(t, ctx) {
    if (t.system !== 'modifier') return;
    const info = ctx.data.modifiers.get(t.code);
    if (info) {
      if (info.termDate && info.termDate <= ctx.dateOfService) {
        return {
          start: t.start,
          end: t.end,
          message: `Modifier ${t.code} "${info.name}" was discontinued on ${info.termDate}; payers reject it for the date of service ${ctx.dateOfService}.`,
          fixes: [removalFix(t)].filter((f): f is Fix => !!f),
        };
      }
      return;
    }
    const why =
      t.code === '00'
        ? '"00" is not a modifier: when no modifier applies, leave the modifier field empty.'
        : !/^[0-9A-Z]{2}$/.test(t.code)
          ? `"${t.text}" in a modifier column is not a modifier: modifiers are two letters or digits (e.g. 25, RT, XS); payers reject the line.`
          : `Modifier ${t.code} is not a CPT or HCPCS Level II modifier; payers reject the line.`;
    return { start: t.start, end: t.end, message: why, fixes: [removalFix(t)].filter((f): f is Fix => !!f) };
  },
};
