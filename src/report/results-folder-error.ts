/**
 * A results folder that cannot be read: missing, not a folder, or a file in it damaged. The message
 * names the folder or file (and line and field path where there is one); the CLI prints it without
 * a stack and exits 2 (bad input).
 */
export class ResultsFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultsFolderError';
  }
}
