import { unzipSync } from 'fflate';

/** Names of the entries in a zip archive (nothing is decompressed). */
export function listZip(zip: Uint8Array): string[] {
  const names: string[] = [];
  unzipSync(zip, {
    filter: (f) => {
      names.push(f.name);
      return false;
    },
  });
  return names;
}

/**
 * One member of a zip, matched by its base name (CMS zips sometimes nest members in a folder).
 * Returns undefined when absent so the caller can name the zip and the member in its error.
 */
export function readZipMember(zip: Uint8Array, member: string): Uint8Array | undefined {
  const base = (n: string) => n.slice(n.lastIndexOf('/') + 1);
  const out = unzipSync(zip, { filter: (f) => f.name === member || base(f.name) === member });
  const key = Object.keys(out).find((n) => n === member) ?? Object.keys(out)[0];
  return key === undefined ? undefined : out[key];
}
