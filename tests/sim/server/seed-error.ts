/**
 * A seed folder that cannot be loaded. The message is French and names the file, the element
 * and the problem, so whoever wrote the seed knows exactly what to fix.
 */
export class SeedError extends Error {
  override readonly name = 'SeedError';

  constructor(
    readonly file: string,
    readonly element: string,
    readonly problem: string,
  ) {
    super(`Graine du simulateur — fichier ${file}, élément ${element} : ${problem}`);
  }
}
