import type { CptModifierEntry, CptModifiersBundle } from '../../../server/src/engine/data/bundle-types.js';

/** Validates the hand-written data/tables/cpt-modifiers.json (our own wording; CPT descriptors are AMA-licensed). */

export function parseCptModifierTable(json: string): CptModifiersBundle {
  const data = JSON.parse(json) as { edition?: unknown; rows?: unknown };
  if (typeof data.edition !== 'string' || !data.edition) throw new Error('cpt-modifiers.json: "edition" missing');
  if (!Array.isArray(data.rows)) throw new Error('cpt-modifiers.json: "rows" must be an array');
  const seen = new Set<string>();
  const rows = data.rows.map((r: Record<string, unknown>, i): CptModifierEntry => {
    const where = `cpt-modifiers.json rows[${i}]`;
    if (typeof r.code !== 'string' || !/^(?:\d{2}|\dP)$/.test(r.code)) throw new Error(`${where}: code must be two digits, or a digit and P (Category II performance modifiers)`);
    if (seen.has(r.code)) throw new Error(`${where}: duplicate modifier ${r.code}`);
    seen.add(r.code);
    if (typeof r.name !== 'string' || !r.name.trim()) throw new Error(`${where}: name missing`);
    if (typeof r.meaning !== 'string' || !r.meaning.trim()) throw new Error(`${where}: meaning missing`);
    // which codes a modifier fits is the engine's judgement (engine/systems/modifier-fit.ts), not this table's
    const extra = Object.keys(r).filter((k) => k !== 'code' && k !== 'name' && k !== 'meaning');
    if (extra.length) throw new Error(`${where}: unexpected field "${extra[0]}" (a row has code, name and meaning)`);
    return { code: r.code, name: r.name.trim(), meaning: r.meaning.trim() };
  });
  return { edition: data.edition, rows: rows.sort((a, b) => a.code.localeCompare(b.code)) };
}
