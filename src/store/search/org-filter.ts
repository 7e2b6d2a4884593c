/**
 * `org:` as every engine applies it (docs/architecture.md §6, §10): a paper is from an organization when the value
 * is its Hugging Face handle (`mhuglab` for `MHUGLab`) or appears in its display name (`nvidia` in `NVIDIA Research`).
 * Both sides arrive lower-cased; the SQL filters (sqlite/search/exhaustive.ts, postgres/search/baseline.ts) say the same.
 */
export function organizationMatches(org: string, name: string, handle: string): boolean {
  return handle === org || name.includes(org);
}
