import type { CptModifiersBundle, HcpcsModifierRow } from '../data/bundle-types';
import { isoFromCompact } from '../dates';

export interface ModifierInfo {
  code: string;
  level: 'CPT' | 'HCPCS';
  name: string;
  meaning: string;
  termDate?: string;
}

/** CPT Level I (hand-written table) and HCPCS Level II modifiers. */
export class ModifierSystem {
  private readonly byCode = new Map<string, ModifierInfo>();

  constructor(parts: { cpt?: CptModifiersBundle; hcpcs?: HcpcsModifierRow[] }) {
    for (const m of parts.cpt?.rows ?? []) {
      this.byCode.set(m.code, { code: m.code, level: 'CPT', name: m.name, meaning: m.meaning });
    }
    for (const r of parts.hcpcs ?? []) {
      if (this.byCode.has(r[0])) continue;
      // Level II modifiers have one official wording (the long descriptor); the short one is an abbreviation of it
      this.byCode.set(r[0], { code: r[0], level: 'HCPCS', name: r[1] || r[2], meaning: '', termDate: isoFromCompact(r[5]) || undefined });
    }
  }

  get(code: string): ModifierInfo | undefined {
    return this.byCode.get(code.toUpperCase());
  }

  all(): ModifierInfo[] {
    return [...this.byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  }
}
