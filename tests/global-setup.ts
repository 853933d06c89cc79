// Builds the tiny deterministic models once before the suite when they are absent.
export default async function setup(): Promise<void> {
  const { ensureTinyModels } = await import('./tiny/build.ts');
  await ensureTinyModels();
}
