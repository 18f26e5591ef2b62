// Sizes as the build reports them.

/** `512` → `512 B`, `34149` → `34.1 kB`, `1234567` → `1.2 MB` (decimal units, one decimal). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`;
}
