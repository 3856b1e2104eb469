import { XMLParser } from 'fast-xml-parser';
import type { Icd10NotesBundle, IcdNoteSet, IcdSeventh } from '../../../server/src/engine/data/bundle-types.js';
import { decodeText, squash } from '../lib/text.js';

/**
 * CDC ICD-10-CM tabular XML (icd10cm_tabular_YYYY.xml) → instructional notes, chapters, sections, 7th characters.
 * Parsed with preserveOrder because order carries meaning inside <sevenChrDef>: a <note> there is an inclusion
 * term of the <extension> just before it (e.g. S52 "B" … "initial encounter for open fracture NOS").
 */

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const NOTE_ELEMENTS: Record<string, keyof IcdNoteSet> = {
  includes: 'includes',
  inclusionTerm: 'inclusionTerm',
  excludes1: 'excludes1',
  excludes2: 'excludes2',
  codeFirst: 'codeFirst',
  useAdditionalCode: 'useAdditionalCode',
  codeAlso: 'codeAlso',
  notes: 'notes',
};

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@');
}

function childrenOf(node: OrderedNode): OrderedNode[] {
  const tag = tagOf(node);
  const c = tag === undefined ? undefined : node[tag];
  return Array.isArray(c) ? (c as OrderedNode[]) : [];
}

function textOf(node: OrderedNode): string {
  if (typeof node['#text'] === 'string' || typeof node['#text'] === 'number') return String(node['#text']);
  return childrenOf(node).map(textOf).join(' ');
}

function child(node: OrderedNode, tag: string): OrderedNode | undefined {
  return childrenOf(node).find((c) => tagOf(c) === tag);
}

function childText(node: OrderedNode, tag: string): string {
  const c = child(node, tag);
  return c ? squash(textOf(c)) : '';
}

/** Collects the <note> texts of every instructional-note element directly under `node`. */
function noteSetOf(node: OrderedNode): IcdNoteSet | undefined {
  const set: IcdNoteSet = {};
  let any = false;
  for (const c of childrenOf(node)) {
    const key = NOTE_ELEMENTS[tagOf(c) ?? ''];
    if (!key) continue;
    const texts = childrenOf(c)
      .filter((n) => tagOf(n) === 'note')
      .map((n) => squash(textOf(n)))
      .filter(Boolean);
    if (texts.length === 0) continue;
    (set[key] ??= []).push(...texts);
    any = true;
  }
  return any ? set : undefined;
}

function seventhOf(node: OrderedNode): IcdSeventh | undefined {
  const def = child(node, 'sevenChrDef');
  if (!def) return undefined;
  const defs: Record<string, string> = {};
  let last: string | undefined;
  for (const c of childrenOf(def)) {
    const tag = tagOf(c);
    if (tag === 'extension') {
      last = c[':@']?.char;
      if (last) defs[last] = squash(textOf(c));
    } else if (tag === 'note' && last) {
      defs[last] += ` (includes: ${squash(textOf(c))})`;
    }
  }
  const out: IcdSeventh = { defs };
  const noteEl = child(node, 'sevenChrNote');
  if (noteEl) {
    const note = childrenOf(noteEl)
      .map((n) => squash(textOf(n)))
      .filter(Boolean)
      .join(' ');
    if (note) out.note = note;
  }
  return out;
}

const RANGE_RE = /\s*\(([A-Z][0-9A-Z]{2})(?:-([A-Z][0-9A-Z]{2}))?\)\s*$/;

/** "Intestinal infectious diseases (A00-A09)" → ["Intestinal infectious diseases", "A00", "A09"] */
export function splitRange(desc: string): [string, string, string] {
  const m = RANGE_RE.exec(desc);
  if (!m) return [desc, '', ''];
  return [desc.slice(0, m.index).trim(), m[1], m[2] ?? m[1]];
}

/** Edition label from a file name: icd10cm_tabular_2026.xml → "FY2026". */
export function tabularEditionFromName(fileName: string): string | undefined {
  const m = /icd10cm[-_]tabular[-_](\d{4})\.xml$/i.exec(fileName);
  return m ? `FY${m[1]}` : undefined;
}

export function parseIcdTabularXml(input: string | Uint8Array, edition: string): Icd10NotesBundle {
  const xml = decodeText(input, 'utf-8');
  const doc = parser.parse(xml) as OrderedNode[];
  const root = doc.find((n) => tagOf(n) === 'ICD10CM.tabular');
  if (!root) throw new Error('tabular XML: root element <ICD10CM.tabular> not found');
  const bundle: Icd10NotesBundle = { edition, chapters: [], sections: [], notes: {}, seventh: {} };

  const visitDiag = (diag: OrderedNode) => {
    const name = childText(diag, 'name');
    if (!name) throw new Error('tabular XML: <diag> without <name>');
    const code = name.replace('.', '');
    const notes = noteSetOf(diag);
    if (notes) bundle.notes[code] = notes;
    const seventh = seventhOf(diag);
    if (seventh) bundle.seventh[code] = seventh;
    for (const c of childrenOf(diag)) if (tagOf(c) === 'diag') visitDiag(c);
  };

  for (const chapter of childrenOf(root).filter((n) => tagOf(n) === 'chapter')) {
    const [desc, first, last] = splitRange(childText(chapter, 'desc'));
    const refs = new Map<string, { first: string; last: string }>();
    for (const ref of childrenOf(child(chapter, 'sectionIndex') ?? {})) {
      const a = ref[':@'];
      if (tagOf(ref) === 'sectionRef' && a?.id) refs.set(a.id, { first: a.first ?? '', last: a.last ?? '' });
    }
    const sectionsHere: Icd10NotesBundle['sections'] = [];
    for (const section of childrenOf(chapter).filter((n) => tagOf(n) === 'section')) {
      const id = section[':@']?.id ?? '';
      const [sdesc, sfirst, slast] = splitRange(childText(section, 'desc'));
      const ref = refs.get(id);
      const [idFirst, idLast = idFirst] = id.split('-');
      const entry: Icd10NotesBundle['sections'][number] = {
        id,
        desc: sdesc,
        first: ref?.first || sfirst || idFirst,
        last: ref?.last || slast || idLast,
      };
      const sn = noteSetOf(section);
      if (sn) entry.notes = sn;
      sectionsHere.push(entry);
      for (const d of childrenOf(section)) if (tagOf(d) === 'diag') visitDiag(d);
    }
    const chapterEntry: Icd10NotesBundle['chapters'][number] = {
      num: childText(chapter, 'name'),
      desc,
      first: first || sectionsHere[0]?.first || '',
      last: last || sectionsHere[sectionsHere.length - 1]?.last || '',
    };
    const cn = noteSetOf(chapter);
    if (cn) chapterEntry.notes = cn;
    bundle.chapters.push(chapterEntry);
    bundle.sections.push(...sectionsHere);
  }
  if (bundle.chapters.length === 0) throw new Error('tabular XML: no <chapter> elements');
  return bundle;
}
