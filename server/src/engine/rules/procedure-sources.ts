import type { CodeData } from '../code-data';

/** "MPFS CY2022-CY2025, MUE 2026 Q2, AOC 2026 Q2": the files that decide whether a CPT code is known. */
export function cptSources(data: CodeData): string {
  const e = data.procedures.editions;
  const parts = [e.mpfs && `MPFS ${e.mpfs}`, e.mue && `MUE ${e.mue}`, e.aoc && `AOC ${e.aoc}`].filter(Boolean);
  if (data.procedures.userDescriptorCount) parts.push('your CPT descriptor file');
  return parts.join(', ') || 'no CPT data';
}

