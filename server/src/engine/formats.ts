import { looksDelimited } from './scanner/delimited';
import { looksX12 } from './scanner/x12-read';

import type { DocumentFormat } from './scanner/tokens';
export type { DocumentFormat };

const X12_EXTENSION = /\.(?:x12|837|837p|837i|edi)$/i;
const DELIMITED_EXTENSION = /\.(?:csv|tsv|psv|tab)$/i;
/** files that may be either: a plain-text export is a table when its first line is a delimited header */
const SNIFFED_EXTENSION = /\.(?:txt|text|dat|out)$/i;

/**
 * The format of a document from what is known about it: the editor's language id (csv, tsv and the Rainbow CSV
 * variants, x12), else the file name, else its content (an interchange starts with "ISA", whatever its name). The
 * CLI and the language server both ask this, so a file is read the same way in both.
 */
export function formatFor(doc: { path?: string; languageId?: string; text?: string }): DocumentFormat {
  const lang = doc.languageId?.toLowerCase();
  if (lang === 'x12' || (doc.path && X12_EXTENSION.test(doc.path))) return 'x12';
  if (doc.text !== undefined && looksX12(doc.text)) return 'x12';
  if (lang && /^(?:csv|tsv|psv)\b/.test(lang)) return 'csv';
  if (doc.path && DELIMITED_EXTENSION.test(doc.path)) return 'csv';
  if (lang === 'markdown' || lang === 'clinical-note' || (doc.path && /\.(?:md|markdown|note|ccnote)$/i.test(doc.path))) return 'note';
  const sniff = (!doc.path || SNIFFED_EXTENSION.test(doc.path) || !/\.[A-Za-z0-9]+$/.test(doc.path) || lang === 'plaintext') && doc.text !== undefined;
  return sniff && looksDelimited(doc.text!) ? 'csv' : 'note';
}
