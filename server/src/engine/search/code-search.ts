import MiniSearch from 'minisearch';
import type { CodeData } from '../code-data';
import type { CodeSystemId } from '../scanner/tokens';

export interface SearchHit {
  system: CodeSystemId;
  code: string;
  /** as it should be inserted (ICD-10-CM dotted) */
  display: string;
  description: string;
  billable?: boolean;
  score: number;
}

interface Doc {
  id: number;
  system: CodeSystemId;
  code: string;
  display: string;
  text: string;
  billable?: boolean;
}

/**
 * Word search over official descriptions (MiniSearch: prefix + fuzzy matching, BM25 ranking). The index is built
 * on first use — never at start-up — and billable ICD-10-CM codes are ranked above headers.
 */
export class CodeSearch {
  private index: MiniSearch<Doc> | undefined;
  private docs: Doc[] = [];

  constructor(private readonly data: CodeData, private readonly edition = data.icd10.current) {}

  get built(): boolean {
    return !!this.index;
  }

  private building: Promise<void> | undefined;

  build(): void {
    if (this.index) return;
    const docs = this.documents();
    const ms = new MiniSearch<Doc>({ fields: ['text'], storeFields: [], idField: 'id' });
    ms.addAll(docs);
    this.docs = docs;
    this.index = ms;
  }

  /** Same index, built in chunks that yield to the event loop (a server keeps answering while it builds). */
  buildAsync(): Promise<void> {
    if (this.index) return Promise.resolve();
    this.building ??= (async () => {
      const docs = this.documents();
      const ms = new MiniSearch<Doc>({ fields: ['text'], storeFields: [], idField: 'id' });
      await ms.addAllAsync(docs, { chunkSize: 2000 });
      this.docs = docs;
      this.index = ms;
    })();
    return this.building;
  }

  private documents(): Doc[] {
    const docs: Doc[] = [];
    const add = (d: Omit<Doc, 'id'>) => docs.push({ ...d, id: docs.length });
    for (const c of this.data.icd10.allCodes(this.edition)) {
      add({ system: 'icd10cm', code: c.code, display: c.dotted, text: c.long, billable: c.billable });
    }
    for (const sys of ['hcpcs', 'cpt'] as const) {
      for (const code of this.data.procedures.codes(sys)) {
        const p = this.data.procedures.get(code);
        if (p?.descriptor) add({ system: sys, code, display: code, text: p.descriptor.text });
      }
    }
    for (const m of this.data.modifiers.all()) add({ system: 'modifier', code: m.code, display: m.code, text: `${m.name} ${m.meaning}` });
    for (const t of this.data.taxonomy.all()) {
      add({ system: 'taxonomy', code: t.code, display: t.code, text: [t.grouping, t.classification, t.specialization].filter(Boolean).join(' ') });
    }
    for (const p of this.data.pos.all()) add({ system: 'pos', code: p.code, display: p.code, text: p.name });
    return docs;
  }

  /**
   * Code-prefix search when the query looks like a code ("M79.6", "9921", "0264"), word search otherwise.
   */
  search(query: string, opts: { limit?: number; systems?: CodeSystemId[] } = {}): SearchHit[] {
    const limit = opts.limit ?? 50;
    const q = query.trim();
    if (!q) return [];
    this.build();
    const allowed = opts.systems ? new Set(opts.systems) : undefined;
    const codeLike = /^[A-Z0-9][A-Z0-9.]{1,9}$/i.test(q) && /\d/.test(q);
    const hits: SearchHit[] = [];
    if (codeLike) {
      const prefix = q.toUpperCase().replace('.', '');
      for (const d of this.docs) {
        if (allowed && !allowed.has(d.system)) continue;
        if (d.code.startsWith(prefix)) hits.push(this.hit(d, 1000 - d.code.length + (d.billable ? 1 : 0)));
      }
      hits.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
      return hits.slice(0, limit);
    }
    const results = this.index!.search(q, {
      prefix: (term) => term.length >= 2,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      combineWith: 'AND',
      filter: allowed ? (r) => allowed.has(this.docs[r.id as number].system) : undefined,
    });
    for (const r of results) {
      const d = this.docs[r.id as number];
      // favour billable codes and shorter (more exact) titles
      const boost = (d.billable === false ? 0.6 : 1) * (1 + 4 / (4 + d.text.split(' ').length));
      hits.push(this.hit(d, r.score * boost));
    }
    hits.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
    return hits.slice(0, limit);
  }

  private hit(d: Doc, score: number): SearchHit {
    return { system: d.system, code: d.code, display: d.display, description: d.text, billable: d.billable, score };
  }
}
