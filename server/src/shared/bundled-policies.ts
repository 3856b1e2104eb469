import { validatePolicyPack, type PolicyPack } from '../engine';
import bcbsriStemCellPad from '../../../data/policies/bcbsri-stem-cell-pad.json';

/**
 * The payer policy packs shipped with the extension and the CLI: data/policies/*.json, inlined into dist/server.js
 * and dist/cli.js by esbuild at build time (small JSON; listed here, one import each).
 */
const BUNDLED: Record<string, unknown> = { 'bcbsri-stem-cell-pad.json': bcbsriStemCellPad };

export function bundledPolicies(): PolicyPack[] {
  return Object.entries(BUNDLED).map(([name, json]) => {
    const r = validatePolicyPack(json, `bundled:${name}`);
    if (!r.ok) throw new Error(`bundled policy pack ${name} is invalid: ${r.problems.join('; ')}`);
    return r.pack;
  });
}
