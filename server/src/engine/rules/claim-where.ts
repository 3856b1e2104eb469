import type { Claim, ServiceLine } from '../claims/model';
import type { RuleContext } from './rule';

/**
 * How claim rules name where a finding is: "line 2 of claim C1" in claim files, "this note" for a note (one
 * implicit claim with no id of its own).
 */
export function onClaim(claim: Claim, ctx: RuleContext): string {
  return ctx.format === 'note' ? 'in this document' : `on claim ${claim.id}`;
}

export function lineOf(line: ServiceLine, claim: Claim, ctx: RuleContext): string {
  return ctx.format === 'note' ? `in this document (line ${line.line + 1})` : `on line ${line.number} of claim ${claim.id}`;
}

/** A service line's date of service: its own, else its claim's, else the date its procedure code was judged at. */
export function lineDate(line: ServiceLine, claim: Claim, ctx: RuleContext): string {
  return line.date?.value ?? claim.from?.value ?? line.procedure?.service?.date ?? ctx.dateOfService;
}
