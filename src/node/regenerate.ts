/** Rebuild the embedded default dataset in data/ from the generator with its fixed seed. */
export async function regenerateEmbeddedData(_args: readonly string[]): Promise<void> {
  throw new Error('not yet implemented');
}
