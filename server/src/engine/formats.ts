/** Which reader a document gets: prose and markdown tables ('note') or a delimited file with a header row ('csv'). */
export type DocumentFormat = 'note' | 'csv';

/**
 * The format of a document from what is known about it: the editor's language id, else the file name or URI.
 * The CLI and the language server both ask this, so a file is read the same way in both.
 */
export function formatFor(doc: { path?: string; languageId?: string }): DocumentFormat {
  if (doc.languageId === 'csv') return 'csv';
  return doc.path && /\.csv$/i.test(doc.path) ? 'csv' : 'note';
}
